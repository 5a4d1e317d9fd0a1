package org.dispersal.panel;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dispersal.common.Lake;
import org.dispersal.common.RunContext;

/**
 * How far the gold panel has caught up: the newest ingest time, the as-of month it saw and the
 * version of silver/vacating_events it read (null when an earlier release wrote the watermark).
 */
record Watermark(Timestamp ingestedUpTo, String asOfMonth, Long eventsVersion) {
  static final List<String> INPUTS =
      List.of(
          "rental_history",
          "license_history",
          "demolition_history",
          "population",
          "targets",
          "progress");

  private static final StructType SCHEMA =
      new StructType()
          .add("run_id", DataTypes.StringType)
          .add("ingested_up_to", DataTypes.TimestampType)
          .add("as_of_month", DataTypes.StringType)
          .add("events_version", DataTypes.LongType);

  /** The newest ingest time among the silver inputs. */
  static Timestamp newest(Map<String, Dataset<Row>> silver) {
    Timestamp newest = null;
    for (String name : INPUTS) {
      Timestamp t = silver.get(name).agg(max(col("ingested_at"))).first().getTimestamp(0);
      if (t != null && (newest == null || t.after(newest))) {
        newest = t;
      }
    }
    return newest;
  }

  static long rowsIn(Map<String, Dataset<Row>> silver) {
    long rows = 0;
    for (String name : List.of("rental", "license", "demolition", "vacating_events")) {
      rows += silver.get(name).count();
    }
    return rows;
  }

  static Watermark read(SparkSession spark, RunContext run) {
    String location = Lake.table(run.paths(), "gold", PanelStage.WATERMARK);
    if (!Lake.exists(spark, location)) {
      return null;
    }
    List<Row> rows = Lake.read(spark, location).collectAsList();
    if (rows.isEmpty()) {
      return null;
    }
    Row r = rows.get(0);
    boolean hasEvents = java.util.Arrays.asList(r.schema().fieldNames()).contains("events_version");
    Long events =
        hasEvents && !r.isNullAt(r.fieldIndex("events_version")) ? r.getAs("events_version") : null;
    return new Watermark(r.getTimestamp(1), r.getString(2), events);
  }

  static void write(SparkSession spark, RunContext run, Timestamp newest, long eventsVersion) {
    Dataset<Row> row =
        spark.createDataFrame(
            List.of(
                RowFactory.create(
                    run.runId(),
                    newest,
                    java.time.YearMonth.from(run.run().asOf()).toString(),
                    eventsVersion)),
            SCHEMA);
    Lake.overwrite(
        row.coalesce(1), Lake.table(run.paths(), "gold", PanelStage.WATERMARK), run.runId());
  }
}
