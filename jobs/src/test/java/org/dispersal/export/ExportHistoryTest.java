package org.dispersal.export;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import org.apache.commons.io.FileUtils;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.dispersal.TestSpark;
import org.dispersal.common.Lake;
import org.dispersal.common.PathsConfig;
import org.dispersal.common.RunConfig;
import org.dispersal.common.RunContext;
import org.dispersal.common.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The change column comes from the gold tables as the previous export read them (time travel). */
class ExportHistoryTest {
  private static final String D1 = "2020-05-31";
  private static final String D2 = "2020-06-30";

  @TempDir Path dir;

  private void export(String asOf) {
    Settings s = ExportStageTest.settings(dir).with(RunConfig.AS_OF, asOf);
    new ExportStage().run(TestSpark.session(), s, RunContext.start(s, false));
  }

  private String table(String name) {
    return Lake.table(PathsConfig.from(ExportStageTest.settings(dir)), "gold", name);
  }

  @Test
  void theChangeIsAgainstTheFiguresAsFirstExportedAfterGoldRowsAndOldFilesChanged()
      throws Exception {
    SparkSession spark = TestSpark.session();
    Dataset<org.apache.spark.sql.Row> all = ExportFixtures.forecasts(spark);
    Lake.overwrite(
        all.filter(col("as_of").equalTo(lit(Date.valueOf(D1)))), table("forecasts"), "f");
    Lake.overwrite(ExportFixtures.taskProgress(spark), table("task_progress"), "f");
    Lake.overwrite(ExportFixtures.townshipMonth(spark), table("township_month"), "f");
    export(D1);

    // the D1 forecast is recomputed: T1 restated (500,000 → 570,000 m²), T4 gone, the cap changed
    Dataset<org.apache.spark.sql.Row> restated =
        all.filter(col("as_of").equalTo(lit(Date.valueOf(D1))))
            .filter(col("task").notEqual(lit("T4")))
            .withColumn(
                "achieved_to_date",
                when(col("task").equalTo(lit("T1")), col("achieved_to_date").plus(70_000))
                    .otherwise(col("achieved_to_date")))
            .withColumn(
                "forecast_p50",
                when(col("task").equalTo(lit("P")), lit(1_000_000.0))
                    .otherwise(col("forecast_p50")));
    Lake.overwrite(
        restated.unionByName(all.filter(col("as_of").equalTo(lit(Date.valueOf(D2))))),
        table("forecasts"),
        "f");
    FileUtils.deleteDirectory(dir.resolve("exports").resolve(D1).toFile());
    export(D2);

    XSSFWorkbook wb;
    try (InputStream in =
        Files.newInputStream(
            dir.resolve("exports").resolve(D2).resolve("领导小组周报_" + D2 + ".xlsx"))) {
      wb = new XSSFWorkbook(in);
    }
    XSSFSheet overview = wb.getSheet("总览");
    // D2 60 万平方米 minus D1 50 as exported (not 57 as restated)
    assertThat(row(overview, "T1").getCell(13).getNumericCellValue()).isCloseTo(10.0, within(1e-9));
    // D2 40 家 minus D1 20 as exported, though T4's D1 rows no longer exist
    assertThat(row(overview, "T4").getCell(13).getNumericCellValue()).isEqualTo(20.0);
    // the cap's P50: 1,085,000 minus 1,095,000 as exported (not 1,000,000 as restated)
    assertThat(row(wb.getSheet("常住人口"), "全区").getCell(10).getNumericCellValue())
        .isEqualTo(-10_000.0);
    assertThat(row(wb.getSheet("说明"), "上期导出").getCell(1).getStringCellValue())
        .startsWith(D1 + "（按导出记录");

    List<org.apache.spark.sql.Row> log =
        Lake.read(spark, table(ExportLog.TABLE))
            .filter(col(ExportColumns.LOGGED_TABLE).equalTo(lit("forecasts")))
            .orderBy(ExportColumns.AS_OF)
            .collectAsList();
    assertThat(log).hasSize(2);
    assertThat(log.get(0).<Long>getAs(ExportColumns.VERSION)).isZero();
    assertThat(log.get(1).<Long>getAs(ExportColumns.VERSION)).isEqualTo(1L);
    assertThat(
            Lake.read(spark, table(ExportLog.TABLE))
                .select(ExportColumns.LOGGED_TABLE)
                .distinct()
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList())
        .containsExactlyInAnyOrder("forecasts", "task_progress", "township_month");
  }

  @Test
  void thePreviousExportIsTheLastPublishedOfTheLatestEarlierAsOfDate() {
    SparkSession spark = TestSpark.session();
    Dataset<org.apache.spark.sql.Row> log =
        spark.createDataFrame(
            List.of(
                entry("r1", "2020-04-30", 1, "2020-05-01 01:00:00"),
                entry("r2", D1, 3, "2020-06-01 01:00:00"),
                entry("r3", D1, 5, "2020-06-02 09:00:00"),
                entry("r4", D2, 7, "2020-07-01 01:00:00"),
                entry("r5", "2020-07-31", 9, "2020-06-15 01:00:00")),
            ExportLog.SCHEMA);
    List<org.apache.spark.sql.Row> prev =
        ExportLog.previous(log, LocalDate.parse(D2)).collectAsList();
    assertThat(prev).hasSize(1);
    assertThat(prev.get(0).<String>getAs(ExportColumns.RUN_ID)).isEqualTo("r3");
    assertThat(prev.get(0).<Long>getAs(ExportColumns.VERSION)).isEqualTo(5L);
    assertThat(ExportLog.previous(log, LocalDate.parse("2020-04-30")).count()).isZero();
  }

  private static org.apache.spark.sql.Row entry(String run, String asOf, long v, String at) {
    return RowFactory.create(run, Date.valueOf(asOf), "forecasts", v, Timestamp.valueOf(at));
  }

  private static Row row(XSSFSheet sh, String first) {
    for (Row r : sh) {
      if (r.getCell(0) != null && first.equals(r.getCell(0).toString())) {
        return r;
      }
    }
    throw new AssertionError("no row " + first + " in " + sh.getSheetName());
  }
}
