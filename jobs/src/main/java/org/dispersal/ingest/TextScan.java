package org.dispersal.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The first pass over a CSV file: finds its encoding from the content (never the name) by strict
 * decoding, and notes what the parser cannot tell: an unclosed quote at the end, whether the file
 * ends with a line break, the longest line and NUL characters.
 */
final class TextScan {
  /** Opens the file's bytes from the start, once per attempt. */
  interface Opener {
    InputStream open() throws IOException;
  }

  /** What the scan found; {@code bomBytes} are skipped before parsing. */
  record Result(String encoding, Charset charset, int bomBytes, boolean endsWithLineBreak) {}

  static final String UTF8 = "UTF-8";
  static final String UTF8_BOM = "UTF-8-BOM";
  static final String GBK = "GBK";
  static final String GB18030 = "GB18030";

  private static final byte[] UTF8_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private enum Quote {
    FIELD_START,
    UNQUOTED,
    QUOTED,
    CLOSED
  }

  private TextScan() {}

  /**
   * Detects the encoding and checks the file as text.
   *
   * @throws FileRejection for file.undecodable, file.too_large (a line longer than the limit) and
   *     file.truncated (the file ends inside a quoted field)
   */
  static Result scan(Opener opener, int maxLineChars) throws IOException {
    byte[] head = new byte[4];
    int n;
    try (InputStream in = opener.open()) {
      n = in.readNBytes(head, 0, 4);
    }
    boolean bom =
        n >= 3 && head[0] == UTF8_MARK[0] && head[1] == UTF8_MARK[1] && head[2] == UTF8_MARK[2];
    if (n >= 2
        && ((head[0] == (byte) 0xFF && head[1] == (byte) 0xFE)
            || (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF))) {
      throw new FileRejection(
          Rules.FILE_UNDECODABLE,
          "文件是 UTF-16 编码, 请另存为 UTF-8 或 GBK / the file is UTF-16 text: save it as UTF-8 or GBK");
    }
    List<String> candidates = bom ? List.of(UTF8_BOM) : List.of(UTF8, GBK, GB18030);
    long failedAtLine = 0;
    for (String encoding : candidates) {
      Charset charset =
          encoding.startsWith(UTF8) ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      Scanner s = new Scanner(maxLineChars);
      try (InputStream in = opener.open()) {
        if (bom) {
          in.skipNBytes(UTF8_MARK.length);
        }
        if (s.decode(in, charset)) {
          return s.result(encoding, charset, bom ? UTF8_MARK.length : 0);
        }
      }
      failedAtLine = Math.max(failedAtLine, s.lines + 1);
    }
    String where = Rules.row(failedAtLine) + "附近";
    throw new FileRejection(
        Rules.FILE_UNDECODABLE,
        bom
            ? "文件以 UTF-8 标记开头, 但"
                + where
                + "的内容不是 UTF-8 (混用了编码?) / starts with a UTF-8"
                + " byte-order mark but is not UTF-8 near line "
                + Rules.count(failedAtLine)
                + " (mixed encodings?)"
            : "文件不是 UTF-8、GBK 或 GB18030 文本 ("
                + where
                + ") / not UTF-8, GBK or GB18030 text"
                + " (near line "
                + Rules.count(failedAtLine)
                + ")");
  }

  /** One strict decoding attempt with the text checks running alongside. */
  private static final class Scanner {
    private final int maxLineChars;
    private Quote quote = Quote.FIELD_START;
    private long lines;
    private int lineLength;
    private char last;

    Scanner(int maxLineChars) {
      this.maxLineChars = maxLineChars;
    }

    /** False if the bytes are not valid in the charset. */
    boolean decode(InputStream in, Charset charset) throws IOException {
      CharsetDecoder decoder =
          charset
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
      byte[] bytes = new byte[1 << 16];
      ByteBuffer bb = ByteBuffer.allocate(1 << 16);
      CharBuffer cb = CharBuffer.allocate(1 << 16);
      boolean end = false;
      while (!end) {
        int read = in.read(bytes, 0, bb.remaining());
        end = read < 0;
        if (read > 0) {
          bb.put(bytes, 0, read);
        }
        bb.flip();
        CoderResult r;
        do {
          r = decoder.decode(bb, cb, end);
          if (r.isError()) {
            return false;
          }
          consume(cb);
        } while (r.isOverflow());
        bb.compact();
      }
      CoderResult r = decoder.flush(cb);
      consume(cb);
      return !r.isError();
    }

    private void consume(CharBuffer cb) {
      cb.flip();
      while (cb.hasRemaining()) {
        char c = cb.get();
        if (c == '\0') {
          throw new FileRejection(
              Rules.FILE_UNDECODABLE,
              "文件含有 NUL 字符, 不是文本文件 ("
                  + Rules.row(lines + 1)
                  + ") / contains NUL characters:"
                  + " not a text file");
        }
        step(c);
        last = c;
      }
      cb.clear();
    }

    private void step(char c) {
      boolean lineEnd = c == '\n' || (c == '\r');
      if (lineEnd) {
        if (c == '\n' && last == '\r') {
          return; // the second half of CRLF
        }
        lines++;
        lineLength = 0;
      } else if (++lineLength > maxLineChars) {
        throw new FileRejection(
            Rules.FILE_TOO_LARGE,
            Rules.row(lines + 1)
                + "超过 "
                + Rules.count(maxLineChars / 1024)
                + " KB (ingest.max-line-kb)"
                + " / line "
                + Rules.count(lines + 1)
                + " is longer than the limit");
      }
      // RFC 4180: a field is quoted only if it starts with a quote; "" inside is an escaped quote.
      quote =
          switch (quote) {
            case FIELD_START ->
                c == '"'
                    ? Quote.QUOTED
                    : c == ',' || lineEnd || c == ' ' || c == '\t'
                        ? Quote.FIELD_START
                        : Quote.UNQUOTED;
            case UNQUOTED -> c == ',' || lineEnd ? Quote.FIELD_START : Quote.UNQUOTED;
            case QUOTED -> c == '"' ? Quote.CLOSED : Quote.QUOTED;
            case CLOSED ->
                c == '"' ? Quote.QUOTED : c == ',' || lineEnd ? Quote.FIELD_START : Quote.CLOSED;
          };
    }

    Result result(String encoding, Charset charset, int bomBytes) {
      if (quote == Quote.QUOTED) {
        throw new FileRejection(
            Rules.FILE_TRUNCATED,
            "文件在引号内结束, 最后一条记录不完整 ("
                + Rules.row(lines + 1)
                + "附近) / the file ends inside a"
                + " quoted field: the last record is cut off");
      }
      boolean endsWithBreak = last == '\n' || last == '\r';
      return new Result(encoding, charset, bomBytes, endsWithBreak);
    }
  }
}
