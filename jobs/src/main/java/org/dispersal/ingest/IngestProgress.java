package org.dispersal.ingest;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.spark.util.LongAccumulator;

/**
 * A live progress line on stderr while ingest runs at a terminal; silent otherwise (the log lines
 * at each ledger's end say the same for schedulers).
 */
final class IngestProgress implements AutoCloseable {
  private final PrintStream err;
  private final Thread thread;
  private volatile Supplier<String> status = () -> "";
  private volatile boolean running = true;

  private IngestProgress(PrintStream err) {
    this.err = err;
    if (err == null) {
      thread = null;
      return;
    }
    thread = new Thread(this::loop, "ingest-progress");
    thread.setDaemon(true);
    thread.start();
  }

  /** Live on a console, silent when output goes to a file or a scheduler. */
  static IngestProgress start() {
    return new IngestProgress(System.console() != null ? System.err : null);
  }

  void hashing(Ledger ledger, int files) {
    status =
        () -> String.format(Locale.ROOT, "ingest %s: hashing files (%d)", ledger.folder(), files);
  }

  void parsing(Ledger ledger, int total, LongAccumulator files, LongAccumulator rows) {
    status =
        () ->
            String.format(
                Locale.ROOT,
                "ingest %s: %d of %d files read, %s rows",
                ledger.folder(),
                files.value(),
                total,
                Rules.count(rows.value()));
  }

  void writing(String what) {
    status = () -> "ingest: writing " + what;
  }

  /** Clears the line so that a log line that follows starts clean. */
  void clear() {
    status = () -> "";
    if (thread != null) {
      err.print("\r\033[K");
      err.flush();
    }
  }

  private void loop() {
    while (running) {
      err.print("\r\033[K" + status.get());
      err.flush();
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      err.print("\r\033[K");
      err.flush();
    }
  }
}
