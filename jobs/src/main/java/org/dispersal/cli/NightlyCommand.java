package org.dispersal.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.dispersal.common.ExitCode;
import org.dispersal.common.Settings;
import org.dispersal.common.Stage;
import org.dispersal.ops.Pipeline;
import org.dispersal.ops.Runner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs every available stage in order: the job the scheduler starts each night. */
@Command(
    name = "nightly",
    mixinStandardHelpOptions = true,
    description = {
      "Run the stages that exist, in order: ingest, conform, panel, estimate, forecast, export.",
      "Incremental by default; --full rebuilds."
    })
final class NightlyCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--full", description = "Rebuild every table from the landing files.")
  boolean full;

  @Option(
      names = "--resume",
      paramLabel = "RUN_ID",
      description =
          "Resume this run from the stage that failed. Without it, a nightly run that did not"
              + " finish is resumed automatically.")
  String resume;

  @Override
  public Integer call() {
    Settings settings = Cli.load(common);
    return Runner.run(settings, "nightly", full, resume, Pipeline.stages()).code();
  }

  static ExitCode runNightly(Settings settings, boolean full) {
    return runStages(settings, full, Pipeline.stages(), "nightly");
  }

  /**
   * The one way commands run stages: under the lake's lock, recorded in the run tables, with the
   * outcome as exit code.
   */
  static ExitCode runStages(Settings settings, boolean full, List<Stage> stages, String job) {
    return Runner.run(settings, job, full, null, stages);
  }
}
