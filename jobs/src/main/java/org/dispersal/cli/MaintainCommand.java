package org.dispersal.cli;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.dispersal.common.Lake;
import org.dispersal.common.PathsConfig;
import org.dispersal.common.RunContext;
import org.dispersal.common.Settings;
import org.dispersal.common.SparkConfig;
import org.dispersal.common.SparkSessions;
import org.dispersal.ops.Maintenance;
import org.dispersal.ops.OpsConfig;
import org.dispersal.ops.RunLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Compacts and vacuums the lake's tables; refuses while a run holds the lock. */
@Command(
    name = "maintain",
    mixinStandardHelpOptions = true,
    description = {
      "OPTIMIZE and VACUUM every Delta table of the lake.",
      "VACUUM keeps maintain.retention-days (default 60) of history for as-of runs."
          + " Refuses (exit 75) while a nightly holds the lock."
    })
final class MaintainCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(MaintainCommand.class);

  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    Settings settings = Cli.load(common);
    OpsConfig ops = OpsConfig.from(settings);
    PathsConfig paths = PathsConfig.from(settings);
    RunContext run = RunContext.start(settings, false);
    try (RunLock lock =
        RunLock.acquire(paths.lake(), run.runId(), "maintain", ops.staleLockAfter())) {
      SparkSession spark = SparkSessions.open(SparkConfig.from(settings), "maintain");
      // OPTIMIZE's commits carry the maintenance run's id, like every commit of a nightly run.
      int tables =
          Lake.withRunId(
              spark,
              run.runId(),
              () ->
                  Maintenance.run(
                      spark,
                      paths.lake(),
                      ops.retentionDays(),
                      ops.compactBelowMb() * 1024L * 1024L));
      LOG.info(
          "Maintenance {} finished: {} tables compacted and vacuumed, {} days of history kept.",
          run.runId(),
          tables,
          ops.retentionDays());
    }
    return 0;
  }
}
