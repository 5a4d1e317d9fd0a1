package org.dispersal.forecast;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dispersal.TestSettings;
import org.dispersal.TestSpark;
import org.dispersal.common.AsOfBasis;
import org.dispersal.common.ExitCode;
import org.dispersal.common.Lake;
import org.dispersal.common.PathsConfig;
import org.dispersal.common.RunConfig;
import org.dispersal.common.RunContext;
import org.dispersal.common.Settings;
import org.dispersal.common.SparkConfig;
import org.dispersal.common.Stage;
import org.dispersal.common.StageOutcome;
import org.dispersal.ops.OpsConfig;
import org.dispersal.ops.Runner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --as-of an earlier date reproduces the forecast the lake's run of that date made, although
 * corrections of earlier months and a revised target were delivered since; the plain month filter
 * over today's tables would not.
 */
class ForecastAsOfTest {
  private static final String D1 = "2020-03-31";
  private static final String D2 = "2020-06-30";
  private static final String CORRECTED = ForecastFixtures.township(1);
  private static final int TOWNSHIPS = 3;

  @TempDir Path dir;

  private Settings settings(String asOf) {
    return TestSettings.of(
        List.of(
            RunConfig.SETTINGS,
            PathsConfig.SETTINGS,
            SparkConfig.SETTINGS,
            OpsConfig.SETTINGS,
            ForecastConfig.SETTINGS),
        List.of(
            "paths.lake=" + dir.resolve("lake"),
            "paths.runs=" + dir.resolve("runs"),
            "run.as-of=" + asOf,
            "run.district=" + ForecastFixtures.DISTRICT,
            "forecast.paths=100",
            "forecast.backtest-from=2019-12",
            "forecast.backtest-to=2019-12",
            "forecast.backtest-horizon=3"));
  }

  /** What conform and panel would write in a night: the given gold and silver tables. */
  private record Deliver(Map<String, Dataset<Row>> tables) implements Stage {
    @Override
    public String name() {
      return "panel";
    }

    @Override
    public StageOutcome run(SparkSession spark, Settings settings, RunContext run) {
      Map<String, Long> versions = new java.util.TreeMap<>();
      tables.forEach(
          (table, rows) -> {
            String[] t = table.split("/");
            versions.put(
                table, Lake.overwrite(rows, Lake.table(run.paths(), t[0], t[1]), run.runId()));
          });
      return new StageOutcome(name(), 0, 0, 0, 0, versions, "delivered");
    }
  }

  private static Map<String, Dataset<Row>> tables(
      Dataset<Row> progress, Dataset<Row> townshipMonth, String upTo) {
    Dataset<Row> tm =
        townshipMonth.filter(
            col("township_code")
                .isin(
                    ForecastFixtures.DISTRICT,
                    ForecastFixtures.township(0),
                    ForecastFixtures.township(1),
                    ForecastFixtures.township(2)));
    return Map.of(
        "gold/task_progress", progress.filter(col("month").leq(lit(upTo))),
        "gold/township_month", tm.filter(col("month").leq(lit(upTo))),
        "silver/targets", ForecastFixtures.caps(TestSpark.session(), tm));
  }

  /** The forecast rows of an as-of date (newest run), without run id and basis, sorted. */
  private static List<Row> figures(SparkSession spark, String lake, String asOf) {
    Dataset<Row> all =
        Lake.read(spark, lake + "/gold/" + ForecastStage.FORECASTS)
            .filter(col("as_of").equalTo(lit(java.sql.Date.valueOf(asOf))))
            .filter(col("scenario").equalTo(lit(ForecastStage.DEFAULT_SCENARIO)));
    String latest = all.agg(org.apache.spark.sql.functions.max("run_id")).first().getString(0);
    return all.filter(col("run_id").equalTo(lit(latest)))
        .drop("run_id", "basis")
        .orderBy("task", "metric", "township_code", "target_scope", "target_year")
        .collectAsList();
  }

  /** The run id and basis of the newest forecast of an as-of date. */
  private static Row basisOf(SparkSession spark, String lake, String asOf) {
    return Lake.read(spark, lake + "/gold/" + ForecastStage.FORECASTS)
        .filter(col("as_of").equalTo(lit(java.sql.Date.valueOf(asOf))))
        .orderBy(col("run_id").desc())
        .select("run_id", "basis")
        .first();
  }

  private static Row t1Of(List<Row> rows) {
    return rows.stream()
        .filter(
            r ->
                r.getAs("task").equals("T1")
                    && r.getAs("township_code").equals(CORRECTED)
                    && r.getAs("target_scope").equals(Target.YEAR)
                    && r.<Integer>getAs("target_year") == 2020)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void anEarlierAsOfDateGivesThatDaysForecastDespiteLaterCorrections() {
    SparkSession spark = TestSpark.session();
    String lake = dir.resolve("lake").toString();
    Dataset<Row> progress =
        spark.createDataFrame(
            ForecastFixtures.progressRows(11, TOWNSHIPS), ForecastFixtures.PROGRESS);
    Dataset<Row> tm = ForecastFixtures.townshipMonth(spark, 5);

    // A lake whose gold/forecasts predates the basis column: the first write adds it.
    Lake.overwrite(
        spark
            .createDataFrame(List.<Row>of(), ForecastColumns.FORECASTS)
            .drop(ForecastColumns.BASIS),
        lake + "/gold/" + ForecastStage.FORECASTS,
        "old");

    // Night 1, as of D1.
    ExitCode first =
        Runner.run(
            settings(D1),
            "nightly",
            false,
            null,
            List.of(new Deliver(tables(progress, tm, "2020-03")), new ForecastStage()));
    assertThat(first).isEqualTo(ExitCode.SUCCESS);
    List<Row> night1 = figures(spark, lake, D1);
    Row run1 = basisOf(spark, lake, D1);
    assertThat(run1.getString(1)).isEqualTo(AsOfBasis.CURRENT);

    // Night 2, as of D2 (its forecast left out, to keep the test short): one township's 2019 and
    // early-2020 T1 months corrected upwards (and the
    // district's with them), its 2020 target revised.
    Column township = col("township_code").isin(CORRECTED, ForecastFixtures.DISTRICT);
    Column t1 = col("task").equalTo("T1");
    Column earlier = col("month").between("2019-01", "2020-03");
    Dataset<Row> corrected =
        progress
            .withColumn(
                "completed",
                when(t1.and(township).and(earlier), col("completed").plus(500))
                    .otherwise(col("completed")))
            .withColumn(
                "year_target",
                when(
                        t1.and(col("township_code").equalTo(CORRECTED))
                            .and(col("month").startsWith("2020")),
                        col("year_target").multiply(1.2))
                    .otherwise(col("year_target")));
    Runner.run(
        settings(D2),
        "nightly",
        false,
        null,
        List.of(new Deliver(tables(corrected, tm, "2020-06"))));

    // Later, --as-of D1: the same figures as night 1, read from the tables night 1 left.
    ExitCode again =
        Runner.run(settings(D1), "forecast", false, null, List.of(new ForecastStage()));
    assertThat(again).isEqualTo(ExitCode.SUCCESS);
    assertThat(basisOf(spark, lake, D1).getString(1))
        .isEqualTo(AsOfBasis.TIME_TRAVEL + ":" + run1.getString(0));
    List<Row> asOf = figures(spark, lake, D1);
    assertThat(asOf).hasSize(night1.size()).containsExactlyElementsOf(night1);

    // The month filter over today's tables sees the corrections and the revised target.
    Settings s = settings(D1);
    new ForecastStage().run(spark, s, RunContext.start(s, false), AsOfBasis.monthFilter());
    assertThat(basisOf(spark, lake, D1).getString(1)).isEqualTo(AsOfBasis.MONTH_FILTER);
    Row filtered = t1Of(figures(spark, lake, D1));
    Row then = t1Of(night1);
    assertThat(filtered.<Double>getAs("target_value"))
        .isCloseTo(then.<Double>getAs("target_value") * 1.2, within(1e-6));
    assertThat(filtered.<Double>getAs("achieved_to_date"))
        .isEqualTo(then.<Double>getAs("achieved_to_date") + 3 * 500);

    // The back-dated forecast run does not become the record of D1 (nor of a date between D1
    // and D2); dates before any run fall back to the month filter, dates at or after the latest
    // run read today's tables.
    AsOfBasis between =
        AsOfBasis.of(spark, paths(), LocalDate.parse("2020-05-15"), ForecastStage.INPUTS);
    assertThat(between.runId()).isEqualTo(run1.getString(0));
    assertThat(between.versions())
        .containsEntry("gold/task_progress", 0L)
        .containsEntry("gold/township_month", 0L)
        .doesNotContainKey("gold/" + ForecastStage.EFFECTS);
    assertThat(
            AsOfBasis.of(spark, paths(), LocalDate.parse("2019-12-31"), ForecastStage.INPUTS)
                .basis())
        .isEqualTo(AsOfBasis.MONTH_FILTER);
    assertThat(AsOfBasis.of(spark, paths(), LocalDate.parse(D2), ForecastStage.INPUTS).basis())
        .isEqualTo(AsOfBasis.CURRENT);
  }

  private PathsConfig paths() {
    return PathsConfig.from(settings(D1));
  }
}
