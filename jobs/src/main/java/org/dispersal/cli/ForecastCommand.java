package org.dispersal.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dispersal.common.ExitCode;
import org.dispersal.common.Lake;
import org.dispersal.common.PathsConfig;
import org.dispersal.common.RunConfig;
import org.dispersal.common.Settings;
import org.dispersal.common.SparkConfig;
import org.dispersal.common.SparkSessions;
import org.dispersal.forecast.ForecastConfig;
import org.dispersal.forecast.ForecastStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the forecast stage and prints the district's attainment table. */
@Command(
    name = "forecast",
    mixinStandardHelpOptions = true,
    description = {
      "Forecast the 2020 targets and the population cap, and print the district's table.",
      "Writes gold/forecasts, gold/forecast_scenarios and gold/forecast_backtest; --scenario FILE"
          + " (CSV township_code,kind,planned_area_m2) replaces the vacating the open targets"
          + " imply; its result is stored under the file's name beside the default.",
      "--as-of DATE earlier than the lake's latest run reads the tables as the lake's run of that"
          + " date left them (Delta time travel); see the basis column of gold/forecasts."
    })
final class ForecastCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin CommonOptions common;

  @Option(
      names = "--scenario",
      paramLabel = "FILE",
      description = "Planned vacating per township and kind (m²) instead of the open targets.")
  Path scenario;

  @Option(
      names = "--full",
      description = "Forecast even when nothing changed since the last forecast.")
  boolean full;

  @Override
  public Integer call() {
    Settings settings = Cli.load(common);
    if (scenario != null) {
      settings = settings.with(ForecastConfig.SCENARIO, scenario.toAbsolutePath().toString());
    }
    ExitCode code =
        NightlyCommand.runStages(settings, full, List.of(new ForecastStage()), "forecast");
    if (code == ExitCode.SUCCESS) {
      print(settings, spec.commandLine().getOut());
    }
    return code.code();
  }

  private static void print(Settings settings, PrintWriter out) {
    SparkSession spark = SparkSessions.open(SparkConfig.from(settings), "forecast");
    RunConfig run = RunConfig.from(settings);
    String scenario = settings.get(ForecastConfig.SCENARIO);
    String name = scenario.isEmpty() ? "open_targets" : Path.of(scenario).getFileName().toString();
    Dataset<Row> all =
        Lake.read(spark, Lake.table(PathsConfig.from(settings), "gold", ForecastStage.FORECASTS))
            .filter(col("is_district"))
            .filter(col("scenario").equalTo(lit(name)))
            .filter(col("as_of").equalTo(lit(java.sql.Date.valueOf(run.asOf()))));
    String latest = all.agg(max("run_id")).first().getString(0);
    List<Row> rows =
        all.filter(col("run_id").equalTo(lit(latest)))
            .orderBy("task", "metric", "target_scope", "target_year")
            .collectAsList();
    out.printf(
        Locale.ROOT,
        "District %s as of %s, scenario %s (run %s, basis %s)%n",
        run.districtCode(),
        run.asOf(),
        name,
        latest,
        rows.isEmpty() ? "-" : rows.get(0).getAs("basis"));
    out.printf(
        Locale.ROOT,
        "%-4s %-12s %-7s %5s %14s %14s %14s %14s %6s %-10s %-11s %12s %12s%n",
        "task",
        "metric",
        "scope",
        "year",
        "target",
        "to date",
        "P10",
        "P50",
        "P(met)",
        "status",
        "completion",
        "pace needed",
        "pace now");
    for (Row r : rows) {
      out.printf(
          Locale.ROOT,
          "%-4s %-12s %-7s %5d %14.0f %14s %14.0f %14.0f %6.2f %-10s %-11s %12s %12s%n",
          r.getAs("task"),
          r.getAs("metric"),
          r.<String>getAs("target_scope").replace("population_cap", "cap"),
          r.<Integer>getAs("target_year"),
          r.<Double>getAs("target_value"),
          number(r.getAs("achieved_to_date")),
          r.<Double>getAs("forecast_p10"),
          r.<Double>getAs("forecast_p50"),
          r.<Double>getAs("probability_met"),
          r.getAs("status"),
          r.getAs("expected_completion") == null ? "-" : r.getAs("expected_completion").toString(),
          number(r.getAs("pace_needed")),
          number(r.getAs("current_pace")));
    }
    out.flush();
  }

  private static String number(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.0f", v);
  }
}
