package org.dispersal.cli;

import static org.apache.spark.sql.functions.col;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dispersal.common.AsOfBasis;
import org.dispersal.common.Lake;
import org.dispersal.common.PathsConfig;
import org.dispersal.common.Settings;
import org.dispersal.common.SparkConfig;
import org.dispersal.common.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Lists recent runs of the lake and their stages, from the run tables. */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description = "List recent runs and their stages (from the lake's _runs tables).")
final class RunsCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  @Option(
      names = "--limit",
      defaultValue = "10",
      description = "How many runs to list (default 10).")
  int limit;

  @Override
  public Integer call() {
    Settings settings = Cli.load(common);
    PathsConfig paths = PathsConfig.from(settings);
    PrintWriter out = spec.commandLine().getOut();
    SparkSession spark = SparkSessions.open(SparkConfig.from(settings), "runs");
    String runsTable = AsOfBasis.runsTable(paths);
    if (!Lake.exists(spark, runsTable)) {
      out.println("No runs recorded yet in " + paths.lake());
      out.flush();
      return 0;
    }
    List<Row> runs =
        spark
            .sql(
                "SELECT run_id, attempt, command, as_of, status, exit_code, message, at FROM ("
                    + " SELECT *, row_number() OVER (PARTITION BY run_id, attempt ORDER BY at DESC) AS r"
                    + " FROM delta.`"
                    + runsTable
                    + "`) WHERE r = 1 ORDER BY at DESC LIMIT "
                    + limit)
            .collectAsList();
    String stagesTable = AsOfBasis.stagesTable(paths);
    boolean hasStages = Lake.exists(spark, stagesTable);
    out.printf(
        "%-22s %-3s %-9s %-10s %-15s %-4s %s%n",
        "RUN", "TRY", "COMMAND", "AS OF", "STATUS", "EXIT", "AT");
    for (Row r : runs) {
      out.printf(
          "%-22s %-3s %-9s %-10s %-15s %-4s %s%n",
          r.getAs("run_id"),
          r.getAs("attempt"),
          r.getAs("command"),
          r.getAs("as_of"),
          r.getAs("status"),
          r.getAs("exit_code") == null ? "" : r.getAs("exit_code"),
          r.getAs("at"));
      if (hasStages) {
        for (Row s :
            Lake.read(spark, stagesTable)
                .filter(
                    col("run_id")
                        .equalTo(r.<String>getAs("run_id"))
                        .and(col("attempt").equalTo(r.<Integer>getAs("attempt"))))
                .orderBy("started_at")
                .collectAsList()) {
          out.printf(
              "    %-10s %-9s in %-10s out %-10s quarantined %-8s rejected %-3s %s%n",
              s.getAs("stage"),
              s.getAs("status"),
              s.getAs("rows_in"),
              s.getAs("rows_out"),
              s.getAs("rows_quarantined"),
              s.getAs("files_rejected"),
              s.getAs("message") == null ? "" : s.getAs("message"));
        }
      }
    }
    out.flush();
    return 0;
  }
}
