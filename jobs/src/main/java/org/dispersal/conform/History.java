package org.dispersal.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.min;
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

  /**
   * Until when a version was the latest known one: the earliest {@link Silver#KNOWN_AT} of the
   * versions after it, null while none is known. Kept with the history so that the forecast's
   * vintages need not shuffle every history by key again (see {@link Vintages#known}).
   */
  static final String KNOWN_UNTIL = "known_until";

  // Lineage columns written by ingest; they order rows that tie on the business timestamp.
  static final String INGESTED_AT = "ingested_at";
  static final String FILE_NAME = "file_name";
  static final String ROW_NUMBER = "row_number";

  private History() {}

  /**
   * Keeps one row per key and timestamp (a repeated row in a later delivery is the same version;
   * among true ties the latest ingested, then the last file name and row win, so reruns agree) and
   * adds valid_from / valid_to / is_current / version, and known_until when the rows say when they
   * became known.
   */
  static Dataset<Row> versions(Dataset<Row> in, String key, String updatedAt) {
    WindowSpec tie = Window.partitionBy(col(key), col(updatedAt)).orderBy(latestFirst());
    WindowSpec byTime = Window.partitionBy(col(key)).orderBy(col(updatedAt).asc());
    Dataset<Row> out =
        in.withColumn("_tie", row_number().over(tie))
            .filter(col("_tie").equalTo(1))
            .drop("_tie")
            .withColumn(VALID_FROM, col(updatedAt))
            .withColumn(VALID_TO, lead(col(updatedAt), 1).over(byTime))
            .withColumn(IS_CURRENT, col(VALID_TO).isNull())
            .withColumn(VERSION, row_number().over(byTime));
    if (!java.util.Arrays.asList(in.columns()).contains(Silver.KNOWN_AT)) {
      return out;
    }
    // The same window as the versions': no shuffle of its own.
    WindowSpec later = byTime.rowsBetween(1, Window.unboundedFollowing());
    return out.withColumn(KNOWN_UNTIL, min(col(Silver.KNOWN_AT)).over(later));
  }

  /**
   * The versions of the records new rows touch, recomputed from those records' earlier versions in
   * a history and the new rows. The earlier versions are cut from the history once and cached
   * (lazily, so a ledger without new rows costs nothing; few, for a night's deliveries): a fold's
   * MERGE of the history and of the current records then reads only these (at 1/4 of the city
   * rental_history is 2 million rows of 31 columns).
   */
  static Dataset<Row> refold(
      Dataset<Row> fresh, Dataset<Row> previous, String key, String updatedAt) {
    Dataset<Row> touched = fresh.select(col(key)).distinct();
    Dataset<Row> earlier = previous.join(touched, key, "left_semi").persist();
    return versions(
        earlier.drop(VALID_FROM, VALID_TO, IS_CURRENT, VERSION, KNOWN_UNTIL).unionByName(fresh),
        key,
        updatedAt);
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
