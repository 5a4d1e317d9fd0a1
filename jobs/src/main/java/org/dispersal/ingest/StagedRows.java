package org.dispersal.ingest;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;

/**
 * Reads one delivery on an executor and yields its staged rows one at a time: the records, then one
 * file row saying how it went. A whole-file problem found late (a truncated last record, too many
 * rows) still yields a rejecting file row; the stage then drops the delivery's records.
 */
final class StagedRows implements Iterator<Row> {
  /** What a file may be; the last three apply to workbooks. */
  record Limits(
      long maxBytes,
      int maxLineChars,
      long maxRows,
      long maxSheetRows,
      double minInflateRatio,
      long maxEntryBytes)
      implements java.io.Serializable {
    /** The given file, line and row limits with the default workbook limits. */
    Limits(long maxBytes, int maxLineChars, long maxRows) {
      this(
          maxBytes,
          maxLineChars,
          maxRows,
          IngestConfig.EXCEL_ROWS,
          IngestConfig.MIN_INFLATE_RATIO,
          IngestConfig.MAX_ENTRY_MB * (1L << 20));
    }
  }

  private static final byte[] ZIP = {'P', 'K', 3, 4};
  private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};

  private final Ledger ledger;
  private final Limits limits;
  private final Pii pii;
  private final FileSystem fs;
  private final Path path;
  private final String deliveryId;
  private final long size;

  private RecordSource source;
  private TextScan.Result scan;
  private HeaderMap header;
  private String format;
  private String encoding;
  private long rowsRead;
  private String[] held;
  private int heldRow;
  private File localCopy;
  private Row next;
  private boolean ended;
  private boolean finished;

  StagedRows(
      Ledger ledger,
      Limits limits,
      Pii pii,
      FileSystem fs,
      Path path,
      String deliveryId,
      long size) {
    this.ledger = ledger;
    this.limits = limits;
    this.pii = pii;
    this.fs = fs;
    this.path = path;
    this.deliveryId = deliveryId;
    this.size = size;
  }

  /** Rows this file yielded so far that were records (for progress). */
  long rowsRead() {
    return rowsRead;
  }

  @Override
  public boolean hasNext() {
    if (next == null && !finished) {
      next = advance();
    }
    return next != null;
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Row r = next;
    next = null;
    return r;
  }

  private Row advance() {
    try {
      if (source == null) {
        open();
      }
      while (true) {
        String[] cells = ended ? null : source.next();
        if (cells == null) {
          ended = true;
          if (held != null) {
            Row last = emitHeld(true);
            held = null;
            return last;
          }
          if (header == null) {
            throw new FileRejection(
                Rules.FILE_EMPTY, "文件没有表头行 / the file has no header row (only blank lines)");
          }
          return finish(null);
        }
        if (Staging.blank(cells)) {
          continue;
        }
        if (header == null) {
          header = HeaderMap.of(ledger, cells);
          continue;
        }
        if (++rowsRead > limits.maxRows()) {
          throw new FileRejection(
              Rules.FILE_TOO_LARGE,
              "数据行超过 "
                  + Rules.count(limits.maxRows())
                  + " 行 (ingest.max-rows-per-file) / more than "
                  + Rules.count(limits.maxRows())
                  + " data rows");
        }
        if ("xlsx".equals(format) && source.rowNumber() > limits.maxSheetRows()) {
          throw new FileRejection(
              Rules.FILE_TOO_LARGE,
              "工作表超过 "
                  + Rules.count(limits.maxSheetRows())
                  + " 行 (ingest.max-sheet-rows), 不是 Excel 能打开的工作表 / the sheet goes beyond row "
                  + Rules.count(limits.maxSheetRows())
                  + " (ingest.max-sheet-rows; Excel itself stops at 1,048,576)");
        }
        Row out = held == null ? null : emitHeld(false);
        held = cells;
        heldRow = source.rowNumber();
        if (out != null) {
          return out;
        }
      }
    } catch (FileRejection e) {
      return finish(e);
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("Cannot read " + path, e);
    }
  }

  private Row emitHeld(boolean last) {
    int width = header.width();
    boolean lineUp = source.fixedWidth() ? held.length == width : held.length <= width;
    if (last
        && !lineUp
        && source.fixedWidth()
        && held.length < width
        && !scan.endsWithLineBreak()) {
      throw new FileRejection(
          Rules.FILE_TRUNCATED,
          "文件在"
              + Rules.row(heldRow)
              + "中间结束 (只有 "
              + held.length
              + " 个字段, 无换行) / the file ends inside"
              + " row "
              + Rules.count(heldRow)
              + ": "
              + held.length
              + " of "
              + width
              + " fields and no line end");
    }
    int swallowed = lineUp && source.fixedWidth() ? swallowedFields(held, width) : 0;
    if (swallowed > 0) {
      return Staging.misaligned(ledger, deliveryId, heldRow, held, held.length + swallowed, header);
    }
    return lineUp
        ? Staging.record(ledger, deliveryId, heldRow, held, header, pii)
        : Staging.misaligned(ledger, deliveryId, heldRow, held, header);
  }

  /**
   * A stray quote makes a CSV value run over line ends until the next quote, swallowing the records
   * in between while the record may still have the header's width. A quoted value holding a line
   * with as many commas as a whole record is such a case: the commas it hides (the fields the
   * record would have without the quote), else 0.
   */
  static int swallowedFields(String[] cells, int width) {
    int hidden = 0;
    boolean wholeRecord = false;
    for (String cell : cells) {
      if (cell == null || cell.indexOf('\n') < 0) {
        continue;
      }
      for (String line : cell.split("\n", -1)) {
        int commas = 0;
        for (int i = 0; i < line.length(); i++) {
          commas += line.charAt(i) == ',' ? 1 : 0;
        }
        hidden += commas;
        wholeRecord |= commas >= width - 1;
      }
    }
    return wholeRecord ? hidden : 0;
  }

  private void open() throws IOException {
    if (LandingFiles.symlink(fs, path)) {
      throw new FileRejection(
          Rules.FILE_UNREADABLE,
          "文件是符号链接, 不跟随读取; 请把文件本身放入接收目录 / a symbolic link: not followed;"
              + " put the file itself in the landing folder");
    }
    if (size > limits.maxBytes()) {
      throw new FileRejection(
          Rules.FILE_TOO_LARGE,
          "文件大小 "
              + Rules.count(size / (1 << 20))
              + " MB 超过上限 (ingest.max-file-mb) / the file is larger"
              + " than ingest.max-file-mb");
    }
    if (size == 0) {
      throw new FileRejection(Rules.FILE_EMPTY, "文件为空 (0 字节) / the file is empty (0 bytes)");
    }
    byte[] magic = new byte[4];
    try (InputStream in = fs.open(path)) {
      in.readNBytes(magic, 0, 4);
    }
    String name = path.getName().toLowerCase(Locale.ROOT);
    if (java.util.Arrays.equals(magic, ZIP)) {
      format = "xlsx";
      source = new XlsxSource(local(), limits.minInflateRatio(), limits.maxEntryBytes());
    } else if (java.util.Arrays.equals(magic, OLE2)) {
      format = "xls";
      throw new FileRejection(
          Rules.FILE_UNREADABLE,
          "Excel 97-2003 (.xls) 或加密的工作簿, 请另存为 .xlsx 或 CSV / an Excel 97-2003 or encrypted"
              + " workbook: save it as .xlsx or CSV");
    } else if (name.endsWith(".xlsx") || name.endsWith(".xlsm") || name.endsWith(".xls")) {
      format = "xlsx";
      throw new FileRejection(
          Rules.FILE_UNREADABLE,
          "文件名是工作簿, 但内容不是电子表格 / named like a workbook but is not a spreadsheet");
    } else {
      format = "csv";
      scan = TextScan.scan(() -> fs.open(path), limits.maxLineChars());
      encoding = scan.encoding();
      InputStream in = fs.open(path);
      in.skipNBytes(scan.bomBytes());
      source = new CsvSource(in, scan, limits.maxLineChars());
    }
  }

  // POI reads a workbook from a local file; a copy is made when the landing is not local.
  private File local() throws IOException {
    if ("file".equals(path.toUri().getScheme())) {
      return new File(path.toUri());
    }
    localCopy = Files.createTempFile("dispersal-ingest-", ".xlsx").toFile();
    localCopy.deleteOnExit();
    try (InputStream in = fs.open(path)) {
      Files.copy(in, localCopy.toPath(), StandardCopyOption.REPLACE_EXISTING);
    }
    return localCopy;
  }

  private Row finish(FileRejection rejection) {
    close();
    finished = true;
    return Staging.file(
        ledger,
        deliveryId,
        rejection,
        format,
        encoding,
        rowsRead,
        header == null ? null : header.ignored());
  }

  private void close() {
    if (source != null) {
      try {
        source.close();
      } catch (IOException | RuntimeException e) {
        // Closing a read-only source: nothing to recover.
      }
    }
    if (localCopy != null && !localCopy.delete()) {
      localCopy.deleteOnExit();
    }
  }
}
