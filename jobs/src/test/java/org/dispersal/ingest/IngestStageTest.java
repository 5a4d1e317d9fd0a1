package org.dispersal.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
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
 * One ingest of a landing area with every format, encoding, whole-file fault and row fault of the
 * contract, then what the tables, the manifest, the report and the logs say about it.
 */
@Isolated
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestStageTest {
  @TempDir static Path dir;

  private Path lake;
  private ExitCode exit;
  private IngestStage stage;
  private String logs;

  /** (file, row) → the rule its quarantine record must name. */
  private final Map<String, String> expected = new HashMap<>();

  @BeforeAll
  void ingestEverything() throws Exception {
    Path landing = dir.resolve("landing");
    lake = dir.resolve("lake");
    writeLanding(landing);
    Settings settings = Fixtures.settings(landing, lake);
    stage = new IngestStage();
    try (CapturedLogs captured = CapturedLogs.start()) {
      exit =
          Pipeline.run(
              TestSpark.session(), settings, RunContext.start(settings, false), List.of(stage));
      logs = captured.text();
    }
  }

  private void writeLanding(Path landing) throws Exception {
    String ok = Fixtures.id("11011119800101123");
    String bad = Fixtures.badId("11011119650304441");
    List<String> rental = new ArrayList<>();
    rental.add(Fixtures.RENTAL_HEADER);
    rental.add(Fixtures.rental("R1", Map.of("出租人姓名", "李建国"))); // row 2
    rental.add(
        Fixtures.rental("R2", Map.of("出租人证件号", bad, "出租人姓名", "张伟"))); // row 3: loaded, flagged
    rental.add(Fixtures.rental("R3", Map.of("出租面积", "-5"))); // 4
    rental.add(Fixtures.rental("R4", Map.of("登记日期", "2035-01-01"))); // 5
    rental.add(Fixtures.rental("R5", Map.of("乡镇街道", ""))); // 6
    rental.add(Fixtures.rental("R6", Map.of("房屋类型", "别墅"))); // 7
    rental.add(Fixtures.rental("R7", Map.of("承租人数", "-2"))); // 8
    rental.add(Fixtures.rental("R8", Map.of("登记日期", "2019.3.5"))); // 9
    rental.add(Fixtures.rental("R9", Map.of("出租面积", "四十"))); // 10
    rental.add(Fixtures.rental("R10", Map.of("房屋地址", "稻田村,5号", "出租人姓名", "刘德华"))); // 11
    rental.add(Fixtures.rental("R11", Map.of("登记日期", "2019年3月5日", "更新时间", "2019/3/6 8:05:09")));
    rental.add(Fixtures.rental("R12", Map.of("登记日期", "1998-05-01"))); // 13
    Fixtures.write(landing, "rental", "2019-01.csv", String.join("\n", rental) + "\n");
    expected.putAll(
        Map.of(
            "2019-01.csv:4", Rules.AREA_RANGE,
            "2019-01.csv:5", Rules.DATE_RANGE,
            "2019-01.csv:6", Rules.REQUIRED_MISSING,
            "2019-01.csv:7", Rules.ENUM_INVALID,
            "2019-01.csv:8", Rules.COUNT_RANGE,
            "2019-01.csv:9", Rules.DATE_INVALID,
            "2019-01.csv:10", Rules.NUMBER_INVALID,
            "2019-01.csv:11", Rules.ROW_COLUMNS,
            "2019-01.csv:13", Rules.DATE_RANGE));
    // The legacy system's export: GBK.
    Fixtures.write(
        landing,
        "rental",
        "2019-02 旧系统.csv",
        Fixtures.RENTAL_HEADER + "\r\n" + Fixtures.rental("R20", Map.of("出租人姓名", "陈静")) + "\r\n",
        Charset.forName("GBK"));
    // Whole-file faults: BOM + GBK bytes, cut off, empty.
    byte[] gbk =
        (Fixtures.RENTAL_HEADER + "\n" + Fixtures.rental("R30", Map.of()) + "\n")
            .getBytes(Charset.forName("GBK"));
    byte[] mixed = new byte[gbk.length + 3];
    mixed[0] = (byte) 0xEF;
    mixed[1] = (byte) 0xBB;
    mixed[2] = (byte) 0xBF;
    System.arraycopy(gbk, 0, mixed, 3, gbk.length);
    Fixtures.writeBytes(landing, "rental", "mixed.csv", mixed);
    Fixtures.write(
        landing,
        "rental",
        "cut.csv",
        Fixtures.RENTAL_HEADER + "\n" + Fixtures.rental("R40", Map.of()) + "\nR41,长阳镇,\"稻田");
    Fixtures.writeBytes(landing, "rental", "empty.csv", new byte[0]);

    // Licences in GB18030, with a bad credit code and an unlicensed operator's case number.
    String license =
        Fixtures.LICENSE_HEADER
            + "\n"
            + Fixtures.license(Fixtures.creditCode("92110111MA01ABCD2"), Map.of())
            + "\n"
            + Fixtures.license(Fixtures.badCreditCode("91110111MA01XYQW3"), Map.of("主体类型", "企业"))
            + "\n"
            + Fixtures.license(
                "无照-2018-0042", Map.of("主体类型", "无照经营户", "主体名称", "王秀英（无照餐饮）", "法定代表人证件号", ok))
            + "\n";
    Fixtures.write(landing, "license", "market.csv", license, Charset.forName("GB18030"));
    expected.put("market.csv:3", Rules.CREDIT_CODE_CHECK);
    Fixtures.write(
        landing,
        "license",
        "no-township.csv",
        Fixtures.LICENSE_HEADER.replace(",乡镇街道", "")
            + "\n"
            + Fixtures.license("X", Map.of()).replace(",长阳", "")
            + "\n");

    // Demolitions as a workbook with date cells; one absurd area.
    List<List<String>> sheet = new ArrayList<>();
    sheet.add(Fixtures.cells(Fixtures.DEMOLITION_HEADER));
    sheet.add(
        Fixtures.cells(
            Fixtures.demolition(
                "D1", Map.of("拆除日期", "date:2018-06-01", "更新时间", "date:2018-07-01 09:00:00"))));
    sheet.add(Fixtures.cells(Fixtures.demolition("D2", Map.of("拆除面积", "5000000"))));
    Fixtures.writeBytes(landing, "demolition", "拆违台账.xlsx", Fixtures.xlsx(sheet));
    expected.put("拆违台账.xlsx:3", Rules.AREA_RANGE);
    byte[] workbook = Fixtures.xlsx(sheet);
    Fixtures.writeBytes(
        landing, "demolition", "broken.xlsx", java.util.Arrays.copyOf(workbook, 300));

    // Population with a BOM; targets with English headers; progress plain.
    Fixtures.write(
        landing,
        "population",
        "pop.csv",
        "\uFEFF"
            + Fixtures.POPULATION_HEADER
            + "\n长阳镇,2019,120000,60000,60000,抽样推算\n110111,2019,1250000,800000,450000,抽样推算\n");
    Fixtures.write(
        landing,
        "targets",
        "targets.csv",
        " TASK , Metric,township ,YEAR,cumulative,Target_Value,unit,Direction\n"
            + "T1,拆除面积,110111,2020,是,2000000,平方米,不少于\nP,常住人口,110111,2020,否,1250000,人,不多于\n");
    Fixtures.write(
        landing,
        "progress",
        "2019-05.csv",
        Fixtures.PROGRESS_HEADER + "\nT1,拆除面积,长阳镇,2019-05,12000,平方米\nT7,群租房,长阳镇,2019年5月,3,户\n");
    // Not a ledger folder: ignored with a warning.
    Fixtures.write(landing, "misc", "notes.csv", "a,b\n1,2\n");
  }

  private Dataset<Row> table(String name) {
    return Fixtures.table(lake, name);
  }

  @Test
  void rejectedFilesAreExactlyTheWholeFileFaultsAndTheRunExitsThree() {
    assertThat(exit).isEqualTo(ExitCode.REJECTED_INPUT);
    Map<String, String> rejected = new HashMap<>();
    for (Row r : table("deliveries").filter(col("status").equalTo("rejected")).collectAsList()) {
      rejected.put(r.getAs("file_name"), r.getAs("rule_id"));
      assertThat((String) r.getAs("reason")).contains(" / ");
    }
    assertThat(rejected)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "mixed.csv", Rules.FILE_UNDECODABLE,
                "cut.csv", Rules.FILE_TRUNCATED,
                "empty.csv", Rules.FILE_EMPTY,
                "no-township.csv", Rules.FILE_MISSING_COLUMN,
                "broken.xlsx", Rules.FILE_UNREADABLE));
    // Nothing of a rejected file is loaded or quarantined, not even rows read before the fault.
    assertThat(table("rental").filter(col("file_name").isin("cut.csv", "mixed.csv")).count())
        .isZero();
    assertThat(table("quarantine").filter(col("file_name").isin("cut.csv", "mixed.csv")).count())
        .isZero();
  }

  @Test
  void everyRowFaultIsQuarantinedUnderItsRuleAtItsFileAndRow() {
    Map<String, String> actual = new HashMap<>();
    for (Row r : table("quarantine").collectAsList()) {
      actual.put(r.getAs("file_name") + ":" + r.getAs("row_number"), r.getAs("rule_id"));
      assertThat((String) r.getAs("reason")).startsWith("第 " + r.getAs("row_number") + " 行: ");
      assertThat((String) r.getAs("raw_row")).startsWith("{");
    }
    assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  void theDeliveriesTableRecordsFormatEncodingAndBalancedCounts() {
    Map<String, Row> byName = new HashMap<>();
    for (Row r : table("deliveries").collectAsList()) {
      byName.put(r.getAs("file_name"), r);
      long read = r.getAs("rows_read");
      long loaded = r.getAs("rows_loaded");
      long quarantined = r.getAs("rows_quarantined");
      assertThat(read).as((String) r.getAs("file_name")).isEqualTo(loaded + quarantined);
    }
    assertThat(byName).hasSize(12);
    assertThat(byName.get("2019-01.csv").<String>getAs("encoding")).isEqualTo("UTF-8");
    assertThat(byName.get("2019-01.csv").<Long>getAs("rows_read")).isEqualTo(12L);
    assertThat(byName.get("2019-01.csv").<Long>getAs("rows_quarantined")).isEqualTo(9L);
    assertThat(byName.get("2019-02 旧系统.csv").<String>getAs("encoding")).isEqualTo("GBK");
    assertThat(byName.get("market.csv").<String>getAs("encoding")).isIn("GBK", "GB18030");
    assertThat(byName.get("pop.csv").<String>getAs("encoding")).isEqualTo("UTF-8-BOM");
    assertThat(byName.get("拆违台账.xlsx").<String>getAs("format")).isEqualTo("xlsx");
    assertThat(byName.get("拆违台账.xlsx").<Long>getAs("rows_loaded")).isEqualTo(1L);
    // Same-run deliveries are ordered by file name within a ledger.
    assertThat(byName.get("2019-01.csv").<Long>getAs("ingest_seq"))
        .isLessThan(byName.get("2019-02 旧系统.csv").<Long>getAs("ingest_seq"));
    // Table counts agree with the manifest.
    long loaded =
        table("deliveries")
            .agg(org.apache.spark.sql.functions.sum("rows_loaded"))
            .first()
            .getLong(0);
    long inBronze = 0;
    for (Ledger l : Ledger.values()) {
      inBronze += table(l.folder()).count();
    }
    assertThat(inBronze).isEqualTo(loaded);
    assertThat(table("quarantine").count()).isEqualTo(expected.size());
  }

  @Test
  void bronzeRowsAreTypedHashedAndCarryLineage() {
    Dataset<Row> rental = table("rental");
    assertThat(rental.schema().apply("registered_on").dataType()).isEqualTo(DataTypes.DateType);
    assertThat(rental.schema().apply("updated_at").dataType()).isEqualTo(DataTypes.TimestampType);
    assertThat(rental.schema().apply("rented_area_m2").dataType()).isEqualTo(DataTypes.DoubleType);
    assertThat(rental.schema().apply("tenant_count").dataType()).isEqualTo(DataTypes.LongType);
    assertThat(rental.schema().apply("group_rental").dataType()).isEqualTo(DataTypes.BooleanType);
    assertThat(rental.columns())
        .contains(
            "landlord_name_hash",
            "landlord_id_number_hash",
            "landlord_id_number_valid",
            "phone_hash")
        .contains("delivery_id", "file_name", "file_hash", "row_number", "ingested_at", "run_id")
        .doesNotContain("landlord_name", "landlord_id_number", "phone");
    Row r2 = rental.filter(col("registration_id").equalTo("R2")).first();
    assertThat(r2.<Boolean>getAs("landlord_id_number_valid")).isFalse();
    assertThat(r2.<Integer>getAs("row_number")).isEqualTo(3);
    Row r11 = rental.filter(col("registration_id").equalTo("R11")).first();
    assertThat(r11.<java.sql.Date>getAs("registered_on").toString()).isEqualTo("2019-03-05");
    assertThat(r11.<java.sql.Timestamp>getAs("updated_at").toString())
        .isEqualTo("2019-03-06 08:05:09.0");
    assertThat(rental.filter(col("file_name").equalTo("2019-02 旧系统.csv")).count()).isEqualTo(1);
    Row d1 = table("demolition").first();
    assertThat(d1.<java.sql.Date>getAs("demolished_on").toString()).isEqualTo("2018-06-01");
    assertThat(d1.<Double>getAs("demolished_area_m2")).isEqualTo(1200.0);
    assertThat(
            table("progress")
                .select("month")
                .as(org.apache.spark.sql.Encoders.DATE())
                .collectAsList())
        .extracting(Object::toString)
        .containsOnly("2019-05-01");
    assertThat(table("targets").count()).isEqualTo(2);
    assertThat(table("population").schema().apply("year").dataType())
        .isEqualTo(DataTypes.IntegerType);
    assertThat(
            table("license")
                .filter(col("entity_type").equalTo("无照经营户"))
                .first()
                .<String>getAs("entity_name"))
        .isEqualTo("<masked>（无照餐饮）");
  }

  @Test
  void noClearPersonalValueInTheLakeTheQuarantineOrTheLogs() throws Exception {
    List<String> names = Fixtures.NAMES;
    assertThat(PiiScan.lake(lake, names)).isEmpty();
    assertThat(PiiScan.text("logs", logs, names)).isEmpty();
    // Personal columns of quarantined rows are masked, not left empty.
    assertThat(table("quarantine").filter(col("ledger").equalTo("rental")).collectAsList())
        .allSatisfy(r -> assertThat(r.<String>getAs("raw_row")).contains("<masked>"));
  }

  @Test
  void theSummaryAndTheLogsSayWhatHappened() {
    String summary = stage.lastReport().table();
    assertThat(summary)
        .containsPattern("rental +5 +0 +3 +4 +9 +date.range 登记日期 \\(2\\)")
        .containsPattern("license +2 +0 +1 +2 +1 +credit_code.check 统一社会信用代码 \\(1\\)")
        .containsPattern("total +12 +0 +5 +")
        .contains("rental/cut.csv  file.truncated");
    assertThat(logs)
        .contains("Ingest started")
        .contains("Ingest finished")
        .contains("Ignored misc/ in the landing folder")
        .contains("Rejected rental/empty.csv: file.empty");
    // Landing files are only read.
    assertThat(Files.exists(dir.resolve("landing/rental/cut.csv"))).isTrue();
  }
}
