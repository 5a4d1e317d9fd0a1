package org.dispersal.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;

/** A CSV delivery: RFC 4180 quoting, the style's encoding, optional byte-order mark. */
final class CsvDelivery implements Delivery {
  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final String name;
  private final FileStyle style;
  private final Writer out;
  private final int dropColumn;
  private long rows;

  /**
   * Opens the file and writes the header.
   *
   * @param dropColumn a column left out of header and rows (a file missing a column), or -1
   */
  CsvDelivery(Path file, String name, FileStyle style, String[] header, int dropColumn)
      throws IOException {
    this.name = name;
    this.style = style;
    this.dropColumn = dropColumn;
    Files.createDirectories(file.getParent());
    OutputStream stream = Files.newOutputStream(file);
    if (style.bom()) {
      stream.write(UTF8_BOM);
    }
    // Fail loudly on a character the encoding lacks: a silent '?' would be a generator bug.
    this.out =
        new BufferedWriter(
            new OutputStreamWriter(
                stream,
                style
                    .charset()
                    .newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)),
            1 << 16);
    writeLine(header);
  }

  @Override
  public int write(Object[] cells) throws IOException {
    String[] text = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      text[i] = style.text(cells[i]);
    }
    writeLine(text);
    rows++;
    return (int) rows + 1;
  }

  private void writeLine(String[] fields) throws IOException {
    boolean first = true;
    for (int i = 0; i < fields.length; i++) {
      if (i == dropColumn) {
        continue;
      }
      if (!first) {
        out.write(',');
      }
      first = false;
      out.write(quote(fields[i]));
    }
    out.write(style.lineEnd());
  }

  /** RFC 4180: quote a field holding a comma, quote or line break; double inner quotes. */
  static String quote(String field) {
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return '"' + field.replace("\"", "\"\"") + '"';
      }
    }
    return field;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
