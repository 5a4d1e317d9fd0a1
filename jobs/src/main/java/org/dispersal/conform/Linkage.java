package org.dispersal.conform;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Links each demolition to the rental registrations and market entities that left the same site
 * around the same time; each link carries its method and a confidence.
 *
 * <p>A registration or entity is linked to at most one demolition — the nearest in time at its site
 * — so that its tenants or employees are never counted twice.
 */
final class Linkage {
  static final String TARGET_LEDGER = "target_ledger";
  static final String TARGET_KEY = "target_key";
  static final String PERSONS = "persons";

  /** The dwelling of a linked registration (null for an entity): its tenants are counted once. */
  static final String TARGET_DWELLING = "target_dwelling";

  static final String METHOD_ADDRESS_REASON = "address+reason";
  static final String METHOD_ADDRESS_DATE = "address+date";
  static final String METHOD_ADDRESS_ACTION = "address+action";

  private Linkage() {}

  /**
   * Demolition × rental links: same township and site key, deregistered within the window around
   * the demolition date. Reason 拆除 gives high confidence; another reason only a moderate one.
   */
  static Dataset<Row> rentalLinks(
      Dataset<Row> demolitions, Dataset<Row> rentals, int daysBefore, int daysAfter) {
    Dataset<Row> d = siteDates(demolitions, Cols.RECORD_ID, Cols.DEMOLISHED_ON, "d");
    Dataset<Row> r =
        rentals
            .filter(col(Cols.DEREGISTERED_ON).isNotNull().and(col(Cols.ADDRESS_KEY).isNotNull()))
            .select(
                col(Cols.TOWNSHIP_CODE).as("r_township"),
                col(Cols.ADDRESS_KEY).as("r_key"),
                col(Cols.REGISTRATION_ID).as(TARGET_KEY),
                col(Cols.DWELLING_KEY).as(TARGET_DWELLING),
                col(Cols.DEREGISTERED_ON).as("r_date"),
                col(Cols.DEREGISTRATION_REASON).as("r_reason"),
                coalesce(col(Cols.TENANT_COUNT), lit(0L)).cast("long").as(PERSONS));
    Column reasonIsDemolition = col("r_reason").equalTo(Cols.REASON_DEMOLITION);
    Dataset<Row> joined =
        join(d, r, "r_township", "r_key", "r_date", daysBefore, daysAfter)
            .withColumn(
                Cols.LINK_METHOD,
                when(reasonIsDemolition, lit(METHOD_ADDRESS_REASON)).otherwise(METHOD_ADDRESS_DATE))
            .withColumn(Cols.CONFIDENCE, when(reasonIsDemolition, lit(0.95)).otherwise(lit(0.6)))
            .withColumn(TARGET_LEDGER, lit("rental"));
    return nearest(joined);
  }

  /** Demolition × market-entity links: closed or relocated at the site within the window. */
  static Dataset<Row> entityLinks(
      Dataset<Row> demolitions, Dataset<Row> entities, int daysBefore, int daysAfter) {
    Dataset<Row> d = siteDates(demolitions, Cols.RECORD_ID, Cols.DEMOLISHED_ON, "d");
    Dataset<Row> e =
        VacatingEvents.closedOrRelocated(entities)
            .filter(col(Cols.ADDRESS_KEY).isNotNull())
            .select(
                col(Cols.TOWNSHIP_CODE).as("e_township"),
                col(Cols.ADDRESS_KEY).as("e_key"),
                col(Cols.CREDIT_CODE).as(TARGET_KEY),
                lit(null).cast("string").as(TARGET_DWELLING),
                col(VacatingEvents.CLOSED_ON).as("e_date"),
                coalesce(col(Cols.EMPLOYEES), lit(0L)).cast("long").as(PERSONS));
    Dataset<Row> joined =
        join(d, e, "e_township", "e_key", "e_date", daysBefore, daysAfter)
            .withColumn(Cols.LINK_METHOD, lit(METHOD_ADDRESS_ACTION))
            .withColumn(Cols.CONFIDENCE, lit(0.9))
            .withColumn(TARGET_LEDGER, lit("license"));
    return nearest(joined);
  }

  private static Dataset<Row> siteDates(Dataset<Row> in, String key, String date, String prefix) {
    return in.filter(col(Cols.ADDRESS_KEY).isNotNull().and(col(date).isNotNull()))
        .select(
            col(Cols.TOWNSHIP_CODE).as(prefix + "_township"),
            col(Cols.ADDRESS_KEY).as(prefix + "_key"),
            col(key).as(Cols.RECORD_ID),
            col(date).as(prefix + "_date"));
  }

  private static Dataset<Row> join(
      Dataset<Row> d,
      Dataset<Row> other,
      String township,
      String key,
      String date,
      int daysBefore,
      int daysAfter) {
    Column apart = datediff(col(date), col("d_date"));
    return d.join(
            other,
            col("d_township")
                .equalTo(col(township))
                .and(col("d_key").equalTo(col(key)))
                .and(apart.between(-daysBefore, daysAfter)))
        .withColumn(Cols.DAYS_APART, apart);
  }

  private static Dataset<Row> nearest(Dataset<Row> links) {
    return links
        .withColumn(
            "_rank",
            row_number()
                .over(
                    Window.partitionBy(col(TARGET_KEY))
                        .orderBy(
                            col(Cols.CONFIDENCE).desc(),
                            abs(col(Cols.DAYS_APART)).asc(),
                            col(Cols.RECORD_ID).asc())))
        .filter(col("_rank").equalTo(1))
        .drop("_rank")
        .select(
            col(Cols.RECORD_ID),
            col(TARGET_LEDGER),
            col(TARGET_KEY),
            col(TARGET_DWELLING),
            col("d_township").as(Cols.TOWNSHIP_CODE),
            col("d_key").as(Cols.ADDRESS_KEY),
            col(Cols.LINK_METHOD),
            col(Cols.CONFIDENCE),
            col(Cols.DAYS_APART),
            col(PERSONS));
  }
}
