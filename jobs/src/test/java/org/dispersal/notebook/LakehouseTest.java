package org.dispersal.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dispersal.TestFonts;
import org.dispersal.TestSettings;
import org.dispersal.TestSpark;
import org.dispersal.cli.Cli;
import org.dispersal.common.DispersalException;
import org.dispersal.common.PathsConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakehouseTest {
  @TempDir Path dir;

  private final SparkSession spark = TestSpark.session();
  private Lakehouse lake;

  @BeforeEach
  void lake() {
    lake =
        new Lakehouse(
            spark, TestSettings.of(List.of(Cli.allSettings()), List.of("paths.lake=" + dir)));
  }

  private void quarantine() {
    Dataset<Row> rows =
        spark.sql(
            "SELECT * FROM VALUES ('rental', 'date.order', 'r1'), ('rental', 'township.unknown',"
                + " 'r1'), ('license', 'date.order', 'r2') AS t(ledger, rule_id, run_id)");
    rows.write().format("delta").save(dir.resolve("silver/quarantine").toString());
  }

  @Test
  void showsAQueryAsAnHtmlTableAndAMissingTableAsANote() {
    quarantine();
    assertThat(lake.has("silver/quarantine")).isTrue();
    String html =
        lake.html("silver/quarantine", t -> t.groupBy("ledger").count().orderBy("ledger"));
    assertThat(html).contains("<th>ledger</th>", "<td>license</td>", "<td>2</td>");
    assertThat(lake.has("gold/effect_estimates")).isFalse();
    assertThat(lake.html("gold/effect_estimates")).contains("暂无数据", "not written yet");
    assertThat(lake.html("silver/quarantine", t -> t.filter("ledger = 'none'")))
        .contains("no rows");
    assertThatThrownBy(() -> lake.table("gold/effect_estimates"))
        .isInstanceOf(DispersalException.class)
        .hasMessageContaining("gold/effect_estimates");
  }

  @Test
  void latestRunKeepsTheNewestRunsRowsAndHtmlEscapes() {
    Dataset<Row> rows =
        spark.sql("SELECT * FROM VALUES ('a<b>', 'r1'), ('x', 'r2'), ('y', 'r2') AS t(v, run_id)");
    assertThat(Lakehouse.latestRun(rows).count()).isEqualTo(2);
    assertThat(Lakehouse.html(rows)).contains("a&lt;b&gt;").doesNotContain("<b>");
  }

  @Test
  void settingsComeFromTheEnvironmentLikeTheCommandLine() {
    assertThat(PathsConfig.from(Nb.settings(Map.of("DISPERSAL_PATHS_LAKE", dir.toString()))).lake())
        .isEqualTo(dir.toUri().toString());
  }

  @Test
  void drawsChartsWithChineseLabelsAndNotesForMissingTables() {
    assumeTrue(TestFonts.CJK, TestFonts.SKIPPED);
    quarantine();
    BufferedImage bars =
        lake.bars(
            "隔离原因",
            "行",
            "silver/quarantine",
            t -> t.groupBy("rule_id").count().orderBy("rule_id"),
            "rule_id",
            "count",
            null,
            null);
    assertThat(bars.getWidth()).isEqualTo(800);
    assertThat(bars.getHeight()).isGreaterThan(100);
    BufferedImage missing = lake.fan("T1", "拆除违法建设", null);
    assertThat(missing.getHeight()).isEqualTo(90);
    assertThatThrownBy(() -> lake.scenario("x", "110111001", "residential", 1e5))
        .isInstanceOf(DispersalException.class);
  }

  @Test
  void writesAWhatIfScenarioFromTheOpenTargetsPlannedVacating() throws Exception {
    spark
        .sql("SELECT 'r1' AS run_id, DATE'2020-06-30' AS as_of, 'open_targets' AS scenario")
        .write()
        .format("delta")
        .save(dir.resolve("gold/forecasts").toString());
    spark
        .sql(
            "SELECT * FROM VALUES ('r1', DATE'2020-06-30', 'open_targets', '110111001',"
                + " 'residential', 100.0), ('r1', DATE'2020-06-30', 'open_targets', '110111002',"
                + " 'basement', 50.0), ('r0', DATE'2020-06-30', 'open_targets', '110111003',"
                + " 'basement', 7.0) AS t(run_id, as_of, scenario, township_code, kind,"
                + " planned_area_m2)")
        .write()
        .format("delta")
        .save(dir.resolve("gold/forecast_scenarios").toString());
    assertThat(lake.forecastAsOf()).isEqualTo(java.time.LocalDate.of(2020, 6, 30));
    Path file = lake.scenario("more", "110111002", "residential", 5000);
    assertThat(file.getFileName().toString()).isEqualTo("more.csv");
    assertThat(java.nio.file.Files.readAllLines(file))
        .containsExactly(
            "township_code,kind,planned_area_m2",
            "110111001,residential,100.0",
            "110111002,basement,50.0",
            "110111002,residential,5000.0");
  }

  @Test
  void findsATownshipByCodeOrName() {
    Map.Entry<String, String> first = lake.townships().entrySet().iterator().next();
    assertThat(lake.townshipCode(first.getValue())).isEqualTo(first.getKey());
    assertThat(lake.townshipCode(first.getKey())).isEqualTo(first.getKey());
    assertThatThrownBy(() -> lake.townshipCode("没有这个镇")).isInstanceOf(DispersalException.class);
  }
}
