package org.dispersal.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Row;
import org.dispersal.TestSpark;
import org.dispersal.common.ExitCode;
import org.dispersal.common.RunContext;
import org.dispersal.common.Settings;
import org.dispersal.ops.Pipeline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Bad input tried on purpose (issue #13), one landing folder through the real ingest stage: each
 * file is loaded, has rows quarantined with a reason, or is rejected with a reason; nothing crashes
 * and nothing is dropped without a trace. docs/reliability.md lists the cases.
 */
@Isolated
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
  private static final String LINK = "link.csv";
  private static final String ODD_NAME = "长阳镇 出租 2019..03 (终版).csv";

  @TempDir static Path dir;

  private Path landing;
  private Path lake;
  private ExitCode exit;
  private String logs;
  private final Map<String, Row> deliveries = new HashMap<>();

  @BeforeAll
  void ingest() throws Exception {
    landing = dir.resolve("landing");
    lake = dir.resolve("lake");
    writeLanding();
    // A low sheet-row limit proves the limit with a small workbook (the default is asserted).
    Settings settings = Fixtures.settings(landing, lake, "ingest.max-sheet-rows=5");
    try (CapturedLogs captured = CapturedLogs.start()) {
      exit =
          Pipeline.run(
              TestSpark.session(),
              settings,
              RunContext.start(settings, false),
              List.of(new IngestStage()));
      logs = captured.text();
    }
    for (Row r : Fixtures.table(lake, "deliveries").collectAsList()) {
      deliveries.put(r.getAs("file_name"), r);
    }
  }

  private static String csv(String... rows) {
    return Fixtures.RENTAL_HEADER + "\n" + String.join("\n", rows) + "\n";
  }

  private static String rental(String id, String column, String value) {
    return Fixtures.rental(id, Map.of(column, value));
  }

  private void rentalFile(String name, String text) throws Exception {
    Fixtures.write(landing, "rental", name, text);
  }

  private void writeLanding() throws Exception {
    String ok = Fixtures.rental("R1", Map.of());
    rentalFile("long-line.csv", csv(ok, rental("R2", "房屋地址", "稻".repeat((10 << 20) / 3))));
    rentalFile("open-quote.csv", csv(ok, rental("R3", "房屋地址", "\"稻田村3号")));
    rentalFile("literal-quote.csv", csv(rental("R4", "房屋地址", "稻田\"村\"4号")));
    // A quote opened in row 3 and closed in row 5: rows 3 to 5 become one misaligned record.
    rentalFile(
        "stray-quote.csv",
        csv(
            Fixtures.rental("R5", Map.of()),
            rental("R6", "房屋地址", "\"稻田村6号"),
            Fixtures.rental("R7", Map.of()),
            rental("R8", "房屋地址", "稻田村8号\""),
            Fixtures.rental("R9", Map.of())));
    rentalFile(
        "header-again.csv",
        csv(
            Fixtures.rental("R10", Map.of()),
            Fixtures.RENTAL_HEADER,
            Fixtures.rental("R11", Map.of())));
    rentalFile(ODD_NAME, csv(Fixtures.rental("R12", Map.of())));
    // Two exports joined with cat: the second BOM and header land mid-file; a BOM inside a key.
    String bom = "\uFEFF";
    rentalFile(
        "joined.csv",
        bom
            + csv(Fixtures.rental("R13", Map.of()))
            + bom
            + csv(Fixtures.rental("R1" + bom + "4", Map.of())));
    rentalFile(
        "mixed-eol.csv",
        Fixtures.RENTAL_HEADER
            + "\r\n"
            + Fixtures.rental("R15", Map.of())
            + "\n"
            + Fixtures.rental("R16", Map.of())
            + "\r\n"
            + Fixtures.rental("R17", Map.of())
            + "\r"
            + Fixtures.rental("R18", Map.of())
            + "\n");
    rentalFile(
        "numbers.csv",
        csv(
            rental("R19", "出租面积", "\"1,234.5\""),
            Fixtures.rental("R20", Map.of("出租面积", "４０．５", "承租人数", "３", "登记日期", "２０１８－０３－０５")),
            rental("R21", "出租面积", "\"1.234,5\"")));
    rentalFile(
        "dates.csv", csv(rental("R22", "登记日期", "1900-01-00"), rental("R23", "登记日期", "43466")));
    rentalFile("other-province.csv", csv(rental("R24", "乡镇街道", "130102")));

    Path outside = Files.createDirectories(dir.resolve("outside"));
    Path target =
        Files.writeString(outside.resolve("secret.csv"), csv(Fixtures.rental("R99", Map.of())));
    Files.createSymbolicLink(landing.resolve("rental").resolve(LINK), target);

    // Workbooks (one ledger keeps the run short): at most 5 sheet rows each but one.
    List<String> header = Fixtures.cells(Fixtures.RENTAL_HEADER);
    List<List<String>> many = new ArrayList<>();
    many.add(header);
    for (int i = 1; i <= 6; i++) {
      many.add(Fixtures.cells(Fixtures.rental("X" + i, Map.of())));
    }
    workbook("many-rows.xlsx", Fixtures.xlsx(many));
    workbook("zip-bomb.xlsx", Fixtures.zipBomb(Fixtures.xlsx(List.of(header))));
    workbook("formulas.xlsx", formulas());
    workbook("merged.xlsx", merged());
    workbook(
        "serial-dates.xlsx",
        Fixtures.xlsx(
            List.of(
                header,
                Fixtures.cells(rental("X40", "登记日期", "43466")),
                Fixtures.cells(rental("X41", "登记日期", "date:1900-01-01")))));
  }

  private void workbook(String name, byte[] bytes) throws Exception {
    Fixtures.writeBytes(landing, "rental", name, bytes);
  }

  private static XSSFSheet sheetWithHeader(XSSFWorkbook wb) {
    XSSFSheet sheet = wb.createSheet("台账");
    List<String> header = Fixtures.cells(Fixtures.RENTAL_HEADER);
    XSSFRow h = sheet.createRow(0);
    for (int c = 0; c < header.size(); c++) {
      h.createCell(c).setCellValue(header.get(c));
    }
    return sheet;
  }

  private static void fill(XSSFRow row, List<String> cells) {
    for (int c = 0; c < cells.size(); c++) {
      if (!cells.get(c).isEmpty()) {
        row.createCell(c).setCellValue(cells.get(c));
      }
    }
  }

  private static byte[] bytes(XSSFWorkbook wb) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    wb.write(out);
    wb.close();
    return out.toByteArray();
  }

  // Row 2: area and location computed by formulas whose values Excel cached; row 3: a formula in
  // the record id that was never calculated (no cached value).
  private static byte[] formulas() throws Exception {
    XSSFWorkbook wb = new XSSFWorkbook();
    XSSFSheet sheet = sheetWithHeader(wb);
    XSSFRow r2 = sheet.createRow(1);
    fill(r2, Fixtures.cells(Fixtures.rental("X20", Map.of())));
    r2.getCell(5).setCellFormula("1000+200.5");
    r2.getCell(3).setCellFormula("\"稻田村\"&\"20号\"");
    wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
    XSSFRow r3 = sheet.createRow(2);
    fill(r3, Fixtures.cells(Fixtures.rental("X21", Map.of())));
    r3.createCell(0).setCellFormula("CONCATENATE(\"X\",\"21\")");
    return bytes(wb);
  }

  // The township merged over rows 2 and 3, as clerks lay ledgers out: only row 2 holds the value.
  private static byte[] merged() throws Exception {
    XSSFWorkbook wb = new XSSFWorkbook();
    XSSFSheet sheet = sheetWithHeader(wb);
    fill(sheet.createRow(1), Fixtures.cells(Fixtures.rental("X30", Map.of())));
    fill(sheet.createRow(2), Fixtures.cells(rental("X31", "乡镇街道", "")));
    sheet.addMergedRegion(new CellRangeAddress(1, 2, 1, 1));
    return bytes(wb);
  }

  private Row delivery(String file) {
    assertThat(deliveries).as("deliveries").containsKey(file);
    return deliveries.get(file);
  }

  private void assertRejected(String file, String rule, String... reasonParts) {
    Row d = delivery(file);
    assertThat(d.<String>getAs("status")).as(file).isEqualTo("rejected");
    assertThat(d.<String>getAs("rule_id")).as(file).isEqualTo(rule);
    assertThat(d.<String>getAs("reason")).as(file).contains(reasonParts).contains(" / ");
    assertThat(d.<Long>getAs("rows_loaded") + d.<Long>getAs("rows_quarantined")).isZero();
  }

  private void assertCounts(String file, long loaded, long quarantined) {
    Row d = delivery(file);
    assertThat(d.<String>getAs("status")).as(file).isEqualTo("loaded");
    assertThat(d.<Long>getAs("rows_loaded")).as(file + " loaded").isEqualTo(loaded);
    assertThat(d.<Long>getAs("rows_quarantined")).as(file + " quarantined").isEqualTo(quarantined);
  }

  /** (row number → rule) of a file's quarantined rows; every reason names its row. */
  private Map<Integer, String> quarantined(String file) {
    Map<Integer, String> out = new HashMap<>();
    for (Row r :
        Fixtures.table(lake, "quarantine").filter(col("file_name").equalTo(file)).collectAsList()) {
      int row = r.getAs("row_number");
      assertThat(r.<String>getAs("reason")).startsWith("第 " + row + " 行");
      out.put(row, r.getAs("rule_id"));
    }
    return out;
  }

  private Row loaded(String ledger, String key, String id) {
    List<Row> rows = Fixtures.table(lake, ledger).filter(col(key).equalTo(id)).collectAsList();
    assertThat(rows).as(id).hasSize(1);
    return rows.get(0);
  }

  @Test
  void everyFileIsAccountedForAndNoRowIsLost() throws Exception {
    assertThat(exit).isEqualTo(ExitCode.REJECTED_INPUT);
    long files;
    try (var s = Files.walk(landing)) {
      files =
          s.filter(
                  p ->
                      Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                          || Files.isSymbolicLink(p))
              .count();
    }
    assertThat(deliveries).hasSize((int) files);
    long read = 0;
    long loaded = 0;
    long quarantined = 0;
    for (Row d : deliveries.values()) {
      long r = d.getAs("rows_read");
      assertThat(r).isEqualTo(d.<Long>getAs("rows_loaded") + d.<Long>getAs("rows_quarantined"));
      read += r;
      loaded += d.<Long>getAs("rows_loaded");
      quarantined += d.<Long>getAs("rows_quarantined");
    }
    assertThat(Fixtures.table(lake, "rental").count()).isEqualTo(loaded);
    assertThat(Fixtures.table(lake, "quarantine").count()).isEqualTo(quarantined);
    assertThat(read).isEqualTo(loaded + quarantined).isGreaterThan(20);
    // The logs name files and rules, never the key or a personal value.
    assertThat(logs).contains("Ingest finished").doesNotContain(Fixtures.KEY, "13812345678");
  }

  @Test
  void aTenMegabyteLineRejectsTheFileNamingTheLimit() throws Exception {
    assertThat(Files.size(landing.resolve("rental/long-line.csv"))).isGreaterThan(10L << 20);
    assertRejected("long-line.csv", Rules.FILE_TOO_LARGE, "ingest.max-line-kb", "第 3 行");
  }

  @Test
  void anUnclosedQuoteIsATruncatedFile() {
    assertRejected("open-quote.csv", Rules.FILE_TRUNCATED, "引号");
  }

  @Test
  void aQuoteInsideAnUnquotedValueIsKeptAsText() {
    assertCounts("literal-quote.csv", 1, 0);
    assertThat(loaded("rental", "registration_id", "R4").<String>getAs("address"))
        .isEqualTo("稻田\"村\"4号");
  }

  @Test
  void aStrayQuoteJoinsRowsIntoOneQuarantinedRecordAndTheRestLoads() {
    assertCounts("stray-quote.csv", 2, 1);
    assertThat(quarantined("stray-quote.csv")).isEqualTo(Map.of(3, Rules.ROW_COLUMNS));
    loaded("rental", "registration_id", "R5");
    loaded("rental", "registration_id", "R9");
  }

  @Test
  void aZipBombIsRejectedWithoutBeingExpanded() throws Exception {
    assertThat(Files.size(landing.resolve("rental/zip-bomb.xlsx"))).isLessThan(200_000);
    assertRejected(
        "zip-bomb.xlsx",
        Rules.FILE_UNREADABLE,
        "zip bomb",
        "ingest.xlsx-min-inflate-ratio",
        "ingest.xlsx-max-entry-mb");
  }

  @Test
  void aSheetBeyondTheRowLimitIsRejectedAndTheDefaultIsExcelsOwnLimit() {
    assertRejected("many-rows.xlsx", Rules.FILE_TOO_LARGE, "ingest.max-sheet-rows", "5");
    Settings defaults = Fixtures.settings(landing, lake);
    IngestConfig config = IngestConfig.from(defaults);
    // A 2-million-row sheet is beyond the default: Excel's own 1,048,576.
    assertThat(config.maxSheetRows()).isEqualTo(1_048_576).isLessThan(2_000_000);
    assertThat(config.xlsxMinInflateRatio()).isEqualTo(0.01);
    assertThat(config.xlsxMaxEntryMb()).isEqualTo(4096);
  }

  @Test
  void formulaCellsGiveTheirCachedValuesAndAnUncalculatedFormulaIsEmpty() {
    assertCounts("formulas.xlsx", 1, 1);
    Row x20 = loaded("rental", "registration_id", "X20");
    assertThat(x20.<Double>getAs("rented_area_m2")).isEqualTo(1200.5);
    assertThat(x20.<String>getAs("address")).isEqualTo("稻田村20号");
    assertThat(quarantined("formulas.xlsx")).isEqualTo(Map.of(3, Rules.REQUIRED_MISSING));
  }

  @Test
  void mergedCellsHoldTheirValueInTheFirstRowOnly() {
    assertCounts("merged.xlsx", 1, 1);
    assertThat(loaded("rental", "registration_id", "X30").<String>getAs("township"))
        .isEqualTo("长阳镇");
    assertThat(quarantined("merged.xlsx")).isEqualTo(Map.of(3, Rules.REQUIRED_MISSING));
  }

  @Test
  void aHeaderRepeatedMidFileIsAQuarantinedRow() {
    assertCounts("header-again.csv", 2, 1);
    assertThat(quarantined("header-again.csv")).isEqualTo(Map.of(3, Rules.NUMBER_INVALID));
  }

  @Test
  void aFileNameWithSpacesChineseAndDotsIsReadAndRecordedAsIs() {
    assertCounts(ODD_NAME, 1, 0);
    assertThat(loaded("rental", "registration_id", "R12").<String>getAs("file_name"))
        .isEqualTo(ODD_NAME);
  }

  @Test
  void aSymbolicLinkIsNotFollowedAndIsRejectedWithAReason() throws Exception {
    assertRejected(LINK, Rules.FILE_UNREADABLE, "symbolic link");
    assertThat(Fixtures.table(lake, "rental").filter(col("registration_id").equalTo("R99")).count())
        .isZero();
    // Not even hashed through the link: the recorded hash is not the target's.
    String targetHash =
        LandingFiles.sha256(
            org.apache.hadoop.fs.FileSystem.getLocal(new org.apache.hadoop.conf.Configuration()),
            new org.apache.hadoop.fs.Path(dir.resolve("outside/secret.csv").toUri()));
    assertThat(delivery(LINK).<String>getAs("file_hash")).isNotEqualTo(targetHash);
    assertThat(logs).contains("rental/link.csv is a symbolic link: not followed");
  }

  @Test
  void aByteOrderMarkMidFileOrInsideAValueIsRemoved() {
    assertThat(delivery("joined.csv").<String>getAs("encoding")).isEqualTo("UTF-8-BOM");
    assertCounts("joined.csv", 2, 1);
    // The second export's header (behind its mark) is a quarantined row; the key is clean.
    assertThat(quarantined("joined.csv")).isEqualTo(Map.of(3, Rules.NUMBER_INVALID));
    loaded("rental", "registration_id", "R14");
  }

  @Test
  void mixedLineEndingsSplitRowsWhereExcelDoes() {
    assertCounts("mixed-eol.csv", 4, 0);
    assertThat(loaded("rental", "registration_id", "R18").<Integer>getAs("row_number"))
        .isEqualTo(5);
  }

  @Test
  void thousandsSeparatorsAndFullWidthDigitsReadAsNumbers() {
    assertCounts("numbers.csv", 2, 1);
    assertThat(loaded("rental", "registration_id", "R19").<Double>getAs("rented_area_m2"))
        .isEqualTo(1234.5);
    Row wide = loaded("rental", "registration_id", "R20");
    assertThat(wide.<Double>getAs("rented_area_m2")).isEqualTo(40.5);
    assertThat(wide.<Long>getAs("tenant_count")).isEqualTo(3L);
    assertThat(wide.<java.sql.Date>getAs("registered_on").toString()).isEqualTo("2018-03-05");
    // A European "1.234,5" is no number of the contract.
    assertThat(quarantined("numbers.csv")).isEqualTo(Map.of(4, Rules.NUMBER_INVALID));
  }

  @Test
  void day0Of1900AndExcelSerialNumbersAreNoDates() {
    assertCounts("dates.csv", 0, 2);
    assertThat(quarantined("dates.csv"))
        .isEqualTo(Map.of(2, Rules.DATE_INVALID, 3, Rules.DATE_INVALID));
    // In a workbook a serial number without a date format is a number, not a date; a date cell
    // of 1900 is out of range.
    assertCounts("serial-dates.xlsx", 0, 2);
    assertThat(quarantined("serial-dates.xlsx"))
        .isEqualTo(Map.of(2, Rules.DATE_INVALID, 3, Rules.DATE_RANGE));
  }

  @Test
  void aTownshipCodeOfAnotherProvinceLoadsForConformToResolve() {
    // Ingest checks no township; conform marks it township.unknown (TownshipResolverTest).
    assertCounts("other-province.csv", 1, 0);
    assertThat(loaded("rental", "registration_id", "R24").<String>getAs("township"))
        .isEqualTo("130102");
  }
}
