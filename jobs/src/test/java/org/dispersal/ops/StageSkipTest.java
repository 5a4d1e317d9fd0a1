package org.dispersal.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.dispersal.GeneratedLake;
import org.dispersal.TestSpark;
import org.dispersal.common.Lake;
import org.dispersal.common.PathsConfig;
import org.dispersal.common.RunContext;
import org.dispersal.common.Settings;
import org.dispersal.common.Stage;
import org.dispersal.estimate.EstimateStage;
import org.dispersal.export.ExportStage;
import org.dispersal.forecast.ForecastConfig;
import org.dispersal.forecast.ForecastStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Estimate, forecast and export on a copy of the generated lake: run again with nothing new they
 * skip and leave gold as it is; a changed setting reruns its stage and those downstream, a deleted
 * workbook reruns the export.
 */
class StageSkipTest {
  private static final List<String> GOLD =
      List.of(
          "effect_estimates",
          "population_attribution",
          "forecasts",
          "forecast_scenarios",
          "forecast_backtest",
          "export_log");
  private static final String SKIPPED = "nothing new since the last ";

  @TempDir Path dir;

  @Test
  void nothingNewSkipsAndAChangeRerunsItsStageAndThoseDownstream() throws IOException {
    GeneratedLake generated = GeneratedLake.get();
    copy(generated.lake, dir.resolve("lake"));
    copy(local(PathsConfig.from(generated.settings).exports()), dir.resolve("exports"));
    Settings settings =
        generated
            .settings
            .with(PathsConfig.LAKE, dir.resolve("lake").toString())
            .with(PathsConfig.EXPORTS, dir.resolve("exports").toString())
            .with(PathsConfig.RUNS, dir.resolve("runs").toString());
    SparkSession spark = TestSpark.session();
    PathsConfig paths = PathsConfig.from(settings);

    // The first run skips what the generated lake's own run left current; another test may have
    // rebuilt the panel since, and then it reruns.
    run(settings);
    Map<String, Long> versions = versions(spark, paths);

    assertThat(run(settings))
        .containsExactly(
            SKIPPED + "estimate (gold kept)",
            SKIPPED + "forecast (gold kept)",
            SKIPPED + "export (workbook kept)");
    assertThat(versions(spark, paths)).isEqualTo(versions);

    Settings fewerPaths = settings.with(ForecastConfig.PATHS, "200");
    List<String> changed = run(fewerPaths);
    assertThat(changed.get(0)).startsWith(SKIPPED + "estimate");
    assertThat(changed.subList(1, 3)).noneMatch(s -> s.startsWith(SKIPPED));

    Path workbook =
        local(
            ExportStage.workbook(paths.exports(), RunContext.start(settings, false).run().asOf()));
    Files.delete(workbook);
    List<String> deleted = run(fewerPaths);
    assertThat(deleted.subList(0, 2)).allMatch(s -> s.startsWith(SKIPPED));
    assertThat(deleted.get(2)).doesNotStartWith(SKIPPED);
    assertThat(workbook).exists();
  }

  // One run of the three stages; their summaries.
  private static List<String> run(Settings settings) {
    RunContext run = RunContext.start(settings, false);
    List<String> summaries = new ArrayList<>();
    for (Stage stage : List.of(new EstimateStage(), new ForecastStage(), new ExportStage())) {
      summaries.add(stage.run(TestSpark.session(), settings, run).summary());
    }
    return summaries;
  }

  private static Map<String, Long> versions(SparkSession spark, PathsConfig paths) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String table : GOLD) {
      out.put(table, Lake.version(spark, Lake.table(paths, "gold", table)));
    }
    return out;
  }

  // A local path the settings name as a file: URI (the workbook's name is not ASCII).
  private static Path local(String path) {
    return Path.of(path.replaceFirst("^file:(//)?", ""));
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }
}
