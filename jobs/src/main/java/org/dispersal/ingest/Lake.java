package org.dispersal.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The bronze tables of the lake and the few ways ingest touches them. */
final class Lake {
  private final String root;

  /** @param lake {@code paths.lake}, a qualified URI */
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

  /** Deliveries among {@code ids} that already have rows in the table. */
  static Set<String> present(SparkSession spark, String table, Set<String> ids, String ledger) {
    return new HashSet<>(rowsPerDelivery(spark, table, ids, ledger).keySet());
  }

  /** The table's current version, or -1 if it does not exist yet. */
  static long version(SparkSession spark, String table) {
    if (!exists(spark, table)) {
      return -1;
    }
    return DeltaTable.forPath(spark, table).history(1).select("version").first().getLong(0);
  }
}
