package org.dispersal.generate;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A truth file under {@code _truth/}: UTF-8 CSV without BOM, LF line ends, RFC 4180 quoting. */
final class TruthTable implements Closeable {
  private final Writer out;
  private long rows;

  TruthTable(Path file, String... header) throws IOException {
    Files.createDirectories(file.getParent());
    out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
    row((Object[]) header);
    rows = 0;
  }

  void row(Object... fields) throws IOException {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        out.write(',');
      }
      Object f = fields[i];
      String text =
          f == null
              ? ""
              : f instanceof Double d
                  ? java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString()
                  : f.toString();
      out.write(CsvDelivery.quote(text));
    }
    out.write('\n');
    rows++;
  }

  long rows() {
    return rows;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
