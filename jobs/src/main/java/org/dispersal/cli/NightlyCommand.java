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
    RunContext run = RunContext.start(settings, full);
    List<Stage> stages = Pipeline.stages();
    if (stages.isEmpty()) {
      LOG.info(
          "Nightly run {} did nothing: no stage is available yet (ingest arrives with issue #4).",
          run.runId());
      return ExitCode.SUCCESS;
    }
    SparkSession spark = SparkSessions.open(SparkConfig.from(settings), "nightly");
    ExitCode code = Pipeline.run(spark, settings, run, stages);
    LOG.info("Nightly run {} finished with exit code {} ({}).", run.runId(), code.code(), code);
    return code;
  }
}
