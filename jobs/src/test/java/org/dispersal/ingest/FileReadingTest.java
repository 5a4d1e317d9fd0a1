package org.dispersal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole-file rules, encodings, formats and row numbers: the file readers without Spark. */
class FileReadingTest {
  private static final Pii PII = new Pii(Fixtures.KEY.getBytes(StandardCharsets.UTF_8));
  private static final StagedRows.Limits LIMITS = new StagedRows.Limits(1 << 20, 4096, 1000);
  private static final Charset GBK = Charset.forName("GBK");
  private static final Charset GB18030 = Charset.forName("GB18030");

  @TempDir Path dir;

  private static String rentalFile(String... rows) {
    return Fixtures.RENTAL_HEADER + "\n" + String.join("\n", rows) + "\n";
  }

  private Path file(String name, byte[] bytes) throws Exception {
    return Files.write(dir.resolve(name), bytes);
  }

  private List<Row> read(Ledger ledger, Path file, StagedRows.Limits limits) throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    StagedRows rows =
        new StagedRows(
            ledger,
            limits,
            PII,
            fs,
            new org.apache.hadoop.fs.Path(file.toUri()),
            "d1",
            Files.size(file));
    List<Row> out = new ArrayList<>();
    rows.forEachRemaining(out::add);
    return out;
  }

  private List<Row> read(Path file) throws Exception {
    return read(Ledger.RENTAL, file, LIMITS);
  }

  private static Object get(Row r, Ledger ledger, String column) {
    return r.get(Staging.schema(ledger).fieldIndex(column));
  }

  private static Row fileRow(List<Row> rows) {
    Row last = rows.get(rows.size() - 1);
    assertThat(last.getString(0)).isEqualTo(Staging.FILE);
    return last;
  }

  // Records read before a late finding (a cut-off last record) come first; the stage drops them.
  private static void assertRejected(List<Row> rows, String rule, String reasonPart) {
    Row f = fileRow(rows);
    assertThat(get(f, Ledger.RENTAL, Staging.FILE_STATUS)).isEqualTo(Staging.REJECTED);
    assertThat(get(f, Ledger.RENTAL, Staging.FILE_RULE_ID)).isEqualTo(rule);
    assertThat((String) get(f, Ledger.RENTAL, Staging.FILE_REASON))
        .contains(reasonPart)
        .contains(" / ");
  }

  private static String encoding(List<Row> rows) {
    return (String) get(fileRow(rows), Ledger.RENTAL, Staging.FILE_ENCODING);
  }

  @Test
  void utf8WithAndWithoutBomGbkAndGb18030AreDetectedFromTheContent() throws Exception {
    String text = rentalFile(Fixtures.rental("R1", Map.of("社区村", "窦店村")));
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[bom.length + utf8.length];
    System.arraycopy(bom, 0, withBom, 0, 3);
    System.arraycopy(utf8, 0, withBom, 3, utf8.length);
    // A character outside GBK (U+20000) makes a file GB18030 proper.
    String rare = rentalFile(Fixtures.rental("R1", Map.of("社区村", "\uD840\uDC00村")));

    // The names say nothing: the content decides.
    Map<String, byte[]> files =
        Map.of(
            "UTF-8",
            utf8,
            "UTF-8-BOM",
            withBom,
            "GBK",
            text.getBytes(GBK),
            "GB18030",
            rare.getBytes(GB18030));
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      List<Row> rows = read(file("delivery-" + e.getKey().length() + ".txt", e.getValue()));
      assertThat(encoding(rows)).as(e.getKey()).isEqualTo(e.getKey());
      assertThat(rows).as(e.getKey()).hasSize(2);
      Row record = rows.get(0);
      assertThat(get(record, Ledger.RENTAL, "registration_id")).isEqualTo("R1");
      assertThat(get(record, Ledger.RENTAL, "township")).isEqualTo("长阳镇");
      assertThat((String) get(record, Ledger.RENTAL, "community")).endsWith("村");
    }
    assertThat(get(read(file("r.csv", rare.getBytes(GB18030))).get(0), Ledger.RENTAL, "community"))
        .isEqualTo("\uD840\uDC00村");
  }

  @Test
  void aBomFollowedByGbkBytesIsUndecodable() throws Exception {
    byte[] gbk = rentalFile(Fixtures.rental("R1", Map.of())).getBytes(GBK);
    byte[] bytes = new byte[gbk.length + 3];
    bytes[0] = (byte) 0xEF;
    bytes[1] = (byte) 0xBB;
    bytes[2] = (byte) 0xBF;
    System.arraycopy(gbk, 0, bytes, 3, gbk.length);
    assertRejected(read(file("mixed.csv", bytes)), Rules.FILE_UNDECODABLE, "UTF-8");
  }

  @Test
  void utf16BinaryAndNulBytesAreUndecodable() throws Exception {
    String text = rentalFile(Fixtures.rental("R1", Map.of()));
    assertRejected(
        read(file("u16.csv", text.getBytes(StandardCharsets.UTF_16))),
        Rules.FILE_UNDECODABLE,
        "UTF-16");
    byte[] binary = new byte[256];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) (128 + (i * 7) % 128);
    }
    assertRejected(read(file("bin.csv", binary)), Rules.FILE_UNDECODABLE, "GB18030");
    assertRejected(
        read(
            file(
                "nul.csv", (Fixtures.RENTAL_HEADER + "\n\0\0\n").getBytes(StandardCharsets.UTF_8))),
        Rules.FILE_UNDECODABLE,
        "NUL");
  }

  @Test
  void aFileEndingInsideAQuoteOrAShortLastRecordIsTruncated() throws Exception {
    String ok = Fixtures.rental("R1", Map.of());
    String cut = Fixtures.RENTAL_HEADER + "\n" + ok + "\n" + "R2,长阳镇,\"稻田村";
    assertRejected(read(file("open-quote.csv", utf8(cut))), Rules.FILE_TRUNCATED, "引号");
    String shortLast = Fixtures.RENTAL_HEADER + "\n" + ok + "\n" + "R2,长阳镇,稻田村,稻田";
    assertRejected(read(file("short.csv", utf8(shortLast))), Rules.FILE_TRUNCATED, "第 3 行");
    // A complete last record without a line end is fine.
    List<Row> noEol = read(file("no-eol.csv", utf8(Fixtures.RENTAL_HEADER + "\n" + ok)));
    assertThat(get(fileRow(noEol), Ledger.RENTAL, Staging.FILE_STATUS)).isEqualTo(Staging.LOADED);
  }

  @Test
  void emptyFilesAndFilesWithoutAHeaderAreEmpty() throws Exception {
    assertRejected(read(file("zero.csv", new byte[0])), Rules.FILE_EMPTY, "0");
    assertRejected(read(file("blank.csv", utf8("\n\n  \n,,,\n"))), Rules.FILE_EMPTY, "表头");
    // A header and no rows is a valid, empty delivery.
    List<Row> headerOnly = read(file("header.csv", utf8(Fixtures.RENTAL_HEADER + "\n")));
    assertThat(get(fileRow(headerOnly), Ledger.RENTAL, Staging.FILE_STATUS))
        .isEqualTo(Staging.LOADED);
    assertThat(get(fileRow(headerOnly), Ledger.RENTAL, Staging.FILE_ROWS_READ)).isEqualTo(0L);
  }

  @Test
  void aMissingRequiredColumnRejectsTheFileNamingIt() throws Exception {
    String header = Fixtures.RENTAL_HEADER.replace("乡镇街道,", "");
    String row = Fixtures.rental("R1", Map.of()).replace("长阳镇,", "");
    assertRejected(
        read(file("missing.csv", utf8(header + "\n" + row + "\n"))),
        Rules.FILE_MISSING_COLUMN,
        "乡镇街道 (township)");
  }

  @Test
  void sizeLineLengthAndRowCountLimitsRejectAsTooLarge() throws Exception {
    byte[] text =
        utf8(
            rentalFile(
                Fixtures.rental("R1", Map.of()),
                Fixtures.rental("R2", Map.of()),
                Fixtures.rental("R3", Map.of())));
    Path f = file("big.csv", text);
    assertRejected(
        read(Ledger.RENTAL, f, new StagedRows.Limits(100, 4096, 1000)),
        Rules.FILE_TOO_LARGE,
        "ingest.max-file-mb");
    assertRejected(
        read(Ledger.RENTAL, f, new StagedRows.Limits(1 << 20, 50, 1000)),
        Rules.FILE_TOO_LARGE,
        "ingest.max-line-kb");
    assertRejected(
        read(Ledger.RENTAL, f, new StagedRows.Limits(1 << 20, 4096, 2)),
        Rules.FILE_TOO_LARGE,
        "ingest.max-rows-per-file");
  }

  @Test
  void rowNumbersAreTheOnesExcelShows() throws Exception {
    String multiLine = Fixtures.rental("R1", Map.of("房屋地址", "\"稻田村3号\n东侧\""));
    String text =
        Fixtures.RENTAL_HEADER
            + "\r\n"
            + multiLine
            + "\r\n\r\n"
            + Fixtures.rental("R2", Map.of())
            + "\r\n";
    List<Row> rows = read(file("crlf.csv", utf8(text)));
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).getInt(2)).isEqualTo(2);
    assertThat(get(rows.get(0), Ledger.RENTAL, "address")).isEqualTo("稻田村3号\n东侧");
    // The quoted line break makes no row; the blank line does.
    assertThat(rows.get(1).getInt(2)).isEqualTo(4);
    assertThat(get(fileRow(rows), Ledger.RENTAL, Staging.FILE_ROWS_READ)).isEqualTo(2L);
  }

  @Test
  void englishHeadersWithOddSpacingAndCaseAndExtraColumns() throws Exception {
    String header =
        " Registration_ID ,TOWNSHIP,Community,  address,Housing_Type,rented area m2,tenant_count,"
            + "GROUP_RENTAL,landlord_name,Landlord_ID_Number,phone,registered_on,deregistered_on,"
            + "deregistration_reason,\u3000updated_at\u3000,备注";
    String row = Fixtures.rental("R1", Map.of()) + ",随便写的";
    List<Row> rows = read(file("en.csv", utf8(header + "\n" + row + "\n")));
    assertThat(rows).hasSize(2);
    assertThat(get(rows.get(0), Ledger.RENTAL, "registration_id")).isEqualTo("R1");
    assertThat(get(rows.get(0), Ledger.RENTAL, "updated_at")).isEqualTo("2019-01-01 10:00");
    assertThat(get(fileRow(rows), Ledger.RENTAL, Staging.FILE_IGNORED)).isEqualTo("备注");
  }

  @Test
  void personalValuesLeaveTheReaderOnlyAsHashes() throws Exception {
    String id = Fixtures.id("11011119800101123");
    List<Row> rows = read(file("p.csv", utf8(rentalFile(Fixtures.rental("R1", Map.of())))));
    Row r = rows.get(0);
    assertThat(r.toString()).doesNotContain("王秀英", id, "13812345678");
    assertThat(get(r, Ledger.RENTAL, "landlord_id_number_hash"))
        .isEqualTo(PII.hash(Field.Kind.ID_NUMBER, id));
    assertThat(get(r, Ledger.RENTAL, "landlord_id_number_valid")).isEqualTo(true);
  }

  @Test
  void aMisalignedRowKeepsItsCellsWithEverythingNearPersonalColumnsMasked() throws Exception {
    // An unquoted comma in the address shifts every later cell one to the right.
    String shifted = Fixtures.rental("R1", Map.of("房屋地址", "稻田村,3号"));
    List<Row> rows = read(file("shift.csv", utf8(rentalFile(shifted))));
    Row r = rows.get(0);
    assertThat(r.getInt(3)).isEqualTo(16);
    assertThat(r.getInt(4)).isEqualTo(15);
    String raw = (String) get(r, Ledger.RENTAL, Staging.RAW_CELLS);
    assertThat(raw)
        .contains("\"登记编号\":\"R1\"", "\"_extra_16\"", "<masked>")
        .doesNotContain("王秀英", "13812345678", Fixtures.id("11011119800101123"));
  }

  @Test
  void xlsxSheetsAreStreamedWithDateCellsNumbersAndSheetRowNumbers() throws Exception {
    List<String> header = Fixtures.cells(Fixtures.RENTAL_HEADER);
    List<String> r1 =
        Fixtures.cells(
            Fixtures.rental(
                "R1", Map.of("登记日期", "date:2018-03-05", "更新时间", "date:2019-01-01 10:00:00")));
    List<String> r2 = Fixtures.cells(Fixtures.rental("R2", Map.of("注销日期", "2019/7/1")));
    List<String> wide = new ArrayList<>(Fixtures.cells(Fixtures.rental("R3", Map.of())));
    wide.add("多出来的");
    // Two empty rows before the header: the header is the first non-empty row (row 3).
    byte[] x = Fixtures.xlsx(List.of(List.of(), List.of(), header, r1, List.of(), r2, wide));
    List<Row> rows = read(file("sheet.bin", x));
    assertThat(get(fileRow(rows), Ledger.RENTAL, Staging.FILE_FORMAT)).isEqualTo("xlsx");
    assertThat(rows).hasSize(4);
    assertThat(rows.get(0).getInt(2)).isEqualTo(4);
    assertThat(get(rows.get(0), Ledger.RENTAL, "registered_on")).isEqualTo("2018-03-05");
    assertThat(get(rows.get(0), Ledger.RENTAL, "updated_at")).isEqualTo("2019-01-01 10:00:00");
    assertThat(get(rows.get(0), Ledger.RENTAL, "rented_area_m2")).isEqualTo("40.5");
    assertThat(get(rows.get(0), Ledger.RENTAL, "tenant_count")).isEqualTo("3");
    assertThat(rows.get(1).getInt(2)).isEqualTo(6);
    assertThat(get(rows.get(1), Ledger.RENTAL, "deregistered_on")).isEqualTo("2019/7/1");
    // Missing trailing cells are fine in a sheet; a value beyond the header is not.
    assertThat(rows.get(2).getInt(2)).isEqualTo(7);
    assertThat(rows.get(2).getInt(3)).isEqualTo(16);
  }

  @Test
  void corruptWorkbooksOldXlsAndNonSpreadsheetsAreUnreadable() throws Exception {
    byte[] good = Fixtures.xlsx(List.of(Fixtures.cells(Fixtures.RENTAL_HEADER)));
    byte[] cut = java.util.Arrays.copyOf(good, good.length / 2);
    assertRejected(read(file("cut.xlsx", cut)), Rules.FILE_UNREADABLE, "XLSX");
    byte[] ole2 = {
      (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0
    };
    assertRejected(read(file("old.xls", ole2)), Rules.FILE_UNREADABLE, ".xls");
    assertRejected(
        read(file("text.xlsx", utf8("hello, world\n"))), Rules.FILE_UNREADABLE, "spreadsheet");
  }

  @Test
  void zipBombLimitsStayOn() throws Exception {
    byte[] good = Fixtures.xlsx(List.of(Fixtures.cells(Fixtures.RENTAL_HEADER)));
    assertRejected(read(file("bomb.xlsx", Fixtures.zipBomb(good))), Rules.FILE_UNREADABLE, "XLSX");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
