package org.dispersal.conform;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_date;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.sql.Date;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The most trustworthy reading of a broken record's month and floor area, over all its versions: a
 * clerk who slipped on the date in one version often typed it right in another, or slipped on the
 * area instead.
 */
final class Readings {
  static final String MONTHS = "_months";
  static final String AREA = "_area";

  /** A record: its key, or the row's own id for a row without one. */
  static final String RECORD = "record";

  /**
   * The as-of dates between which a record's readings hold: from its latest event date on or before
   * the as-of date, until its earliest one after (an event date after the as-of date is not read as
   * written). Null: unbounded.
   */
  static final String AS_OF_FROM = "as_of_from";

  static final String AS_OF_UNTIL = "as_of_until";

  // Quality ranks: lower is better.
  private static final int AS_WRITTEN = 1;
  private static final int REPAIRED = 2;
  private static final int GUESSED = 3;

  private Readings() {}

  /**
   * Adds each row's candidate months with their quality: the event date as written; else a date
   * with a slipped year moved into the year of its last update (or the year before); else the month
   * of the last update and the one before.
   */
  static Dataset<Row> months(Dataset<Row> rows, Date asOf) {
    Column event = Missing.toDate(col("event_raw"));
    Column updated = Missing.toDate(col("updated_raw"));
    Column dated = event.isNotNull().and(event.geq(lit(Date.valueOf("2000-01-01"))));
    Column usable = dated.and(event.leq(lit(asOf)));
    Column sameYear = make_date(year(updated), month(event), lit(1));
    Column repaired = when(sameYear.gt(updated), add_months(sameYear, -12)).otherwise(sameYear);
    // 1 January of an odd year is a placeholder (1970-01-01, 1900-01-01), not a slip.
    Column slipped =
        event
            .isNotNull()
            .and(updated.isNotNull())
            .and(date_format(event, "MM-dd").notEqual("01-01"));
    return rows.withColumn(
            MONTHS,
            when(usable, array(date_format(event, "yyyy-MM")))
                .when(slipped, array(date_format(repaired, "yyyy-MM")))
                .when(
                    updated.isNotNull(),
                    array(
                        date_format(updated, "yyyy-MM"),
                        date_format(add_months(updated, -1), "yyyy-MM"))))
        .withColumn(
            "_month_q",
            when(usable, lit(AS_WRITTEN)).when(slipped, lit(REPAIRED)).otherwise(lit(GUESSED)))
        .withColumn("_seen", when(usable, event))
        .withColumn("_unseen", when(dated.and(event.gt(lit(asOf))), event));
  }

  /**
   * Adds each row's floor area with its quality: as written when plausible; a sign slip or a unit
   * slip (×10,000) undone; else unknown. 9,999,999 and 0 are placeholders, not areas.
   */
  static Dataset<Row> area(Dataset<Row> rows) {
    Column text = regexp_extract(col("area_raw"), "^-?[0-9.,]+", 0);
    Column v = regexp_replace(text, ",", "").try_cast("double");
    Column plausible = v.gt(0).and(v.leq(1_000_000));
    Column negative = v.lt(0).and(v.geq(-1_000_000));
    Column scaled = v.gt(1_000_000).and(v.notEqual(9_999_999));
    return rows.withColumn(
            AREA, when(plausible, v).when(negative, v.multiply(-1)).when(scaled, v.divide(10_000)))
        .withColumn(
            "_area_q",
            when(plausible, lit(AS_WRITTEN))
                .when(negative, lit(REPAIRED))
                .when(scaled, lit(REPAIRED + 1))
                .otherwise(lit(GUESSED + 1)));
  }

  /**
   * One row per record (a row without a key is a record of its own): the best month and area
   * readings over its versions, the township its text names in any version, the as-of dates its
   * readings hold between, and the rest as its latest version says.
   */
  static Dataset<Row> perRecord(Dataset<Row> rows) {
    Column latest =
        max(
            struct(
                Missing.toDate(col("updated_raw")).as("u"),
                col("updated_raw").as("ur"),
                col("address_raw"),
                col("community"),
                col("newly_raw"),
                col("category"),
                col("action"),
                col("reason")));
    return rows.groupBy(col("ledger"), coalesce(col("key"), col("_row_id")).as("_record"))
        .agg(
            max(col("key")).as("key"),
            max(col("_by_text")).as("_by_text"),
            max(col("_by_prefix")).as("_by_prefix"),
            min(struct(col("_month_q"), col(MONTHS))).getField(MONTHS).as(MONTHS),
            min(struct(col("_area_q"), col(AREA))).getField(AREA).as(AREA),
            max(col("_seen")).as(AS_OF_FROM),
            min(col("_unseen")).as(AS_OF_UNTIL),
            latest.as("_latest"))
        .select(
            col("ledger"),
            col("_record").as(RECORD),
            col("key"),
            col("_by_text"),
            col("_by_prefix"),
            col(MONTHS),
            col(AREA),
            col(AS_OF_FROM),
            col(AS_OF_UNTIL),
            col("_latest.address_raw").as("address_raw"),
            col("_latest.community").as("community"),
            col("_latest.newly_raw").as("newly_raw"),
            col("_latest.category").as("category"),
            col("_latest.action").as("action"),
            col("_latest.reason").as("reason"));
  }
}
