package org.dispersal.common;

import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Where each Delta table of the lake lives ({@code <lake>/<layer>/<name>}) and the few ways the
 * stages read and write them; every commit carries the run id in its {@code userMetadata}.
 */
public final class Lake {
  private Lake() {}

  /** The location of a table, e.g. {@code table(paths, "silver", "rental")}. */
  private static final String DELETION_VECTORS = "delta.enableDeletionVectors";

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
    DataFrameWriter<Row> writer =
        data.write()
            .format("delta")
            .mode("overwrite")
            .option("overwriteSchema", "true")
            .option("userMetadata", runId);
    if (deletionVectors) {
      writer = writer.option(DELETION_VECTORS, "true");
    }
    SparkSession spark = data.sparkSession();
    boolean existed = deletionVectors && exists(spark, location);
    writer.save(location);
    if (existed
        && !"true"
            .equals(
                DeltaTable.forPath(spark, location)
                    .detail()
                    .select("properties")
                    .first()
                    .getJavaMap(0)
                    .get(DELETION_VECTORS))) {
      // The option sets the property only when the write creates the table.
      withRunId(
          spark,
          runId,
          () ->
              spark.sql(
                  "ALTER TABLE delta.`"
                      + location.replace("`", "``")
                      + "` SET TBLPROPERTIES ('"
                      + DELETION_VECTORS
                      + "' = 'true')"));
    }
    return version(spark, location);
  }

  /**
   * Runs a Delta command that takes no writer options (a MERGE, an ALTER TABLE) with the run id in
   * its commit's userMetadata, which it reads from the session.
   */
  public static void withRunId(SparkSession spark, String runId, Runnable commit) {
    String conf = "spark.databricks.delta.commitInfo.userMetadata";
    String before = spark.conf().getOption(conf).getOrElse(() -> null);
    spark.conf().set(conf, runId);
    try {
      commit.run();
    } finally {
      if (before == null) {
        spark.conf().unset(conf);
      } else {
        spark.conf().set(conf, before);
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
    for (Row commit : DeltaTable.forPath(spark, location).history(2).collectAsList()) {
      if (!runId.equals(commit.getAs("userMetadata"))) {
        return 0;
      }
      Map<String, String> metrics = commit.getJavaMap(commit.fieldIndex("operationMetrics"));
      if (metrics != null && metrics.containsKey("numOutputRows")) {
        return metric(metrics, "numOutputRows")
            - metric(metrics, "numCopiedRows")
            - metric(metrics, "numTargetRowsCopied");
      }
    }
    return 0;
  }

  private static long metric(Map<String, String> metrics, String name) {
    String value = metrics.get(name);
    return value == null ? 0 : Long.parseLong(value);
  }

  /** The latest version of a table. */
  public static long version(SparkSession spark, String location) {
    return DeltaTable.forPath(spark, location).history(1).first().<Long>getAs("version");
  }
}
