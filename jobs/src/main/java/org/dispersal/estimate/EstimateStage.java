package org.dispersal.estimate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.dispersal.common.AsOfBasis;
import org.dispersal.common.DispersalException;
import org.dispersal.common.Lake;
import org.dispersal.common.PathsConfig;
import org.dispersal.common.RunContext;
import org.dispersal.common.Settings;
import org.dispersal.common.Stage;
import org.dispersal.common.StageFingerprint;
import org.dispersal.common.StageOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Estimate: gold township × month (and silver vacating events, demolitions and links) → gold effect
 * estimates and population attribution, appended per run so earlier runs stay comparable.
 */
public final class EstimateStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(EstimateStage.class);

  /** The tables the estimate reads (as they are now), for its fingerprint. */
  static final List<String> INPUTS =
      List.of("gold/township_month", "silver/vacating_events", "silver/demolition", "silver/links");

  @Override
  public String name() {
    return "estimate";
  }

  @Override
  public void preflight(Settings settings, RunContext run) {
    EstimateConfig.from(settings);
  }

  @Override
  public StageOutcome run(SparkSession spark, Settings settings, RunContext run) {
    EstimateConfig config = EstimateConfig.from(settings);
    StageFingerprint fingerprint =
        StageFingerprint.of(spark, run, name(), AsOfBasis.current(), INPUTS, config);
    Optional<StageOutcome> skipped = fingerprint.skip(spark, run, "gold");
    if (skipped.isPresent()) {
      return skipped.get();
    }
    Dataset<Row> townshipMonth =
        Lake.readAll(spark, run.paths(), "gold", List.of("township_month"), "Estimate", "panel")
            .get("township_month");
    Map<String, Dataset<Row>> silver =
        Lake.readAll(
            spark,
            run.paths(),
            "silver",
            List.of("vacating_events", "demolition", "links"),
            "Estimate",
            "conform");
    Dataset<Row> events = silver.get("vacating_events");
    Dataset<Row> townships = townshipMonth.filter(col("is_district").equalTo(false));
    LOG.info(
        "Estimate started: {} replications, {} weights", config.replications(), config.weights());
    Dataset<Row> yearly = YearlyPanel.build(townships).cache();
    try {
      long rowsIn = yearly.count();
      if (PanelEstimator.years(yearly) < 4) {
        String summary =
            "fewer than four complete years with an official population: nothing estimated";
        LOG.info("Estimate finished: {}", summary);
        fingerprint.record(spark, run, Map.of());
        return new StageOutcome(name(), rowsIn, 0, 0, 0, Map.of(), summary);
      }
      PanelEstimator.Result panel = fitPanel(yearly, config);
      List<Estimate> estimates = new ArrayList<>(panel.estimates());
      estimates.add(
          LinkageEstimator.estimate(
              LinkageEstimator.byTownship(
                  events,
                  silver.get("demolition"),
                  LinkageEstimator.tenantsPerDemolition(silver.get("links"))),
              config));
      estimates.addAll(DistrictEstimator.estimate(yearly, panel, config));
      estimates.add(NaiveEstimator.estimate(NaiveEstimator.index(yearly, townships), config));
      Dataset<Row> effects = toRows(spark, estimates, run);
      Dataset<Row> attribution =
          Attribution.attribute(yearly, panel, run.runId(), run.run().asOf());
      Map<String, Long> versions = new LinkedHashMap<>();
      versions.put(
          "gold/" + EstimateColumns.EFFECT_ESTIMATES,
          append(effects, run, EstimateColumns.EFFECT_ESTIMATES));
      long attributed = attribution.count();
      versions.put(
          "gold/" + EstimateColumns.POPULATION_ATTRIBUTION,
          append(attribution, run, EstimateColumns.POPULATION_ATTRIBUTION));
      String summary =
          String.format(
              Locale.ROOT,
              "%d estimates, %d township-years attributed; residential %.0f per 10,000 m2",
              estimates.size(),
              attributed,
              estimates.get(0).estimate());
      LOG.info("Estimate finished: {} township-years in, {}", rowsIn, summary);
      fingerprint.record(spark, run, versions);
      return new StageOutcome(
          name(), rowsIn, estimates.size() + attributed, 0, 0, versions, summary);
    } finally {
      yearly.unpersist();
    }
  }

  private static PanelEstimator.Result fitPanel(Dataset<Row> yearly, EstimateConfig config) {
    try {
      return PanelEstimator.estimate(yearly, config, true);
    } catch (org.apache.commons.math3.exception.MathIllegalArgumentException e) {
      throw DispersalException.failure(
          "Estimate cannot fit the township panel model",
          "its design is singular (" + e.getMessage() + ")",
          "check gold/township_month: every kind estimated needs space vacated in several"
              + " townships and years, and each township official year-end figures",
          e);
    }
  }

  /** Replaces this run's rows (a resumed run writes them again), keeping every other run's. */
  static long append(Dataset<Row> rows, RunContext run, String table) {
    String location = Lake.table(run.paths(), "gold", table);
    if (!Lake.exists(rows.sparkSession(), location)) {
      return Lake.overwrite(rows, location, run.runId());
    }
    return Lake.replace(
        rows, location, run.runId(), EstimateColumns.RUN_ID + " = '" + run.runId() + "'");
  }

  static Dataset<Row> toRows(SparkSession spark, List<Estimate> estimates, RunContext run) {
    List<Row> rows = new ArrayList<>();
    for (Estimate e : estimates) {
      rows.add(
          RowFactory.create(
              run.runId(),
              Date.valueOf(run.run().asOf()),
              e.estimator(),
              e.kind(),
              e.lag(),
              e.estimate(),
              e.unit(),
              e.low90(),
              e.high90(),
              e.low95(),
              e.high95(),
              e.observations(),
              e.clusters(),
              e.pretrendP(),
              e.diagnostics()));
    }
    return spark.createDataFrame(rows, EstimateColumns.estimateSchema());
  }

  /** The headline of the latest run: total effect per estimator and kind with its 95% interval. */
  public static String headline(SparkSession spark, PathsConfig paths) {
    String location = Lake.table(paths, "gold", EstimateColumns.EFFECT_ESTIMATES);
    if (!Lake.exists(spark, location)) {
      return "No estimates yet.\n";
    }
    Dataset<Row> all = Lake.read(spark, location);
    String latest = all.agg(max(col(EstimateColumns.RUN_ID))).first().getString(0);
    List<Row> rows =
        all.filter(col(EstimateColumns.RUN_ID).equalTo(lit(latest)))
            .filter(col(EstimateColumns.LAG).equalTo(EstimateColumns.TOTAL))
            .orderBy(EstimateColumns.ESTIMATOR, EstimateColumns.KIND)
            .collectAsList();
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(Locale.ROOT, "Run %s (persons leaving per 10,000 m2 vacated)%n", latest));
    sb.append(
        String.format(
            Locale.ROOT, "%-10s %-20s %9s  %s%n", "estimator", "kind", "estimate", "95% interval"));
    for (Row r : rows) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%-10s %-20s %9.1f  [%.1f, %.1f]%n",
              r.<String>getAs(EstimateColumns.ESTIMATOR),
              r.<String>getAs(EstimateColumns.KIND),
              r.<Double>getAs(EstimateColumns.ESTIMATE),
              r.<Double>getAs(EstimateColumns.CI95_LOW),
              r.<Double>getAs(EstimateColumns.CI95_HIGH)));
    }
    return sb.toString();
  }
}
