package org.dispersal.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The bronze tables of the lake and the few ways ingest touches them. */
final class Lake {
  private final String root;

  /**
   * @param lake {@code paths.lake}, a qualified URI
   */
  Lake(String lake) {
    this.root = lake.endsWith("/") ? lake + "bronze/" : lake + "/bronze/";
  }

  String bronze(Ledger ledger) {
    return root + ledger.folder();
  }

  String quarantine() {
    return root + "quarantine";
  }

  String deliveries() {
    return root + "deliveries";
  }

  static boolean exists(SparkSession spark, String table) {
    return DeltaTable.isDeltaTable(spark, table);
  }

  /** Appends in one commit whose history names the run (Delta's userMetadata). */
  static void append(Dataset<Row> rows, String table, String runId) {
    rows.write().format("delta").mode("append").option("userMetadata", runId).save(table);
  }

  /** A commit: the table version it made and how many rows it added (-1: not this run's). */
  record Commit(long version, long rows) {}

  /**
   * Appends and reports the commit from Delta's own history and operation metrics. Nothing is
   * written when there is nothing to add to an existing table.
   */
  static Commit appendCounted(
      SparkSession spark, Dataset<Row> rows, String table, String runId, long expected) {
    if (expected == 0 && exists(spark, table)) {
      return new Commit(-1, 0);
    }
    append(rows, table, runId);
    Row last =
        DeltaTable.forPath(spark, table)
            .history(1)
            .select("version", "userMetadata", "operation", "operationMetrics")
            .first();
    if (!runId.equals(last.getString(1)) || !"WRITE".equals(last.getString(2))) {
      return new Commit(last.getLong(0), -1);
    }
    scala.collection.Map<String, String> metrics = last.getMap(3);
    return new Commit(
        last.getLong(0), Long.parseLong(metrics.get("numOutputRows").getOrElse(() -> "-1")));
  }

  /**
   * Row counts per delivery in a table, for the given deliveries only (optionally one ledger's, in
   * the shared quarantine table). A delivery with no rows is absent.
   */
  static Map<String, Long> rowsPerDelivery(
      SparkSession spark, String table, Set<String> ids, String ledger) {
    Map<String, Long> out = new HashMap<>();
    if (ids.isEmpty() || !exists(spark, table)) {
      return out;
    }
    Dataset<Row> t = spark.read().format("delta").load(table);
    if (ledger != null) {
      t = t.filter(col(Outputs.LEDGER).equalTo(lit(ledger)));
    }
    List<Row> rows =
        t.filter(col(Outputs.DELIVERY_ID).isin(ids.toArray()))
            .groupBy(Outputs.DELIVERY_ID)
            .count()
            .collectAsList();
    for (Row r : rows) {
      out.put(r.getString(0), r.getLong(1));
    }
    return out;
  }
}
