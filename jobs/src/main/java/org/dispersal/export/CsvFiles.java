package org.dispersal.export;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dispersal.export.Sheet.Block;
import org.dispersal.export.Sheet.Column;

/** Writes a sheet as CSV in UTF-8 with a byte-order mark, so Excel shows the Chinese correctly. */
final class CsvFiles {
  private CsvFiles() {}

  static final char BOM = '\uFEFF';

  static void write(Sheet sheet, Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(BOM);
      boolean first = true;
      for (Block b : sheet.blocks()) {
        if (!first) {
          w.write("\r\n");
        }
        first = false;
        if (sheet.blocks().size() > 1) {
          w.write(quote(b.title()) + "\r\n");
        }
        w.write(String.join(",", b.columns().stream().map(c -> quote(c.title())).toList()));
        w.write("\r\n");
        for (List<Object> row : b.rows()) {
          StringBuilder sb = new StringBuilder();
          for (int i = 0; i < b.columns().size(); i++) {
            Column c = b.columns().get(i);
            sb.append(i == 0 ? "" : ",").append(quote(Sheet.text(c, row.get(i))));
          }
          w.write(sb.append("\r\n").toString());
        }
      }
    }
  }

  static String quote(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
