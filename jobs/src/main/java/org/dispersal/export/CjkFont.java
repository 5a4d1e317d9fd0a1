package org.dispersal.export;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.io.File;
import java.util.List;
import org.dispersal.common.DispersalException;

/**
 * Finds a font that displays Chinese for the charts: a Noto CJK file when installed, else any
 * installed family that can display the whole sample text; fails rather than draw empty boxes.
 */
final class CjkFont {
  private CjkFont() {}

  /** Where Debian's fonts-noto-cjk puts its fonts. */
  static final List<String> KNOWN_FILES =
      List.of(
          "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
          "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
          "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");

  private static final List<String> LOGICAL =
      List.of("Dialog", "DialogInput", "SansSerif", "Serif", "Monospaced");

  /** The first font of the known files, then of the installed families, displaying the sample. */
  static Font find(String sample) {
    return find(sample, KNOWN_FILES);
  }

  static Font find(String sample, List<String> files) {
    for (String f : files) {
      File file = new File(f);
      if (!file.isFile()) {
        continue;
      }
      try {
        for (Font font : Font.createFonts(file)) {
          if (font.canDisplayUpTo(sample) == -1) {
            return font;
          }
        }
      } catch (java.awt.FontFormatException | java.io.IOException e) {
        // not a usable font file: try the next
      }
    }
    for (String family :
        GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames()) {
      if (LOGICAL.contains(family)) {
        continue;
      }
      Font font = new Font(family, Font.PLAIN, 12);
      if (font.canDisplayUpTo(sample) == -1) {
        return font;
      }
    }
    throw DispersalException.failure(
        "The export cannot draw its charts: no installed font displays \"" + sample + "\"",
        "without a Chinese (CJK) font the chart labels would be empty boxes",
        "install one, e.g. 'apt-get install fonts-noto-cjk' on Debian or Ubuntu, then rerun export",
        null);
  }
}
