package org.dispersal.cli;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;
import org.dispersal.generate.Generator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a long job's progress: a bar redrawn in place on stderr when attached to a terminal,
 * otherwise a plain log line every tenth of the way.
 */
final class ProgressLine implements Generator.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressLine.class);
  private static final int WIDTH = 30;

  private final boolean terminal;
  private final PrintStream err = System.err;
  private long lastDraw;
  private int lastTenth = -1;
  private boolean drawn;

  ProgressLine() {
    Console console = System.console();
    this.terminal = console != null;
  }

  @Override
  public void progress(double fraction, long files, long rows) {
    if (terminal) {
      long now = System.nanoTime();
      if (now - lastDraw > 200_000_000L || fraction >= 1) {
        lastDraw = now;
        int filled = (int) Math.round(fraction * WIDTH);
        err.printf(
            Locale.ROOT,
            "\r[%s%s] %3.0f%%  %,d files  %,d rows",
            "#".repeat(filled),
            " ".repeat(WIDTH - filled),
            fraction * 100,
            files,
            rows);
        err.flush();
        drawn = true;
      }
    } else {
      int tenth = (int) Math.floor(fraction * 10);
      if (tenth > lastTenth && tenth < 10) {
        lastTenth = tenth;
        LOG.info("Generating: {}% done, {} files, {} rows", tenth * 10, files, rows);
      }
    }
  }

  /** Ends the bar's line so the summary starts on a fresh one. */
  void finish() {
    if (drawn) {
      err.println();
      err.flush();
    }
  }
}
