package org.dispersal.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dispersal.TestSpark;
import org.dispersal.common.Lake;
import org.dispersal.common.PathsConfig;
import org.dispersal.common.RunConfig;
import org.dispersal.common.RunContext;
import org.dispersal.common.Setting;
import org.dispersal.common.Settings;
import org.dispersal.common.SettingsLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forecast stage end to end on a small generated district in a temporary lake. */
class ForecastStageTest {
  @TempDir static Path dir;
  private static SparkSession spark;
  private static Dataset<Row> forecasts;
  private static Dataset<Row> backtest;
  private static String firstRun;

  static Settings settings(String... extra) {
    List<Setting<?>> all = new ArrayList<>();
    all.addAll(RunConfig.SETTINGS);
    all.addAll(PathsConfig.SETTINGS);
    all.addAll(ForecastConfig.SETTINGS);
    List<String> overrides =
        new ArrayList<>(
            List.of(
                "paths.lake=" + dir.resolve("lake"),
                "paths.runs=" + dir.resolve("runs"),
                "run.as-of=" + ForecastFixtures.AS_OF,
                "run.district=" + ForecastFixtures.DISTRICT));
    overrides.add("forecast.paths=400");
    overrides.addAll(List.of(extra));
    return SettingsLoader.load(all, null, null, Map.of(), overrides);
  }

  static void run(Settings s) {
    RunContext run = RunContext.start(s, false);
    new ForecastStage().run(spark, s, run);
  }

  static String gold(String table) {
    return Lake.table(PathsConfig.from(settings()), "gold", table);
  }

  @BeforeAll
  static void build() {
    spark = TestSpark.session();
    Dataset<Row> tm = ForecastFixtures.townshipMonth(spark, 5);
    Lake.overwrite(ForecastFixtures.taskProgress(spark, 3), gold("task_progress"), "fixture");
    Lake.overwrite(tm, gold("township_month"), "fixture");
    Lake.overwrite(
        ForecastFixtures.caps(spark, tm),
        Lake.table(PathsConfig.from(settings()), "silver", "targets"),
        "fixture");
    run(settings());
    forecasts = snapshot(gold(ForecastStage.FORECASTS));
    backtest = snapshot(gold(ForecastStage.BACKTEST));
    firstRun = forecasts.first().getAs("run_id");
  }

  /** The table's rows now, unaffected by later runs. */
  private static Dataset<Row> snapshot(String location) {
    Dataset<Row> now = Lake.read(spark, location);
    return spark.createDataFrame(now.collectAsList(), now.schema());
  }

  @Test
  void theBacktestIsStoredWithTheRun() {
    assertThat(backtest.select("run_id").distinct().count()).isEqualTo(1);
    assertThat(backtest.filter("measure = 'coverage_80'").count()).isEqualTo(12);
    assertThat(backtest.filter("measure = 'brier_model'").first().<Long>getAs("n")).isPositive();
    assertThat(backtest.first().<String>getAs("origins")).startsWith("2018-03,2018-06");
  }

  @Test
  void everyTargetHasOneForecastAndIgnoresMonthsAfterTheAsOfDate() {
    // 3 tasks: T1 township + district targets for 4 years, T4/T7 district for 4 years;
    // 3 period targets; population caps for 10 townships and the district.
    long tasks = forecasts.filter("task <> 'P'").count();
    assertThat(tasks).isEqualTo(4 * 11 + 2 * 4 + 3);
    assertThat(forecasts.filter("task = 'P'").count()).isEqualTo(11);
    assertThat(forecasts.filter("achieved_to_date > 1e8").count()).isZero();
    Row t1 =
        forecasts
            .filter("task = 'T1' AND is_district AND target_year = 2020 AND target_scope = 'year'")
            .first();
    assertThat(t1.<Double>getAs("forecast_p10")).isLessThan(t1.getAs("forecast_p50"));
    assertThat(t1.<Double>getAs("forecast_p50")).isLessThan(t1.getAs("forecast_p90"));
    assertThat(t1.<Integer>getAs("months_left")).isEqualTo(6);
    assertThat(forecasts.filter("target_year = 2019 AND status NOT IN ('met', 'missed')").count())
        .isZero();
  }

  @Test
  void theDistrictIsTheSumOfItsTownships() {
    Dataset<Row> t1 =
        forecasts.filter("task = 'T1' AND target_year = 2020 AND target_scope = 'year'");
    double townships =
        t1.filter("NOT is_district")
            .agg(org.apache.spark.sql.functions.sum("forecast_mean"))
            .first()
            .getDouble(0);
    double district = t1.filter("is_district").first().<Double>getAs("forecast_mean");
    assertThat(district).isCloseTo(townships, within(1e-6 * townships));
  }

  @Test
  void withoutEffectEstimatesThePopulationIsTrendOnlyAndSaysSo() {
    List<Row> p = forecasts.filter("task = 'P'").collectAsList();
    assertThat(p)
        .allSatisfy(r -> assertThat(r.<String>getAs("effect_source")).isEqualTo("trend_only"));
    assertThat(p)
        .allSatisfy(
            r -> assertThat(r.<String>getAs("model")).isEqualTo(PopulationForecast.TREND_ONLY));
  }

  @Test
  void aScenarioRunUsesTheLatestEffectsAndIsStoredBesideTheDefault() throws Exception {
    StructType schema =
        new StructType()
            .add("run_id", DataTypes.StringType)
            .add("kind", DataTypes.StringType)
            .add("estimator", DataTypes.StringType)
            .add("lag", DataTypes.IntegerType)
            .add("estimate", DataTypes.DoubleType)
            .add("ci95_low", DataTypes.DoubleType)
            .add("ci95_high", DataTypes.DoubleType)
            .add("ci90_low", DataTypes.DoubleType)
            .add("ci90_high", DataTypes.DoubleType);
    Lake.overwrite(
        spark.createDataFrame(
            List.of(
                RowFactory.create("r1", "residential", "panel", 1, 999.0, 0.0, 2000.0, 0.0, 2000.0),
                RowFactory.create(
                    "r2", "residential", "linkage", 1, 999.0, 0.0, 2000.0, 0.0, 2000.0),
                RowFactory.create(
                    "r2", "residential", "panel", 1, 150.0, 140.0, 160.0, 142.0, 158.0)),
            schema),
        gold(ForecastStage.EFFECTS),
        "fixture");
    Path file = dir.resolve("more.csv");
    StringBuilder csv = new StringBuilder("township_code,kind,planned_area_m2\n");
    for (int i = 0; i < ForecastFixtures.TOWNSHIPS; i++) {
      csv.append(ForecastFixtures.township(i)).append(",residential,100000\n");
    }
    Files.writeString(file, csv);
    run(settings("forecast.scenario=" + file));
    Dataset<Row> all = Lake.read(spark, gold(ForecastStage.FORECASTS));
    Row base = all.filter("task = 'P' AND is_district AND scenario = 'open_targets'").first();
    Row more = all.filter("task = 'P' AND is_district AND scenario = 'more.csv'").first();
    assertThat(base.<String>getAs("run_id")).isEqualTo(firstRun);
    assertThat(base.<String>getAs("effect_source")).isEqualTo("trend_only");
    assertThat(more.<String>getAs("effect_source")).isEqualTo("effect_estimates:r2");
    assertThat(more.<String>getAs("model")).isEqualTo(PopulationForecast.WITH_EFFECT);
    // 10 townships x 100,000 m2 x 150 residents per 10,000 m2 on top of the trend.
    assertThat(base.<Double>getAs("forecast_mean") - more.<Double>getAs("forecast_mean"))
        .isGreaterThan(10_000);
    Dataset<Row> stored = Lake.read(spark, gold(ForecastStage.SCENARIOS));
    assertThat(stored.filter("scenario = 'more.csv' AND source = 'file'").count())
        .isEqualTo(ForecastFixtures.TOWNSHIPS);
    assertThat(stored.filter("scenario = 'open_targets' AND source = 'targets'").count())
        .isPositive();
  }
}
