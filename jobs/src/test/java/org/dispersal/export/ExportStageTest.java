package org.dispersal.export;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.commons.io.FileUtils;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFConditionalFormatting;
import org.apache.poi.xssf.usermodel.XSSFConditionalFormattingRule;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFSheetConditionalFormatting;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.dispersal.TestFonts;
import org.dispersal.TestSpark;
import org.dispersal.common.DispersalException;
import org.dispersal.common.Lake;
import org.dispersal.common.PathsConfig;
import org.dispersal.common.RunConfig;
import org.dispersal.common.RunContext;
import org.dispersal.common.Setting;
import org.dispersal.common.Settings;
import org.dispersal.common.SettingsLoader;
import org.dispersal.forecast.ForecastConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export stage end to end on small inline gold and silver tables in a temporary lake: exported
 * as of 2020-05-31, then gold/forecasts rewritten (that date restated, 2020-06-30 added) and the
 * old folder deleted, then exported as of 2020-06-30, the workbook most tests read.
 */
class ExportStageTest {
  static final String PREV = "2020-05-31";

  @TempDir static Path dir;
  private static SparkSession spark;
  private static Path out;
  private static XSSFWorkbook wb;

  static Settings settings(Path root) {
    List<Setting<?>> all = new ArrayList<>();
    all.addAll(RunConfig.SETTINGS);
    all.addAll(PathsConfig.SETTINGS);
    all.addAll(ExportConfig.SETTINGS);
    all.addAll(ForecastConfig.SETTINGS);
    return SettingsLoader.load(
        all,
        null,
        null,
        Map.of(),
        List.of(
            "paths.lake=" + root.resolve("lake"),
            "paths.exports=" + root.resolve("exports"),
            "paths.runs=" + root.resolve("runs"),
            "run.as-of=2020-06-30",
            "forecast.on-track=0.75",
            "run.district=" + ExportFixtures.DISTRICT,
            TestFonts.chartsSetting()));
  }

  static String table(String layer, String name) {
    return Lake.table(PathsConfig.from(settings(dir)), layer, name);
  }

  static void export() {
    export("2020-06-30");
  }

  static void export(String asOf) {
    Settings s = settings(dir).with(RunConfig.AS_OF, asOf);
    new ExportStage().run(spark, s, RunContext.start(s, false));
  }

  @BeforeAll
  static void build() throws Exception {
    spark = TestSpark.session();
    // the week before: gold/forecasts version 0 holds 2020-05-31 only, exported
    String forecasts = table("gold", "forecasts");
    Lake.overwrite(ExportFixtures.forecastsAsOf(spark, PREV), forecasts, "f");
    Lake.overwrite(ExportFixtures.taskProgress(spark), table("gold", "task_progress"), "f");
    Lake.overwrite(ExportFixtures.townshipMonth(spark), table("gold", "township_month"), "f");
    Lake.overwrite(ExportFixtures.attribution(spark), table("gold", "population_attribution"), "f");
    Lake.overwrite(ExportFixtures.freshness(spark), table("silver", "quality_freshness"), "f");
    export(PREV);
    // then forecast reran 2020-05-31 (its rows replaced: restated, T4 gone) and ran 2020-06-30
    // (version 1), and the old export folder was deleted; the export of 2020-06-30 must still
    // compare with 2020-05-31 as it was exported
    Lake.overwrite(
        ExportFixtures.restated(spark)
            .unionByName(ExportFixtures.forecastsAsOf(spark, "2020-06-30")),
        forecasts,
        "f");
    FileUtils.deleteDirectory(dir.resolve("exports").resolve(PREV).toFile());
    long start = System.nanoTime();
    export();
    System.err.printf("export stage took %.2f s%n", (System.nanoTime() - start) / 1e9);
    out = dir.resolve("exports").resolve("2020-06-30");
    try (InputStream in = Files.newInputStream(out.resolve("领导小组周报_2020-06-30.xlsx"))) {
      wb = new XSSFWorkbook(in);
    }
    try (Stream<Path> files = Files.list(out)) {
      files.forEach(p -> System.err.println(p.getFileName() + " " + p.toFile().length()));
    }
  }

  /** The first row of a sheet whose cell 0 equals the text. */
  private static Row row(XSSFSheet sh, int col, String text) {
    for (Row r : sh) {
      if (r.getCell(col) != null && text.equals(r.getCell(col).toString())) {
        return r;
      }
    }
    throw new AssertionError("no row " + text + " in " + sh.getSheetName());
  }

  @Test
  void workbookHasTheSixChineseSheetsWithFrozenHeadersAndA4Landscape() throws Exception {
    List<String> names = new ArrayList<>();
    wb.forEach(s -> names.add(s.getSheetName()));
    assertThat(names).containsExactly("总览", "乡镇街道", "常住人口", "数据核验", "防止反弹", "说明");
    XSSFSheet sh = wb.getSheet("总览");
    assertThat(sh.getRow(1).getCell(0).getStringCellValue()).isEqualTo("任务");
    assertThat(sh.getRow(1).getCell(12).getStringCellValue()).isEqualTo("状态");
    assertThat(sh.getPaneInformation().isFreezePane()).isTrue();
    assertThat(sh.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 2);
    PrintSetup ps = sh.getPrintSetup();
    assertThat(ps.getLandscape()).isTrue();
    assertThat(ps.getPaperSize()).isEqualTo(PrintSetup.A4_PAPERSIZE);
    assertThat(ps.getFitWidth()).isEqualTo((short) 1);
    assertThat(ps.getFitHeight()).isEqualTo((short) 0);
    assertThat(sh.getFitToPage()).isTrue();
    assertThat(sh.getFooter().getCenter()).contains("&P", "&N");
    XSSFSheet towns = wb.getSheet("乡镇街道");
    assertThat(towns.getPaneInformation().getVerticalSplitPosition()).isEqualTo((short) 1);
    // the methods paragraph wraps in its column, on a taller row
    Row methods = row(wb.getSheet("说明"), 0, "方法说明");
    assertThat(methods.getCell(1).getCellStyle().getWrapText()).isTrue();
    assertThat(methods.getHeightInPoints()).isGreaterThan(30f);
    assertThat(methods.getCell(1).getStringCellValue()).contains("不低于75%为正常推进、不低于50%为存在风险");
    assertThat(
            ((XSSFCell) row(wb.getSheet("乡镇街道"), 1, ExportFixtures.T1).getCell(4))
                .getCellStyle()
                .getDataFormatString())
        .isEqualTo("#,##0\" 项\"");
  }

  @Test
  void overviewFiguresEqualTheLatestRunWithUnitsColoursAndChange() {
    XSSFSheet sh = wb.getSheet("总览");
    Row t1 = row(sh, 0, "T1");
    XSSFCell done = (XSSFCell) t1.getCell(6);
    assertThat(done.getNumericCellValue()).isCloseTo(60.0, within(1e-9));
    assertThat(done.getCellStyle().getDataFormatString()).contains("万平方米");
    assertThat(t1.getCell(13).getNumericCellValue()).isCloseTo(10.0, within(1e-9));
    Row t4 = row(sh, 0, "T4");
    assertThat(t4.getCell(6).getNumericCellValue()).isEqualTo(40.0);
    assertThat(((XSSFCell) t4.getCell(6)).getCellStyle().getDataFormatString()).contains("家");
    assertThat(t4.getCell(13).getNumericCellValue()).isEqualTo(20.0);
    XSSFCell status = (XSSFCell) t4.getCell(12);
    assertThat(status.getStringCellValue()).isEqualTo("进度滞后");
    assertThat(status.getCellStyle().getFillForegroundColorColor().getARGBHex()).endsWith("FFC7CE");
    XSSFCell green = (XSSFCell) t1.getCell(12);
    assertThat(green.getCellStyle().getFillForegroundColorColor().getARGBHex()).endsWith("C6EFCE");
  }

  /** The conditional-formatting rules of a column: range, formula and fill colour, in order. */
  private static List<String> rules(XSSFSheet sh, int col) {
    List<String> out = new ArrayList<>();
    XSSFSheetConditionalFormatting cf = sh.getSheetConditionalFormatting();
    for (int i = 0; i < cf.getNumConditionalFormattings(); i++) {
      XSSFConditionalFormatting f = cf.getConditionalFormattingAt(i);
      for (CellRangeAddress range : f.getFormattingRanges()) {
        if (range.getFirstColumn() != col) {
          continue;
        }
        for (int j = 0; j < f.getNumberOfRules(); j++) {
          XSSFConditionalFormattingRule rule = f.getRule(j);
          out.add(
              range.formatAsString()
                  + " "
                  + rule.getFormula1()
                  + " "
                  + rule.getPatternFormatting().getFillBackgroundColorColor().getARGBHex());
        }
      }
    }
    return out;
  }

  @Test
  void probabilityAndStatusCellsHaveConditionalColoursWithTheConfiguredThresholds() {
    // 总览: two data rows (3–4); 完成概率 in L, 状态 in M; forecast.on-track is 0.75 here
    XSSFSheet sh = wb.getSheet("总览");
    assertThat(rules(sh, 11))
        .containsExactly(
            "L3:L4 AND(ISNUMBER(L3),L3>=0.75) FFC6EFCE",
            "L3:L4 AND(ISNUMBER(L3),L3>=0.5,L3<0.75) FFFFEB9C",
            "L3:L4 AND(ISNUMBER(L3),L3<0.5) FFFFC7CE");
    assertThat(rules(sh, 12))
        .containsExactly(
            "M3:M4 OR(M3=\"正常推进\",M3=\"已完成\") FFC6EFCE",
            "M3:M4 OR(M3=\"存在风险\") FFFFEB9C",
            "M3:M4 OR(M3=\"进度滞后\",M3=\"未完成\") FFFFC7CE");
    assertThat(rules(sh, 7)).isEmpty(); // 完成率 is a share, not a probability
    // 乡镇街道: two townships (rows 3–4), task columns C and D are statuses
    XSSFSheet towns = wb.getSheet("乡镇街道");
    assertThat(rules(towns, 2)).hasSize(3).allMatch(r -> r.startsWith("C3:C4 OR(C3="));
    assertThat(rules(towns, 3).get(2)).isEqualTo("D3:D4 OR(D3=\"进度滞后\",D3=\"未完成\") FFFFC7CE");
    assertThat(rules(towns, 0)).isEmpty();
  }

  @Test
  void theChangeIsAgainstTheFiguresAsFirstExportedByTheLoggedVersion() {
    // as exported on 2020-05-31, not as restated (T1 57 万平方米, no T4 rows, cap P50 1,000,000)
    XSSFSheet sh = wb.getSheet("总览");
    assertThat(row(sh, 0, "T1").getCell(13).getNumericCellValue()).isCloseTo(60 - 50, within(1e-9));
    assertThat(row(sh, 0, "T4").getCell(13).getNumericCellValue()).isEqualTo(40.0 - 20);
    assertThat(row(wb.getSheet("常住人口"), 0, "全区").getCell(10).getNumericCellValue())
        .isEqualTo(1_085_000.0 - 1_095_000);
    assertThat(row(wb.getSheet("说明"), 0, "上期导出").getCell(1).getStringCellValue())
        .isEqualTo(PREV + "（按导出记录回溯的数据版本）");
    // the first two exports logged the versions they read (later tests append more)
    List<org.apache.spark.sql.Row> log =
        Lake.read(spark, table("gold", ExportLog.TABLE))
            .filter(col(ExportColumns.LOGGED_TABLE).equalTo(lit("forecasts")))
            .orderBy(ExportColumns.EXPORTED_AT)
            .limit(2)
            .collectAsList();
    assertThat(log)
        .extracting(
            r -> r.getAs(ExportColumns.AS_OF).toString() + " v" + r.getAs(ExportColumns.VERSION))
        .containsExactly(PREV + " v0", "2020-06-30 v1");
    assertThat(
            Lake.read(spark, table("gold", ExportLog.TABLE))
                .select(ExportColumns.LOGGED_TABLE)
                .distinct()
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList())
        .containsExactlyInAnyOrder(
            "forecasts", "task_progress", "township_month", "population_attribution");
  }

  @Test
  void thePreviousExportIsTheLastPublishedOfTheLatestEarlierAsOfDate() {
    Dataset<org.apache.spark.sql.Row> log =
        spark.createDataFrame(
            List.of(
                logged("r1", "2020-04-30", 1, "2020-05-01 01:00:00"),
                logged("r2", PREV, 3, "2020-06-01 01:00:00"),
                logged("r3", PREV, 5, "2020-06-02 09:00:00"),
                logged("r4", "2020-06-30", 7, "2020-07-01 01:00:00"),
                logged("r5", "2020-07-31", 9, "2020-06-15 01:00:00")),
            ExportLog.SCHEMA);
    List<org.apache.spark.sql.Row> prev =
        ExportLog.previous(log, LocalDate.parse("2020-06-30")).collectAsList();
    assertThat(prev)
        .extracting(r -> r.getAs(ExportColumns.RUN_ID) + " v" + r.getAs(ExportColumns.VERSION))
        .containsExactly("r3 v5");
    assertThat(ExportLog.previous(log, LocalDate.parse("2020-04-30")).count()).isZero();
  }

  private static org.apache.spark.sql.Row logged(String run, String asOf, long v, String at) {
    return RowFactory.create(
        run, java.sql.Date.valueOf(asOf), "forecasts", v, java.sql.Timestamp.valueOf(at));
  }

  @Test
  void populationSheetMasksSmallCountsAndShowsChangeAndAttribution() {
    XSSFSheet sh = wb.getSheet("常住人口");
    Row district = row(sh, 0, "全区");
    assertThat(district.getCell(5).getNumericCellValue()).isEqualTo(1_085_000.0);
    assertThat(district.getCell(10).getNumericCellValue()).isEqualTo(-10_000.0);
    assertThat(((XSSFCell) district.getCell(2)).getCellStyle().getDataFormatString()).contains("人");
    Row t1 = row(sh, 0, nameOr(ExportFixtures.T1));
    assertThat(t1.getCell(12).getNumericCellValue()).isEqualTo(-800.0);
    assertThat(t1.getCell(13).getStringCellValue()).isEqualTo("<5");
    assertThat(t1.getCell(14).getNumericCellValue()).isEqualTo(7.0);
    Row t2 = row(sh, 0, nameOr(ExportFixtures.T2));
    assertThat(t2.getCell(13).getNumericCellValue()).isEqualTo(12.0);
    assertThat(t2.getCell(14).getStringCellValue()).isEqualTo("<5");
  }

  private static String nameOr(String code) {
    XSSFSheet sh = wb.getSheet("乡镇街道");
    for (Row r : sh) {
      if (r.getCell(1) != null && code.equals(r.getCell(1).toString())) {
        return r.getCell(0).toString();
      }
    }
    return code;
  }

  @Test
  void townshipMatrixIsColouredAndMissingTablesSayNotAvailable() {
    XSSFSheet sh = wb.getSheet("乡镇街道");
    Row t1 = row(sh, 1, ExportFixtures.T1);
    assertThat(t1.getCell(3).getStringCellValue()).isEqualTo("进度滞后");
    assertThat(((XSSFCell) t1.getCell(3)).getCellStyle().getFillForegroundColorColor().getARGBHex())
        .endsWith("FFC7CE");
    assertThat(wb.getSheet("防止反弹").getRow(2).getCell(0).getStringCellValue())
        .isEqualTo(Sheets.NOT_AVAILABLE);
    assertThat(row(wb.getSheet("数据核验"), 0, "license").getCell(3).getStringCellValue())
        .isEqualTo("是");
  }

  @Test
  void csvFilesStartWithTheBomAndParse() throws Exception {
    byte[] bytes = Files.readAllBytes(out.resolve("2020-06-30_总览.csv"));
    assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    List<String> lines = Files.readAllLines(out.resolve("2020-06-30_总览.csv"));
    assertThat(lines.get(0)).startsWith("\uFEFF任务,指标");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(2).split(",", -1)).hasSize(15).contains("T4", "进度滞后", "40", "20");
    String pop = Files.readString(out.resolve("2020-06-30_常住人口.csv"), StandardCharsets.UTF_8);
    assertThat(pop).contains("<5").doesNotContain("_hash");
  }

  @Test
  void chartsAreNonEmptyPngsAndTheBriefingIsSelfContained() throws Exception {
    assumeTrue(TestFonts.CJK, TestFonts.SKIPPED);
    List<Path> pngs;
    try (Stream<Path> files = Files.list(out)) {
      pngs = files.filter(p -> p.toString().endsWith(".png")).toList();
    }
    assertThat(pngs).hasSize(3);
    for (Path p : pngs) {
      BufferedImage img = ImageIO.read(p.toFile());
      assertThat(img).isNotNull();
      assertThat(img.getWidth()).isPositive();
    }
    String html = Files.readString(out.resolve("简报_2020-06-30.html"));
    assertThat(html).contains("data:image/png;base64,", "@page{size:A4 landscape", "进度滞后");
    assertThat(html).doesNotContainPattern("(?i)(src|href)=\"(https?:|//)");
  }

  @Test
  void rerunReplacesTheFolderAndLeavesNoTemporaryOne() throws Exception {
    export();
    try (Stream<Path> files = Files.list(dir.resolve("exports"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("2020-06-30");
    }
  }

  @Test
  void aMissingRequiredTableFailsWithTheProducerToRun(@TempDir Path empty) {
    Settings s = settings(empty);
    assertThatThrownBy(() -> new ExportStage().run(spark, s, RunContext.start(s, false)))
        .isInstanceOf(DispersalException.class)
        .hasMessageContaining("forecasts")
        .hasMessageContaining("run forecast first");
  }

  @Test
  void theFirstExportHasNoPreviousFiguresAndStillWritesEverything() throws Exception {
    Path exports = dir.resolve("exports-first");
    Settings s =
        settings(dir)
            .with(RunConfig.AS_OF, "2020-05-31")
            .with(PathsConfig.EXPORTS, exports.toString());
    new ExportStage().run(spark, s, RunContext.start(s, false));
    try (var files = Files.list(exports.resolve("2020-05-31"))) {
      assertThat(files.map(p -> p.getFileName().toString()).toList())
          .anyMatch(n -> n.endsWith(".xlsx"))
          .anyMatch(n -> n.endsWith(".html"));
    }
  }

  @Test
  void aDateWithoutForecastRowsStillGivesAWorkbook() throws Exception {
    Path exports = dir.resolve("exports-no-targets");
    Settings s =
        settings(dir)
            .with(RunConfig.AS_OF, "2020-04-30")
            .with(PathsConfig.EXPORTS, exports.toString());
    new ExportStage().run(spark, s, RunContext.start(s, false));
    try (var files = Files.list(exports.resolve("2020-04-30"))) {
      assertThat(files.map(p -> p.getFileName().toString()).toList())
          .anyMatch(n -> n.endsWith(".xlsx"));
    }
  }

  @Test
  void withoutAFontTheDemoSettingWritesEverythingButTheCharts() throws Exception {
    Settings s =
        settings(dir)
            .with(ExportConfig.FONT_SAMPLE, "\uE000\uE001")
            .with(ExportConfig.CHARTS, "when-font");
    Path exports = dir.resolve("exports-no-font");
    s = s.with(PathsConfig.EXPORTS, exports.toString());
    new ExportStage().run(spark, s, RunContext.start(s, false));
    List<String> names;
    try (var files = java.nio.file.Files.list(exports.resolve("2020-06-30"))) {
      names = files.map(p -> p.getFileName().toString()).toList();
    }
    assertThat(names).anyMatch(n -> n.endsWith(".xlsx")).anyMatch(n -> n.endsWith(".html"));
    assertThat(names).noneMatch(n -> n.endsWith(".png"));
    Settings required = settings(dir).with(ExportConfig.FONT_SAMPLE, "\uE000\uE001");
    assertThatThrownBy(
            () -> new ExportStage().run(spark, required, RunContext.start(required, false)))
        .hasMessageContaining("fonts-noto-cjk");
  }

  @Test
  void noFontForTheSampleFailsNamingTheDebianPackage() {
    assertThatThrownBy(() -> CjkFont.find("\uE000\uE001", List.of()))
        .isInstanceOf(DispersalException.class)
        .hasMessageContaining("apt-get install fonts-noto-cjk");
    assumeTrue(TestFonts.CJK, TestFonts.SKIPPED);
    java.awt.Font font = CjkFont.find("常住人口");
    assertThat(font.canDisplayUpTo("常住人口")).isEqualTo(-1);
    // the glyphs drawn are real ones, not the font's missing-glyph box
    java.awt.font.GlyphVector gv =
        font.createGlyphVector(new java.awt.font.FontRenderContext(null, true, true), "常住人口");
    for (int i = 0; i < gv.getNumGlyphs(); i++) {
      assertThat(gv.getGlyphCode(i)).isNotEqualTo(font.getMissingGlyphCode());
    }
  }
}
