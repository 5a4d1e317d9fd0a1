package org.dispersal;

import org.dispersal.common.DispersalException;
import org.dispersal.export.CjkFontProbe;

/**
 * Whether this machine has a CJK font for the export's charts: `.ci/run` installs one
 * (fonts-noto-cjk), a fresh machine with only JDK and Maven may not, and there the tests that draw
 * charts are skipped rather than failed (the README's test command must still pass).
 */
public final class TestFonts {
  public static final boolean CJK = probe();

  public static final String SKIPPED =
      "skipped: no CJK font on this machine (apt-get install fonts-noto-cjk; .ci/run does)";

  private TestFonts() {}

  /** The export.charts setting for a test run: charts required where a font exists. */
  public static String chartsSetting() {
    return "export.charts=" + (CJK ? "required" : "when-font");
  }

  private static boolean probe() {
    try {
      return CjkFontProbe.available();
    } catch (DispersalException e) {
      return false;
    }
  }
}
