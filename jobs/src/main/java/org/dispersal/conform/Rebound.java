package org.dispersal.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The rebound watch (防止反弹): cleared space that fills up again, with its evidence. A demolished site
 * is re-occupied by any new registration, business or illegal structure (是否新增=是) at the site; a
 * closed business's premises by a new business; a cleared group rental or basement by a new
 * registration of the same dwelling.
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

  private static final List<String> DEMOLISHED =
      List.of(
          VacatingEvents.RESIDENTIAL,
          VacatingEvents.PRODUCTION,
          VacatingEvents.COMMERCIAL,
          VacatingEvents.OTHER_STRUCTURE);

  private Rebound() {}

  /** One row per piece of evidence, with the latest clearing of its place before it. */
  static Dataset<Row> watch(
      Dataset<Row> events, Dataset<Row> rentals, Dataset<Row> entities, Dataset<Row> demolitions) {
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
    Dataset<Row> cleared = clearedPlaces(events, rentals);
    Dataset<Row> demolishedSites =
        match(
            cleared.filter(col(VACATED_KIND).isin(DEMOLISHED.toArray())),
            evidence,
            Cols.ADDRESS_KEY);
    Dataset<Row> closedPremises =
        match(
            cleared.filter(col(VACATED_KIND).equalTo(VacatingEvents.BUSINESS)),
            evidence.filter(col(REBOUND_KIND).equalTo(NEW_ENTITY)),
            Cols.ADDRESS_KEY);
    Dataset<Row> dwellings =
        match(
            cleared.filter(
                col(VACATED_KIND).isin(VacatingEvents.GROUP_RENTAL, VacatingEvents.BASEMENT)),
            evidence.filter(col(REBOUND_KIND).equalTo(NEW_REGISTRATION)),
            Cols.DWELLING_KEY);
    return latestClearing(demolishedSites.unionByName(closedPremises).unionByName(dwellings));
  }

  /**
   * Places cleared: every vacating event, plus registrations deregistered for 拆除 (a site whose
   * demolition record is missing or unreadable is still known to be demolished).
   */
  static Dataset<Row> clearedPlaces(Dataset<Row> events, Dataset<Row> rentals) {
    Dataset<Row> fromEvents =
        events.select(
            col(Cols.TOWNSHIP_CODE).as("s_township"),
            col(Cols.ADDRESS_KEY).as("s_" + Cols.ADDRESS_KEY),
            col(Cols.DWELLING_KEY).as("s_" + Cols.DWELLING_KEY),
            col(Cols.EVENT_ID).as(VACATED_EVENT),
            col(Cols.KIND).as(VACATED_KIND),
            col(Cols.EVENT_DATE).as(VACATED_ON));
    Dataset<Row> fromDeregistrations =
        rentals
            .filter(col(Cols.DEREGISTRATION_REASON).equalTo(Cols.REASON_DEMOLITION))
            .filter(col(Cols.DEREGISTERED_ON).isNotNull())
            .select(
                col(Cols.TOWNSHIP_CODE).as("s_township"),
                col(Cols.ADDRESS_KEY).as("s_" + Cols.ADDRESS_KEY),
                col(Cols.DWELLING_KEY).as("s_" + Cols.DWELLING_KEY),
                concat(lit("rental:"), col(Cols.REGISTRATION_ID)).as(VACATED_EVENT),
                lit(VacatingEvents.RESIDENTIAL).as(VACATED_KIND),
                col(Cols.DEREGISTERED_ON).as(VACATED_ON));
    return fromEvents.unionByName(fromDeregistrations);
  }

  private static Dataset<Row> match(Dataset<Row> cleared, Dataset<Row> evidence, String key) {
    Column evidenceId = concat(col(EVIDENCE_LEDGER), lit(":"), col(EVIDENCE_KEY));
    return cleared
        .filter(col("s_" + key).isNotNull())
        .join(
            evidence,
            col("s_township")
                .equalTo(col(Cols.TOWNSHIP_CODE))
                .and(col("s_" + key).equalTo(col(key)))
                .and(col(REBOUND_ON).gt(col(VACATED_ON)))
                // The cleared record itself is no evidence of its own rebound.
                .and(col(VACATED_EVENT).notEqual(evidenceId)))
        .select(
            col(Cols.TOWNSHIP_CODE),
            col(Cols.ADDRESS_KEY),
            col(VACATED_EVENT),
            col(VACATED_KIND),
            col(VACATED_ON),
            col(REBOUND_KIND),
            col(REBOUND_ON),
            col(EVIDENCE_LEDGER),
            col(EVIDENCE_KEY));
  }

  private static Dataset<Row> latestClearing(Dataset<Row> matched) {
    return matched
        .withColumn(
            "_rank",
            row_number()
                .over(
                    Window.partitionBy(col(EVIDENCE_LEDGER), col(EVIDENCE_KEY))
                        .orderBy(col(VACATED_ON).desc(), col(VACATED_EVENT))))
        .filter(col("_rank").equalTo(1))
        .drop("_rank")
        .withColumn(DAYS_AFTER, datediff(col(REBOUND_ON), col(VACATED_ON)));
  }

  private static Dataset<Row> evidence(
      Dataset<Row> in, String key, String date, String ledger, String kind) {
    return in.filter(col(date).isNotNull())
        .select(
            col(Cols.TOWNSHIP_CODE),
            col(Cols.ADDRESS_KEY),
            col(Cols.DWELLING_KEY),
            lit(kind).as(REBOUND_KIND),
            col(date).as(REBOUND_ON),
            lit(ledger).as(EVIDENCE_LEDGER),
            col(key).as(EVIDENCE_KEY));
  }
}
