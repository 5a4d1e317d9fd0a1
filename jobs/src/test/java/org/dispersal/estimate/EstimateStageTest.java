package org.dispersal.estimate;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dispersal.TestSpark;
import org.dispersal.common.ExitCode;
import org.dispersal.common.Lake;
import org.dispersal.common.PathsConfig;
import org.dispersal.common.RunConfig;
import org.dispersal.common.RunContext;
import org.dispersal.common.Setting;
import org.dispersal.common.Settings;
import org.dispersal.common.SettingsLoader;
import org.dispersal.common.SparkConfig;
import org.dispersal.ops.Pipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The stage end to end on a lake holding a simulated district's gold township × month and silver
 * vacating events: two runs append their estimates and attribution side by side.
 */
@Execution(ExecutionMode.CONCURRENT) // its own lake: it runs beside the stream of test classes
class EstimateStageTest {
  @TempDir Path dir;

  @Test
  void twoRunsAppendEstimatesAndAttributionThatAddUp() {
    SparkSession spark = TestSpark.session();
    Path lake = dir.resolve("lake");
    PanelSimulator.townshipMonths(5, 28)
        .write()
        .format("delta")
        .save(lake.resolve("gold/township_month").toString());
    LinkageSimulator.Simulated sim = LinkageSimulator.events(5, 28);
    sim.events().write().format("delta").save(lake.resolve("silver/vacating_events").toString());
    sim.demolitions().write().format("delta").save(lake.resolve("silver/demolition").toString());
    sim.links().write().format("delta").save(lake.resolve("silver/links").toString());
    Settings settings = settings(lake);
    PathsConfig paths = PathsConfig.from(settings);
    long start = System.nanoTime();
    for (int run = 0; run < 2; run++) {
      // The second run forces (--full): with nothing new it would skip and append nothing.
      ExitCode code =
          Pipeline.run(
              spark, settings, RunContext.start(settings, run == 1), List.of(new EstimateStage()));
      assertThat(code).isEqualTo(ExitCode.SUCCESS);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    org.slf4j.LoggerFactory.getLogger(EstimateStageTest.class)
        .info("Two estimate runs on 28 simulated townships took {} s", Math.round(seconds));

    Dataset<Row> effects = Lake.read(spark, Lake.table(paths, "gold", "effect_estimates"));
    assertThat(effects.columns()).containsExactlyElementsOf(EstimateColumns.ESTIMATE_COLUMNS);
    List<Row> runs = effects.groupBy("run_id").count().collectAsList();
    assertThat(runs).hasSize(2);
    // Per run: panel total, same-year effect and pre-trend lead of five kinds, linkage,
    // spillover share and five district effects, and the naive estimate.
    assertThat(runs).allSatisfy(r -> assertThat(r.getLong(1)).isEqualTo(15 + 1 + 6 + 1));
    assertThat(effects.filter("lag = 'lead_1' and estimator <> 'panel'").count()).isZero();
    Row panel =
        effects.filter("estimator = 'panel' and kind = 'residential' and lag = 'total'").first();
    assertThat(panel.<Double>getAs("ci95_low")).isLessThanOrEqualTo(panel.getAs("ci90_low"));
    assertThat(panel.<Double>getAs("ci90_high")).isLessThanOrEqualTo(panel.getAs("ci95_high"));
    assertThat(panel.<Long>getAs("observations")).isEqualTo(28 * 5);
    assertThat(panel.<Integer>getAs("clusters")).isEqualTo(28);
    assertThat(panel.<Double>getAs("pretrend_p")).isBetween(0.0, 1.0);
    assertThat(panel.<String>getAs("diagnostics")).contains("residual_lag1_correlation");

    Dataset<Row> attribution =
        Lake.read(spark, Lake.table(paths, "gold", "population_attribution"));
    assertThat(attribution.count()).isEqualTo(2 * 28 * 4);
    assertThat(
            attribution
                .filter(
                    col("remainder")
                        .minus(col("observed_change").minus(col("explained_change")))
                        .gt(1e-6)
                        .or(col("explained_low").gt(col("explained_high"))))
                .count())
        .isZero();
    // Before any vacating (2016) nothing is attributed.
    assertThat(
            attribution
                .filter("year = 2016")
                .agg(
                    org.apache.spark.sql.functions.max(
                        org.apache.spark.sql.functions.abs(col("explained_change"))))
                .first()
                .getDouble(0))
        .isZero();
    String headline = EstimateStage.headline(spark, paths);
    assertThat(headline).contains("panel", "linkage", "residential");
    // One total per kind: neither the same-year effects nor the leads.
    assertThat(headline.lines().filter(l -> l.startsWith("panel ")).count())
        .isEqualTo(EstimateKind.values().length);
  }

  private static Settings settings(Path lake) {
    List<Setting<?>> all = new ArrayList<>();
    all.addAll(RunConfig.SETTINGS);
    all.addAll(PathsConfig.SETTINGS);
    all.addAll(SparkConfig.SETTINGS);
    all.addAll(EstimateConfig.SETTINGS);
    return SettingsLoader.load(
        all,
        null,
        null,
        Map.of(),
        List.of(
            "paths.lake=" + lake,
            "paths.landing=" + lake.getParent().resolve("landing"),
            "paths.runs=" + lake.getParent().resolve("runs"),
            "paths.exports=" + lake.getParent().resolve("exports"),
            "run.as-of=2019-12-31",
            "estimate.bootstrap-replications=199"));
  }
}
