package org.dispersal.export;

/** Opens the package-private font search to the test utilities of other packages. */
public final class CjkFontProbe {
  private CjkFontProbe() {}

  /** True if a font draws the workbook's Chinese; throws the stage's message if none does. */
  public static boolean available() {
    return CjkFont.find("常住人口") != null;
  }
}
