package org.dispersal.conform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Every act that vacated space — a demolition, a business closed or relocated, a group rental or a
 * basement cleared — as one row with its township, date, floor area, kind and the registered
 * tenants and employees linked to it.
 */
final class VacatingEvents {
  static final String CLOSED_ON = "closed_on";

  /** Kinds of vacated space, as the panel and the estimates name them. */
  static final String RESIDENTIAL = "residential";

  static final String PRODUCTION = "production";
  static final String COMMERCIAL = "commercial";
  static final String OTHER_STRUCTURE = "other_structure";
  static final String BUSINESS = "business";
  static final String GROUP_RENTAL = "group_rental";
  static final String BASEMENT = "basement";

  private VacatingEvents() {}

  /** Market entities that were closed or moved out, with the date it happened. */
  static Dataset<Row> closedOrRelocated(Dataset<Row> entities) {
    return entities
        .filter(closedOrRelocated())
        .withColumn(CLOSED_ON, closedOn())
        .filter(col(CLOSED_ON).isNotNull());
  }

  /** Whether a market entity was closed or moved out (by an action, or by its licence status). */
  static Column closedOrRelocated() {
    Column closedByStatus = col(Cols.STATUS).isin("吊销", "注销", "迁出");
    return closedByAction().or(closedByStatus.and(col(Cols.RECTIFICATION_CATEGORY).isNotNull()));
  }

  /** When a closed or moved-out market entity was closed: the action's date, else the status's. */
  static Column closedOn() {
    return when(closedByAction(), coalesce(col(Cols.RECTIFIED_ON), col(Cols.STATUS_CHANGED_ON)))
        .otherwise(col(Cols.STATUS_CHANGED_ON));
  }

  private static Column closedByAction() {
    return col(Cols.RECTIFICATION_ACTION).isin(Cols.ACTION_CLOSE, Cols.ACTION_RELOCATE);
  }

  /**
   * The kind of a demolished structure: by its former use (who lived or worked there), and by its
   * structure type when the use is not recorded.
   */
  static Column demolitionKind() {
    Column type = col(Cols.STRUCTURE_TYPE);
    Column use = col(Cols.ORIGINAL_USE);
    return when(use.equalTo("居住出租"), lit(RESIDENTIAL))
        .when(use.isin("生产经营", "仓储物流"), lit(PRODUCTION))
        .when(use.equalTo("商业经营"), lit(COMMERCIAL))
        .when(use.isin("闲置", "其他"), lit(OTHER_STRUCTURE))
        .when(type.equalTo("住宅"), lit(RESIDENTIAL))
        .when(type.isin("厂房", "仓储"), lit(PRODUCTION))
        .when(type.equalTo("商业"), lit(COMMERCIAL))
        .otherwise(lit(OTHER_STRUCTURE));
  }

  /** Demolition events with the tenants and employees linked to each. */
  static Dataset<Row> demolitions(Dataset<Row> demolitions, Dataset<Row> links) {
    Dataset<Row> perRecord =
        links
            .groupBy(col(Cols.RECORD_ID).as("l_record"))
            .agg(
                count(when(col(Linkage.TARGET_LEDGER).equalTo("rental"), 1))
                    .as(Cols.LINKED_REGISTRATIONS),
                sum(when(col(Linkage.TARGET_LEDGER).equalTo("rental"), col(Linkage.PERSONS)))
                    .as(Cols.LINKED_TENANTS),
                count(when(col(Linkage.TARGET_LEDGER).equalTo("license"), 1))
                    .as(Cols.LINKED_ENTITIES),
                sum(when(col(Linkage.TARGET_LEDGER).equalTo("license"), col(Linkage.PERSONS)))
                    .as(Cols.LINKED_EMPLOYEES));
    return demolitions
        .filter(col(Cols.DEMOLISHED_ON).isNotNull())
        .join(perRecord, col(Cols.RECORD_ID).equalTo(col("l_record")), "left")
        .select(
            concat(lit("demolition:"), col(Cols.RECORD_ID)).as(Cols.EVENT_ID),
            demolitionKind().as(Cols.KIND),
            col(Cols.TOWNSHIP_CODE),
            col(Cols.ADDRESS_KEY),
            col(Cols.DWELLING_KEY),
            col(Cols.DEMOLISHED_ON).as(Cols.EVENT_DATE),
            col(Cols.DEMOLISHED_AREA).cast("double").as(Cols.FLOOR_AREA),
            lit("demolition").as(Cols.SOURCE_LEDGER),
            col(Cols.RECORD_ID).as(Cols.SOURCE_KEY),
            coalesce(col(Cols.LINKED_REGISTRATIONS), lit(0L)).as(Cols.LINKED_REGISTRATIONS),
            coalesce(col(Cols.LINKED_TENANTS), lit(0L)).as(Cols.LINKED_TENANTS),
            coalesce(col(Cols.LINKED_ENTITIES), lit(0L)).as(Cols.LINKED_ENTITIES),
            coalesce(col(Cols.LINKED_EMPLOYEES), lit(0L)).as(Cols.LINKED_EMPLOYEES));
  }

  /**
   * Businesses closed or relocated on premises that were not demolished: their floor area and
   * employees vacate with them. (One closed on a demolished site is counted with the demolition.)
   */
  static Dataset<Row> businesses(Dataset<Row> entities, Dataset<Row> links) {
    Dataset<Row> onDemolishedSites =
        links
            .filter(col(Linkage.TARGET_LEDGER).equalTo("license"))
            .select(col(Linkage.TARGET_KEY).as("_linked"));
    return closedOrRelocated(entities)
        .join(onDemolishedSites, col(Cols.CREDIT_CODE).equalTo(col("_linked")), "left_anti")
        .select(
            concat(lit("license:"), col(Cols.CREDIT_CODE)).as(Cols.EVENT_ID),
            lit(BUSINESS).as(Cols.KIND),
            col(Cols.TOWNSHIP_CODE),
            col(Cols.ADDRESS_KEY),
            col(Cols.DWELLING_KEY),
            col(CLOSED_ON).as(Cols.EVENT_DATE),
            col(Cols.FLOOR_AREA).cast("double").as(Cols.FLOOR_AREA),
            lit("license").as(Cols.SOURCE_LEDGER),
            col(Cols.CREDIT_CODE).as(Cols.SOURCE_KEY),
            lit(0L).as(Cols.LINKED_REGISTRATIONS),
            lit(0L).as(Cols.LINKED_TENANTS),
            lit(1L).as(Cols.LINKED_ENTITIES),
            coalesce(col(Cols.EMPLOYEES), lit(0L)).cast("long").as(Cols.LINKED_EMPLOYEES));
  }

  /** Group rentals and basements cleared: the registration's own tenants leave. */
  static Dataset<Row> clearances(Dataset<Row> rentals) {
    Column reason = col(Cols.DEREGISTRATION_REASON);
    return rentals
        .filter(reason.isin(Cols.REASON_GROUP_RENTAL, Cols.REASON_BASEMENT))
        .filter(col(Cols.DEREGISTERED_ON).isNotNull())
        .select(
            concat(lit("rental:"), col(Cols.REGISTRATION_ID)).as(Cols.EVENT_ID),
            when(reason.equalTo(Cols.REASON_GROUP_RENTAL), lit(GROUP_RENTAL))
                .otherwise(lit(BASEMENT))
                .as(Cols.KIND),
            col(Cols.TOWNSHIP_CODE),
            col(Cols.ADDRESS_KEY),
            col(Cols.DWELLING_KEY),
            col(Cols.DEREGISTERED_ON).as(Cols.EVENT_DATE),
            col(Cols.RENTED_AREA).cast("double").as(Cols.FLOOR_AREA),
            lit("rental").as(Cols.SOURCE_LEDGER),
            col(Cols.REGISTRATION_ID).as(Cols.SOURCE_KEY),
            lit(1L).as(Cols.LINKED_REGISTRATIONS),
            coalesce(col(Cols.TENANT_COUNT), lit(0L)).cast("long").as(Cols.LINKED_TENANTS),
            lit(0L).as(Cols.LINKED_ENTITIES),
            lit(0L).as(Cols.LINKED_EMPLOYEES));
  }

  /** All events of all kinds, with the month each falls in. */
  static Dataset<Row> all(
      Dataset<Row> demolitionEvents,
      Dataset<Row> entities,
      Dataset<Row> rentals,
      Dataset<Row> links) {
    return demolitionEvents
        .unionByName(businesses(entities, links))
        .unionByName(clearances(rentals))
        .withColumn(Cols.EVENT_MONTH, date_format(col(Cols.EVENT_DATE), "yyyy-MM"));
  }
}
