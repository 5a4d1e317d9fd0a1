package org.dispersal.conform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The data-quality scorecard per ledger and delivery — completeness, validity, duplicates,
 * quarantine rate — and the freshness of each ledger, with the thresholds that make it stale.
 */
final class Scorecard {
  static final String LEDGER = "ledger";
  static final String DELIVERY_ID = "delivery_id";
  static final String FILE_NAME = "file_name";
  static final String STATUS = "status";
  static final String ROWS_READ = "rows_read";
  static final String ROWS_LOADED = "rows_loaded";
  static final String ROWS_QUARANTINED = "rows_quarantined";
  static final String QUARANTINE_RATE = "quarantine_rate";
  static final String VALIDITY = "validity";
  static final String COMPLETENESS = "completeness";
  static final String DUPLICATES = "duplicates";
  static final String DUPLICATE_RATE = "duplicate_rate";
  static final String LATEST_DATA = "latest_data";
  static final String DAYS_SINCE = "days_since_latest";
  static final String STALE_AFTER_DAYS = "stale_after_days";
  static final String STALE = "stale";

  private Scorecard() {}

  /**
   * Per delivery of one ledger: the counts from the deliveries table, the completeness of the given
   * columns among its loaded rows, and how many of its rows repeat a version that an earlier
   * delivery already brought.
   *
   * @param fresh the bronze rows of the deliveries to score, or null to score all of them; with
   *     fresh rows only the bronze rows sharing a version key with them are ranked, which is all
   *     that decides what they repeat
   */
  static Dataset<Row> deliveries(
      Dataset<Row> deliveries,
      Dataset<Row> bronze,
      Dataset<Row> fresh,
      String ledger,
      List<String> versionKey,
      List<String> columns) {
    Column filled = lit(0.0);
    for (String c : columns) {
      filled = filled.plus(when(col(c).isNotNull(), 1.0).otherwise(0.0));
    }
    Column[] key =
        versionKey.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    Dataset<Row> ranked = bronze;
    if (fresh != null) {
      // Renamed: the fresh rows are a filter of the same bronze table.
      Column[] renamed = new Column[key.length];
      Column same = lit(true);
      for (int i = 0; i < key.length; i++) {
        renamed[i] = key[i].as("_k" + i);
        same = same.and(key[i].eqNullSafe(col("_k" + i)));
      }
      ranked = bronze.join(fresh.select(renamed).distinct(), same, "left_semi");
    }
    Dataset<Row> firstSeen =
        ranked
            .withColumn(
                "_seen",
                row_number()
                    .over(
                        Window.partitionBy(key)
                            .orderBy(col("ingested_at"), col(FILE_NAME), col("row_number"))))
            .groupBy(col(DELIVERY_ID).as("b_delivery"))
            .agg(
                sum(filled.divide(columns.size())).as("_filled"),
                count(lit(1)).as("_rows"),
                sum(when(col("_seen").gt(1), 1).otherwise(0)).as(DUPLICATES));
    return deliveries
        .filter(col(LEDGER).equalTo(ledger))
        .join(firstSeen, col(DELIVERY_ID).equalTo(col("b_delivery")), "left")
        .select(
            col(LEDGER),
            col(DELIVERY_ID),
            col(FILE_NAME),
            col(STATUS),
            col(ROWS_READ),
            col(ROWS_LOADED),
            col(ROWS_QUARANTINED),
            ratio(col(ROWS_QUARANTINED), col(ROWS_READ)).as(QUARANTINE_RATE),
            ratio(col(ROWS_LOADED), col(ROWS_READ)).as(VALIDITY),
            ratio(col("_filled"), col("_rows")).as(COMPLETENESS),
            coalesce(col(DUPLICATES), lit(0L)).as(DUPLICATES),
            ratio(col(DUPLICATES), col("_rows")).as(DUPLICATE_RATE));
  }

  /** One row per ledger: how recent its newest record is and whether that is too old. */
  static Dataset<Row> freshness(
      Dataset<Row> bronze, String ledger, Column dataDate, Date asOf, int staleAfterDays) {
    return bronze
        .agg(max(dataDate).as(LATEST_DATA), min(dataDate).as("_earliest"))
        .select(
            lit(ledger).as(LEDGER),
            to_date(col(LATEST_DATA)).as(LATEST_DATA),
            datediff(lit(asOf), col(LATEST_DATA)).as(DAYS_SINCE),
            lit(staleAfterDays).as(STALE_AFTER_DAYS),
            coalesce(datediff(lit(asOf), col(LATEST_DATA)).gt(staleAfterDays), lit(true))
                .as(STALE));
  }

  private static Column ratio(Column part, Column whole) {
    return when(whole.gt(0), part.cast("double").divide(whole)).otherwise(lit(null).cast("double"));
  }
}
