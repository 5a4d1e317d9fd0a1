package org.dispersal.forecast;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.dispersal.common.AsOfBasis;
import org.dispersal.common.DispersalException;
import org.dispersal.common.Lake;
import org.dispersal.common.RunContext;
import org.dispersal.common.Settings;
import org.dispersal.common.Stage;
import org.dispersal.common.StageFingerprint;
import org.dispersal.common.StageOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forecast: gold task progress and township months → where every target lands (gold/forecasts), the
 * planned vacating used (gold/forecast_scenarios) and the rolling-origin backtest
 * (gold/forecast_backtest), all from rows up to the as-of month.
 */
public final class ForecastStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(ForecastStage.class);
  public static final String FORECASTS = "forecasts";
  public static final String SCENARIOS = "forecast_scenarios";
  public static final String BACKTEST = "forecast_backtest";
  static final String EFFECTS = "effect_estimates";
  static final String DEFAULT_SCENARIO = "open_targets";

  /** The tables the forecast reads, as the as-of basis names them. */
  static final List<String> INPUTS =
      Stream.concat(
              Stream.of(
                  "gold/task_progress",
                  "gold/township_month",
                  "silver/targets",
                  "silver/targets_history",
                  "gold/" + EFFECTS),
              KnownHistory.INPUTS.stream())
          .toList();

  @Override
  public String name() {
    return "forecast";
  }

  @Override
  public void preflight(Settings settings, RunContext run) {
    ForecastConfig config = ForecastConfig.from(settings);
    if (!config.scenario().isEmpty() && !Files.isReadable(Path.of(config.scenario()))) {
      throw DispersalException.usage(
          "the scenario file " + config.scenario() + " cannot be read",
          "it does not exist or is not readable",
          "give an existing CSV with columns township_code,kind,planned_area_m2");
    }
  }

  /**
   * Forecasts from what was known at the as-of date: the tables as the lake's run of that date left
   * them when the date is earlier than the latest run (see {@link AsOfBasis}).
   */
  @Override
  public StageOutcome run(SparkSession spark, Settings settings, RunContext run) {
    return run(spark, settings, run, AsOfBasis.of(spark, run.paths(), run.run().asOf(), INPUTS));
  }

  StageOutcome run(SparkSession spark, Settings settings, RunContext run, AsOfBasis basis) {
    ForecastConfig config = ForecastConfig.from(settings);
    StageFingerprint fingerprint =
        StageFingerprint.of(spark, run, name(), basis, INPUTS, config)
            .with(
                "scenario",
                config.scenario().isEmpty()
                    ? "none"
                    : StageFingerprint.fileHash(Path.of(config.scenario())));
    Optional<StageOutcome> skipped = fingerprint.skip(spark, run, "gold");
    if (skipped.isPresent()) {
      return skipped.get();
    }
    String district = run.run().districtCode();
    LocalDate asOfDate = run.run().asOf();
    YearMonth asOf = YearMonth.from(asOfDate);
    String month = asOf.toString();
    LOG.info(
        "Forecast started: as of {}, {} paths, basis {}", asOfDate, config.paths(), basis.label());
    Map<String, Dataset<Row>> gold =
        basis.readAll(
            spark,
            run.paths(),
            "gold",
            List.of("task_progress", "township_month"),
            "Forecast",
            "panel");
    Dataset<Row> progress = gold.get("task_progress");
    int n = Months.index(asOf) + 1;
    List<TaskSeries> series =
        TaskSeries.of(ForecastInputs.series(progress, month).collectAsList(), n);
    List<Target> targets =
        ForecastInputs.targetList(
            ForecastInputs.targets(progress.filter(col(ForecastColumns.MONTH).leq(lit(month))))
                .collectAsList());
    List<ForecastRow> rows =
        new ArrayList<>(TaskForecasts.forecast(series, targets, district, config));

    Dataset<Row> townshipMonth = gold.get("township_month");
    Map<String, Map<String, double[]>> history = new TreeMap<>();
    Map<String, TreeMap<Integer, Map<String, Double>>> vacated = new TreeMap<>();
    for (Row r : ForecastInputs.vacatedByYear(townshipMonth, month).collectAsList()) {
      String t = r.getAs(ForecastColumns.TOWNSHIP_CODE);
      Map<String, Double> byKind = new TreeMap<>();
      for (String kind : ForecastInputs.PANEL_KINDS.keySet()) {
        double area = ((Number) r.getAs("area_" + kind)).doubleValue();
        double count = ((Number) r.getAs("count_" + kind)).doubleValue();
        byKind.put(kind, area);
        history
            .computeIfAbsent(t, k -> new TreeMap<>())
            .merge(
                kind,
                new double[] {area, count},
                (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]});
      }
      vacated.computeIfAbsent(t, k -> new TreeMap<>()).put(r.<Integer>getAs("year"), byKind);
    }
    Map<String, TreeMap<Integer, Double>> official = new TreeMap<>();
    for (Row r : ForecastInputs.official(townshipMonth, month).collectAsList()) {
      official
          .computeIfAbsent(r.getAs(ForecastColumns.TOWNSHIP_CODE), k -> new TreeMap<>())
          .put(r.<Integer>getAs("year"), r.<Double>getAs("population"));
    }
    String scenario =
        config.scenario().isEmpty()
            ? DEFAULT_SCENARIO
            : Path.of(config.scenario()).getFileName().toString();
    Map<String, Map<String, Double>> planned =
        config.scenario().isEmpty()
            ? PlannedVacating.fromTargets(series, targets, history, district, asOf.getYear())
            : PlannedVacating.read(Path.of(config.scenario()));
    Effects effects = effects(spark, run, basis);
    List<Target> caps = new ArrayList<>();
    Dataset<Row> silverTargets = basis.read(spark, run.paths(), "silver/targets");
    if (silverTargets != null) {
      caps.addAll(
          ForecastInputs.targetList(ForecastInputs.caps(silverTargets, district).collectAsList()));
    }
    caps.removeIf(c -> c.deadline() < Months.index(asOf) - 12);
    List<String> townships = official.keySet().stream().filter(t -> !t.equals(district)).toList();
    rows.addAll(
        PopulationForecast.forecast(
            new PopulationForecast.Inputs(
                official, vacated, planned, effects.byKind(), effects.source(), n - 1),
            caps,
            district,
            townships,
            config));
    Dataset<Row> issuedTargets = basis.read(spark, run.paths(), "silver/targets_history");
    List<KnownTargets.Issued> issued =
        issuedTargets == null ? List.of() : KnownTargets.read(issuedTargets);
    KnownHistory known =
        KnownHistory.read(
            spark,
            run.paths(),
            basis,
            progress,
            Backtest.origins(config, n - 1),
            config.backtestReportDay());
    List<Backtest.Measure> backtest =
        Backtest.run(
            series,
            origin ->
                KnownTargets.at(
                    targets, issued, KnownTargets.madeAt(origin, config.backtestReportDay())),
            known,
            district,
            config);

    Map<String, Long> versions = new LinkedHashMap<>();
    Date asOfSql = Date.valueOf(asOfDate);
    List<Row> out =
        rows.stream()
            .map(f -> ForecastColumns.row(f, run.runId(), asOfDate, scenario, basis.label()))
            .toList();
    versions.put(
        "gold/" + FORECASTS,
        write(spark, out, ForecastColumns.FORECASTS, run, FORECASTS, scenario));
    List<Row> plannedRows = new ArrayList<>();
    planned.forEach(
        (t, kinds) ->
            kinds.forEach(
                (k, v) ->
                    plannedRows.add(
                        RowFactory.create(
                            run.runId(),
                            asOfSql,
                            scenario,
                            t,
                            k,
                            v,
                            config.scenario().isEmpty() ? "targets" : "file"))));
    versions.put(
        "gold/" + SCENARIOS,
        write(spark, plannedRows, ForecastColumns.SCENARIOS, run, SCENARIOS, scenario));
    String origins =
        Backtest.origins(config, n - 1).stream()
            .map(i -> Months.of(i).toString())
            .reduce((a, b) -> a + "," + b)
            .orElse("");
    List<Row> backtestRows =
        backtest.stream()
            .map(
                m ->
                    RowFactory.create(
                        run.runId(), asOfSql, m.measure(), m.horizon(), m.value(), m.n(), origins))
            .toList();
    versions.put(
        "gold/" + BACKTEST,
        write(spark, backtestRows, ForecastColumns.BACKTEST, run, BACKTEST, null));
    String summary =
        String.format(
            "%d targets forecast (%d population caps, effects: %s), %d backtest figures (%d"
                + " monthly figures as known at their origins); basis %s",
            rows.size(),
            caps.size(),
            effects.source(),
            backtest.size(),
            known.revised(),
            basis.label());
    LOG.info("Forecast finished: {}", summary);
    fingerprint.record(spark, run, versions);
    return new StageOutcome(
        name(),
        series.size() + targets.size(),
        out.size() + plannedRows.size() + backtestRows.size(),
        0,
        0,
        versions,
        summary);
  }

  /** The effect estimates and where they came from, or none (trend only). */
  record Effects(Map<String, PopulationForecast.Effect> byKind, String source) {}

  private static Effects effects(SparkSession spark, RunContext run, AsOfBasis basis) {
    Dataset<Row> estimates = basis.read(spark, run.paths(), "gold/" + EFFECTS);
    if (estimates == null) {
      LOG.warn(
          "Forecast: gold/{} does not exist (the estimate stage has not run); the population"
              + " forecast is trend-only, without the effect of the vacating still planned",
          EFFECTS);
      return new Effects(Map.of(), "trend_only");
    }
    List<Row> rows = ForecastInputs.latestEffects(estimates).collectAsList();
    Map<String, PopulationForecast.Effect> byKind = ForecastInputs.effectMap(rows);
    if (byKind.isEmpty()) {
      LOG.warn(
          "Forecast: gold/{} has no usable estimate; the population forecast is trend-only",
          EFFECTS);
      return new Effects(Map.of(), "trend_only");
    }
    return new Effects(byKind, "effect_estimates:" + rows.get(0).getAs("run_id"));
  }

  /**
   * Replaces this as-of date's (and scenario's) rows of a table, keeping other dates and scenarios:
   * each run's figures stay beside the others, and a re-run replaces its own.
   */
  private static long write(
      SparkSession spark,
      List<Row> rows,
      org.apache.spark.sql.types.StructType schema,
      RunContext run,
      String table,
      String scenario) {
    String location = Lake.table(run.paths(), "gold", table);
    Dataset<Row> data = spark.createDataFrame(rows, schema).coalesce(1);
    if (!Lake.exists(spark, location)) {
      return Lake.overwrite(data, location, run.runId());
    }
    String where =
        ForecastColumns.AS_OF
            + " = DATE'"
            + run.run().asOf()
            + "'"
            + (scenario == null
                ? ""
                : " AND " + ForecastColumns.SCENARIO + " = '" + scenario.replace("'", "''") + "'");
    data.write()
        .format("delta")
        .mode("overwrite")
        .option("replaceWhere", where)
        .option("mergeSchema", "true")
        .option("userMetadata", run.runId())
        .save(location);
    return Lake.version(spark, location);
  }
}
