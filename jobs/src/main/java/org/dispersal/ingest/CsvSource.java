package org.dispersal.ingest;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;

/** CSV records (RFC 4180, comma-separated) through univocity, the parser Spark itself uses. */
final class CsvSource implements RecordSource {
  private final CsvParser parser;
  private final InputStream in;
  private int row;

  /**
   * @param in the file's bytes after any byte-order mark
   * @param scan the first pass's findings: the charset to decode with
   */
  CsvSource(InputStream in, TextScan.Result scan, int maxLineChars) {
    this.in = in;
    CsvParserSettings s = new CsvParserSettings();
    s.getFormat().setDelimiter(',');
    s.getFormat().setQuote('"');
    s.getFormat().setQuoteEscape('"');
    // Line ends are normalised to \n before parsing (see LineEnds): one file may mix them.
    s.getFormat().setLineSeparator("\n");
    s.setLineSeparatorDetectionEnabled(false);
    s.setHeaderExtractionEnabled(false);
    // Blank lines are rows in Excel too: keep them so row numbers match, then skip them.
    s.setSkipEmptyLines(false);
    s.setMaxCharsPerColumn(maxLineChars);
    s.setMaxColumns(4096);
    // Parse errors must not quote the content: it may hold personal data.
    s.setErrorContentLength(0);
    s.setReadInputOnSeparateThread(false);
    s.setNullValue(null);
    s.setEmptyValue(null);
    parser = new CsvParser(s);
    parser.beginParsing(
        new LineEnds(
            new InputStreamReader(
                in,
                scan.charset()
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT))));
  }

  @Override
  public String[] next() {
    try {
      String[] record = parser.parseNext();
      if (record != null) {
        row++;
      }
      return record;
    } catch (TextParsingException e) {
      if (e.getCause() instanceof java.io.IOException io) {
        // Reading failed (not the content): let the task fail and be retried.
        throw new java.io.UncheckedIOException(io);
      }
      throw new FileRejection(
          Rules.FILE_TOO_LARGE,
          Rules.row(row + 1)
              + "的字段过长或列数过多, 文件可能已损坏 / row "
              + Rules.count(row + 1)
              + " has a field longer than ingest.max-line-kb or too many columns: a broken file?");
    }
  }

  /**
   * CRLF, LF and a lone CR (old Mac exports, files joined from several systems) all as LF, as Excel
   * splits rows, so a file mixing them still has one row a line; the first pass counts lines alike.
   */
  static final class LineEnds extends java.io.FilterReader {
    private boolean afterCr;

    LineEnds(java.io.Reader in) {
      super(in);
    }

    @Override
    public int read() throws java.io.IOException {
      char[] one = new char[1];
      return read(one, 0, 1) < 0 ? -1 : one[0];
    }

    @Override
    public int read(char[] buf, int off, int len) throws java.io.IOException {
      while (true) {
        int n = super.read(buf, off, len);
        if (n <= 0) {
          return n;
        }
        int out = off;
        for (int i = off; i < off + n; i++) {
          char c = buf[i];
          if (c == '\n' && afterCr) {
            afterCr = false;
            continue; // the LF of a CRLF: its CR already became the line end
          }
          afterCr = c == '\r';
          buf[out++] = afterCr ? '\n' : c;
        }
        if (out > off) {
          return out - off;
        }
      }
    }
  }

  @Override
  public int rowNumber() {
    return row;
  }

  @Override
  public boolean fixedWidth() {
    return true;
  }

  @Override
  public void close() {
    parser.stopParsing();
    try {
      in.close();
    } catch (java.io.IOException e) {
      // Closing a read stream: nothing to recover.
    }
  }
}
