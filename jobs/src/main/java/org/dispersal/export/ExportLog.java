package org.dispersal.export;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.dispersal.export.ExportColumns.AS_OF;
import static org.dispersal.export.ExportColumns.EXPORTED_AT;
import static org.dispersal.export.ExportColumns.LOGGED_TABLE;
import static org.dispersal.export.ExportColumns.RUN_ID;
import static org.dispersal.export.ExportColumns.VERSION;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * gold/export_log: per published export, the Delta version of every gold table it read, so a later
 * export can read the figures exactly as they were exported (time travel), even after the gold rows
 * were replaced and the old files deleted.
 *
 * <p>Rule for "the previous export": among the logged exports whose as-of date is before this
 * one's, the one with the latest as-of date; of several exports of that date (reruns) the last
 * published one (latest {@code exported_at}, then run id).
 */
final class ExportLog {
  private ExportLog() {}

  static final String TABLE = "export_log";

  static final StructType SCHEMA =
      new StructType()
          .add(RUN_ID, DataTypes.StringType, false)
          .add(AS_OF, DataTypes.DateType, false)
          .add(LOGGED_TABLE, DataTypes.StringType, false)
          .add(VERSION, DataTypes.LongType, false)
          .add(EXPORTED_AT, DataTypes.TimestampType, false);

  /** The log rows of one export: one per gold table read, with the version read. */
  static Dataset<Row> entries(
      SparkSession spark,
      String runId,
      LocalDate asOf,
      Map<String, Long> versions,
      Timestamp exportedAt) {
    List<Row> rows = new ArrayList<>();
    versions.forEach(
        (table, version) ->
            rows.add(RowFactory.create(runId, Date.valueOf(asOf), table, version, exportedAt)));
    return spark.createDataFrame(rows, SCHEMA).coalesce(1);
  }

  /**
   * The log rows of the previous export before {@code asOf} (see the class comment); may be empty.
   */
  static Dataset<Row> previous(Dataset<Row> log, LocalDate asOf) {
    Dataset<Row> before = log.filter(col(AS_OF).lt(lit(Date.valueOf(asOf))));
    // one struct orders exports by as-of date, then publication time, then run id
    return before
        .withColumn("_key", struct(col(AS_OF), col(EXPORTED_AT), col(RUN_ID)))
        .withColumn("_last", max(col("_key")).over(Window.partitionBy()))
        .filter(col("_key").equalTo(col("_last")))
        .select(AS_OF, LOGGED_TABLE, VERSION, RUN_ID);
  }
}
