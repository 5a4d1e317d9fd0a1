package org.dispersal.common;

import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaHistoryManager;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.actions.CommitInfo;
import org.apache.spark.sql.delta.util.FileNames;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Where each Delta table of the lake lives ({@code <lake>/<layer>/<name>}) and the few ways the
 * stages read and write them; every commit carries the run id in its {@code userMetadata}.
 */
public final class Lake {
  private Lake() {}

  private static final String DELETION_VECTORS = "delta.enableDeletionVectors";
  // Held while the session carries a run id for the commits of a command or a run (withRunId).
  private static final Object RUN_ID = new Object();

  /** The location of a table, e.g. {@code table(paths, "silver", "rental")}. */
  public static String table(PathsConfig paths, String layer, String name) {
    String root = paths.lake().endsWith("/") ? paths.lake() : paths.lake() + "/";
    return root + layer + "/" + name;
  }

  public static boolean exists(SparkSession spark, String location) {
    return DeltaTable.isDeltaTable(spark, location);
  }

  public static Dataset<Row> read(SparkSession spark, String location) {
    return spark.read().format("delta").load(location);
  }

  /**
   * Reads a table as it was at a version (Delta time travel): what an earlier run wrote, even after
   * later runs replaced it, as long as VACUUM has kept the version's files.
   */
  public static Dataset<Row> readAt(SparkSession spark, String location, long version) {
    return spark.read().format("delta").option("versionAsOf", version).load(location);
  }

  /**
   * Reads the tables a stage needs from one layer, by name, or fails saying which stage must run
   * first.
   */
  public static Map<String, Dataset<Row>> readAll(
      SparkSession spark,
      PathsConfig paths,
      String layer,
      List<String> names,
      String stage,
      String producer) {
    return AsOfBasis.current().readAll(spark, paths, layer, names, stage, producer);
  }

  /** The failure of a stage whose input table has not been written (yet, or at its as-of date). */
  static DispersalException notWritten(
      String stage, String layer, String name, String producer, String location) {
    return DispersalException.failure(
        stage + " cannot run: the " + layer + " table " + name + " does not exist",
        producer + " has not written it yet (" + location + ")",
        "run " + producer + " first, or the whole nightly",
        null);
  }

  /** Replaces a table's content (schema included) in one commit; returns the new version. */
  public static long overwrite(Dataset<Row> data, String location, String runId) {
    return overwrite(data, location, runId, false);
  }

  /**
   * Replaces a table's content (schema included) in one commit; returns the new version.
   *
   * @param deletionVectors whether the table marks the rows a MERGE or a replaceWhere removes in
   *     deletion vectors rather than rewriting their files (the setting stays with the table)
   */
  public static long overwrite(
      Dataset<Row> data, String location, String runId, boolean deletionVectors) {
    return overwrite(data, location, runId, deletionVectors, 0);
  }

  /**
   * Replaces a table's content as above, in files of at most so many rows each (0: no limit), so
   * that rows written in order of a column spread over files with narrow ranges of it, which
   * Delta's statistics let a filtered read skip.
   */
  public static long overwrite(
      Dataset<Row> data, String location, String runId, boolean deletionVectors, long rowsPerFile) {
    DataFrameWriter<Row> writer =
        data.write()
            .format("delta")
            .mode("overwrite")
            .option("overwriteSchema", "true")
            .option("userMetadata", runId);
    if (rowsPerFile > 0) {
      writer = writer.option("maxRecordsPerFile", rowsPerFile);
    }
    if (deletionVectors) {
      writer = writer.option(DELETION_VECTORS, "true");
    }
    SparkSession spark = data.sparkSession();
    boolean existed = deletionVectors && exists(spark, location);
    writer.save(location);
    if (existed && !"true".equals(properties(spark, location).get(DELETION_VECTORS))) {
      // The option sets the property only when the write creates the table.
      withRunId(
          spark, runId, () -> setProperties(spark, location, Map.of(DELETION_VECTORS, "true")));
    }
    return version(spark, location);
  }

  /** A table's properties (TBLPROPERTIES) in its latest version, read from its log. */
  public static Map<String, String> properties(SparkSession spark, String location) {
    return CollectionConverters.asJava(
        latest(DeltaLog.forTable(spark, location)).metadata().configuration());
  }

  /**
   * Sets table properties in one commit (ALTER TABLE), under the run id the session carries (see
   * {@link #withRunId}). Keys and values must not hold a quote.
   */
  public static void setProperties(
      SparkSession spark, String location, Map<String, String> properties) {
    spark.sql(
        "ALTER TABLE delta.`"
            + location.replace("`", "``")
            + "` SET TBLPROPERTIES ("
            + properties.entrySet().stream()
                .map(e -> "'" + e.getKey() + "' = '" + e.getValue() + "'")
                .collect(java.util.stream.Collectors.joining(", "))
            + ")");
  }

  /**
   * Runs a Delta command that takes no writer options (a MERGE, an ALTER TABLE) with the run id in
   * its commit's userMetadata, which it reads from the session.
   */
  public static void withRunId(SparkSession spark, String runId, Runnable commit) {
    withRunId(
        spark,
        runId,
        () -> {
          commit.run();
          return null;
        });
  }

  /**
   * Runs work whose Delta commits carry the run id (from the session) unless they name their own.
   * One at a time: two threads sharing a session, as the tests do, would otherwise commit under
   * each other's run id.
   */
  public static <T> T withRunId(SparkSession spark, String runId, Supplier<T> work) {
    String conf = "spark.databricks.delta.commitInfo.userMetadata";
    synchronized (RUN_ID) {
      String before = spark.conf().getOption(conf).getOrElse(() -> null);
      spark.conf().set(conf, runId);
      try {
        return work.get();
      } finally {
        if (before == null) {
          spark.conf().unset(conf);
        } else {
          spark.conf().set(conf, before);
        }
      }
    }
  }

  /**
   * Replaces the rows of an existing table that match a SQL predicate with the given rows, which
   * must all match it, in one commit (Delta replaceWhere); returns the new version.
   */
  public static long replace(Dataset<Row> rows, String location, String runId, String predicate) {
    rows.write()
        .format("delta")
        .mode("overwrite")
        .option("replaceWhere", predicate)
        .option("userMetadata", runId)
        .save(location);
    return version(rows.sparkSession(), location);
  }

  /** Appends rows to a table (created when missing) in one commit; returns the new version. */
  public static long append(Dataset<Row> data, String location, String runId) {
    data.write().format("delta").mode("append").option("userMetadata", runId).save(location);
    return version(data.sparkSession(), location);
  }

  /**
   * The rows a run's latest write to a table added or changed, read from the table's log rather
   * than its files: Delta's {@code numOutputRows} less the unchanged rows it copied from rewritten
   * files. 0 when the table's latest commit is another run's (the run's write committed nothing); a
   * property change the write made after it is skipped.
   */
  public static long rowsWritten(SparkSession spark, String location, String runId) {
    DeltaLog log = DeltaLog.forTable(spark, location);
    long latest = latest(log).version();
    for (long v = latest; v >= Math.max(0, latest - 1); v--) {
      CommitInfo commit = commitInfo(log, v);
      if (commit == null || !runId.equals(commit.userMetadata().getOrElse(() -> null))) {
        return 0;
      }
      if (commit.operationMetrics().isDefined()) {
        Map<String, String> metrics = CollectionConverters.asJava(commit.operationMetrics().get());
        if (metrics.containsKey("numOutputRows")) {
          return metric(metrics, "numOutputRows")
              - metric(metrics, "numCopiedRows")
              - metric(metrics, "numTargetRowsCopied");
        }
      }
    }
    return 0;
  }

  private static long metric(Map<String, String> metrics, String name) {
    String value = metrics.get(name);
    return value == null ? 0 : Long.parseLong(value);
  }

  /**
   * The latest version of a table. Read from its log on the driver: {@code DeltaTable.history} runs
   * two Spark jobs for the same answer, and the stages ask after every write.
   */
  public static long version(SparkSession spark, String location) {
    return latest(DeltaLog.forTable(spark, location)).version();
  }

  private static Snapshot latest(DeltaLog log) {
    return log.update(false, Option.empty(), Option.empty());
  }

  /** A commit's information (operation, metrics, userMetadata), or null if it has none. */
  private static CommitInfo commitInfo(DeltaLog log, long version) {
    return DeltaHistoryManager.getCommitInfoOpt(
            log.store(),
            FileNames.unsafeDeltaFile(log.logPath(), version),
            log.newDeltaHadoopConf())
        .getOrElse(() -> null);
  }
}
