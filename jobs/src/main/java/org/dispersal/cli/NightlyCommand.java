package org.dispersal.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.dispersal.common.ExitCode;
import org.dispersal.common.RunContext;
import org.dispersal.common.Settings;
import org.dispersal.common.SparkConfig;
import org.dispersal.common.SparkSessions;
import org.dispersal.common.Stage;
import org.dispersal.ops.Pipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
  private static final Logger LOG = LoggerFactory.getLogger(NightlyCommand.class);

  @Mixin CommonOptions common;

  @Option(names = "--full", description = "Rebuild every table from the landing files.")
  boolean full;

  @Override
  public Integer call() {
    Settings settings = Cli.load(common);
    return runNightly(settings, full).code();
  }

  static ExitCode runNightly(Settings settings, boolean full) {
    return runStages(settings, full, Pipeline.stages(), "nightly");
  }

  /** The one way commands run stages: a run context, the session, the pipeline, the exit code. */
  static ExitCode runStages(Settings settings, boolean full, List<Stage> stages, String job) {
    RunContext run = RunContext.start(settings, full);
    if (stages.isEmpty()) {
      LOG.info("Run {} did nothing: no stage is available yet.", run.runId());
      return ExitCode.SUCCESS;
    }
    SparkSession spark = SparkSessions.open(SparkConfig.from(settings), job);
    ExitCode code = Pipeline.run(spark, settings, run, stages);
    LOG.info("Run {} ({}) finished with exit code {} ({}).", run.runId(), job, code.code(), code);
    return code;
  }
}
