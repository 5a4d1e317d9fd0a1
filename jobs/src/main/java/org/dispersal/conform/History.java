package org.dispersal.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.row_number;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Versions of a record over time: which row is current per business key, and since when each
 * version was valid, so that "what did the ledger say on date X" is a single filter.
 */
final class History {
  static final String VALID_FROM = "valid_from";
  static final String VALID_TO = "valid_to";
  static final String IS_CURRENT = "is_current";
  static final String VERSION = "version";

  // Lineage columns written by ingest; they order rows that tie on the business timestamp.
  static final String INGESTED_AT = "ingested_at";
  static final String FILE_NAME = "file_name";
  static final String ROW_NUMBER = "row_number";

  private History() {}

  /**
   * Keeps one row per key and timestamp (a repeated row in a later delivery is the same version;
   * among true ties the latest ingested, then the last file name and row win, so reruns agree) and
   * adds valid_from / valid_to / is_current / version.
   */
  static Dataset<Row> versions(Dataset<Row> in, String key, String updatedAt) {
    WindowSpec tie = Window.partitionBy(col(key), col(updatedAt)).orderBy(latestFirst());
    WindowSpec byTime = Window.partitionBy(col(key)).orderBy(col(updatedAt).asc());
    return in.withColumn("_tie", row_number().over(tie))
        .filter(col("_tie").equalTo(1))
        .drop("_tie")
        .withColumn(VALID_FROM, col(updatedAt))
        .withColumn(VALID_TO, lead(col(updatedAt), 1).over(byTime))
        .withColumn(IS_CURRENT, col(VALID_TO).isNull())
        .withColumn(VERSION, row_number().over(byTime));
  }

  /** The current row per key among rows without a business timestamp: later delivery wins. */
  static Dataset<Row> latestDelivery(Dataset<Row> in, String... keys) {
    Column[] partition = new Column[keys.length];
    for (int i = 0; i < keys.length; i++) {
      partition[i] = col(keys[i]);
    }
    WindowSpec w = Window.partitionBy(partition).orderBy(latestFirst());
    return in.withColumn("_rank", row_number().over(w))
        .filter(col("_rank").equalTo(1))
        .drop("_rank");
  }

  /** The state of a history table on a date: the version valid then. */
  static Dataset<Row> asOf(Dataset<Row> history, java.sql.Timestamp at) {
    return history.filter(
        col(VALID_FROM).leq(at).and(col(VALID_TO).isNull().or(col(VALID_TO).gt(at))));
  }

  static Column[] latestFirst() {
    return new Column[] {
      col(INGESTED_AT).desc_nulls_last(), col(FILE_NAME).desc_nulls_last(), col(ROW_NUMBER).desc()
    };
  }
}
