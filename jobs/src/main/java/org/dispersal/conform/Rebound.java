package org.dispersal.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The rebound watch (防止反弹): vacated sites that fill up again — a new rental registration or a new
 * market entity at the site after it was cleared, or a new illegal structure (是否新增=是) where one was
 * demolished — each with its evidence.
 */
final class Rebound {
  static final String VACATED_ON = "vacated_on";
  static final String VACATED_KIND = "vacated_kind";
  static final String VACATED_EVENT = "vacated_event";
  static final String REBOUND_ON = "rebound_on";
  static final String REBOUND_KIND = "rebound_kind";
  static final String EVIDENCE_LEDGER = "evidence_ledger";
  static final String EVIDENCE_KEY = "evidence_key";
  static final String DAYS_AFTER = "days_after";

  static final String NEW_REGISTRATION = "new_registration";
  static final String NEW_ENTITY = "new_entity";
  static final String NEW_ILLEGAL_STRUCTURE = "new_illegal_structure";

  private Rebound() {}

  /**
   * One row per site and piece of evidence: the earliest vacating event at the site before the
   * evidence, and what re-occupied it.
   */
  static Dataset<Row> watch(
      Dataset<Row> events, Dataset<Row> rentals, Dataset<Row> entities, Dataset<Row> demolitions) {
    Dataset<Row> sites =
        events
            .filter(col(Cols.ADDRESS_KEY).isNotNull())
            .select(
                col(Cols.TOWNSHIP_CODE).as("s_township"),
                col(Cols.ADDRESS_KEY).as("s_key"),
                col(Cols.EVENT_ID).as(VACATED_EVENT),
                col(Cols.KIND).as(VACATED_KIND),
                col(Cols.EVENT_DATE).as(VACATED_ON));
    Dataset<Row> evidence =
        evidence(rentals, Cols.REGISTRATION_ID, Cols.REGISTERED_ON, "rental", NEW_REGISTRATION)
            .unionByName(
                evidence(entities, Cols.CREDIT_CODE, Cols.ESTABLISHED_ON, "license", NEW_ENTITY))
            .unionByName(
                evidence(
                    demolitions.filter(col(Cols.NEWLY_BUILT).equalTo(true)),
                    Cols.RECORD_ID,
                    Cols.DEMOLISHED_ON,
                    "demolition",
                    NEW_ILLEGAL_STRUCTURE));
    Dataset<Row> matched =
        sites.join(
            evidence,
            col("s_township")
                .equalTo(col(Cols.TOWNSHIP_CODE))
                .and(col("s_key").equalTo(col(Cols.ADDRESS_KEY)))
                .and(col(REBOUND_ON).gt(col(VACATED_ON)))
                // The new structure must be another record than the vacating event itself.
                .and(
                    col(VACATED_EVENT)
                        .notEqual(concat(col(EVIDENCE_LEDGER), lit(":"), col(EVIDENCE_KEY)))));
    return matched
        .withColumn(
            "_rank",
            row_number()
                .over(
                    Window.partitionBy(col(EVIDENCE_LEDGER), col(EVIDENCE_KEY))
                        .orderBy(col(VACATED_ON).desc(), col(VACATED_EVENT))))
        .filter(col("_rank").equalTo(1))
        .select(
            col(Cols.TOWNSHIP_CODE),
            col(Cols.ADDRESS_KEY),
            col(VACATED_EVENT),
            col(VACATED_KIND),
            col(VACATED_ON),
            col(REBOUND_KIND),
            col(REBOUND_ON),
            datediff(col(REBOUND_ON), col(VACATED_ON)).as(DAYS_AFTER),
            col(EVIDENCE_LEDGER),
            col(EVIDENCE_KEY));
  }

  /** Sites with at least one rebound, first evidence first (for the watch list's summary). */
  static Dataset<Row> sitesFirstRebound(Dataset<Row> watch) {
    return watch
        .groupBy(col(Cols.TOWNSHIP_CODE), col(Cols.ADDRESS_KEY))
        .agg(min(col(REBOUND_ON)).as(REBOUND_ON));
  }

  private static Dataset<Row> evidence(
      Dataset<Row> in, String key, String date, String ledger, String kind) {
    return in.filter(col(date).isNotNull().and(col(Cols.ADDRESS_KEY).isNotNull()))
        .select(
            col(Cols.TOWNSHIP_CODE),
            col(Cols.ADDRESS_KEY),
            lit(kind).as(REBOUND_KIND),
            col(date).as(REBOUND_ON),
            lit(ledger).as(EVIDENCE_LEDGER),
            col(key).as(EVIDENCE_KEY));
  }
}
