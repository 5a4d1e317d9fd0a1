package org.dispersal.conform;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.dispersal.common.Few;

/**
 * Where each missing record (see {@link Missing}) most likely belongs, kept per record in silver
 * {@code missing_records} with the clues it was placed by, so that a fold places again only the
 * records its new rows can move instead of joining every set-aside row with every current record.
 */
final class Placement {
  static final String TABLE = "missing_records";
  static final String LEDGER = "ledger";
  static final String TEXT_TOWNSHIP = "text_township";
  static final String ADDRESS_TOWNSHIP = "address_township";
  static final String SITE = "site";
  static final String STREET = "street";

  /** Per kind of clue: the column of the record's value and of the townships it points to. */
  private static final Map<String, String[]> CLUES =
      Map.of(
          Clues.RECORD, new String[] {"_record_clue", "record_townships"},
          Clues.SITE, new String[] {SITE, "site_townships"},
          Clues.COMMUNITY, new String[] {Cols.COMMUNITY, "community_townships"},
          Clues.STREET, new String[] {STREET, "street_townships"});

  /** The clues a fold can change without touching the record itself. */
  private static final String[] NAMED = {Clues.SITE, Clues.COMMUNITY, Clues.STREET};

  /**
   * What a fold changed that may move a placed record.
   *
   * @param previous the records as the last conform placed them
   * @param records ({@code ledger}, {@code record}) whose rows the new deliveries hold or whose key
   *     the fold touched: their versions are read again
   * @param values the sites, streets and communities ({@code clue_kind}, {@code clue_value}) of
   *     every version, before and after, of the records the fold touched: what they point to is
   *     gathered again
   */
  record Changes(Dataset<Row> previous, Dataset<Row> records, Dataset<Row> values) {}

  private Placement() {}

  /** Every missing record placed from all the set-aside rows and all current records. */
  static Dataset<Row> all(
      Dataset<Row> raw, Map<String, Dataset<Row>> current, Resolved resolved, Date asOf) {
    return withClues(records(raw, current, resolved, asOf), Clues.of(current));
  }

  /**
   * The records as the last conform placed them, with those the fold changed placed again: the
   * records it delivered or touched (and those whose event dates the new as-of date reads
   * otherwise) from all their rows, and the others whose site, street or community now points
   * elsewhere. Equal to {@link #all} of the same rows and records.
   */
  static Dataset<Row> refold(
      Changes changes,
      Dataset<Row> raw,
      Map<String, Dataset<Row>> current,
      Resolved resolved,
      Date asOf) {
    Column stale =
        col(Readings.AS_OF_FROM).gt(lit(asOf)).or(col(Readings.AS_OF_UNTIL).leq(lit(asOf)));
    Dataset<Row> again =
        Few.cut(
            changes
                .records()
                .unionByName(changes.previous().filter(stale).select(LEDGER, Readings.RECORD))
                .distinct());
    Dataset<Row> rows =
        raw.join(
            again.select(col(LEDGER).as("_l"), col(Readings.RECORD).as("_r")),
            col(LEDGER)
                .equalTo(col("_l"))
                .and(coalesce(col("key"), col("_row_id")).equalTo(col("_r"))),
            "left_semi");
    Dataset<Row> placed =
        Few.cut(
            records(rows, Clues.near(current, Silver.RECORD_KEYS, again, null), resolved, asOf));
    Dataset<Row> values =
        Few.cut(
            changes
                .values()
                .unionByName(Clues.values(placed, col(SITE), col(Cols.COMMUNITY)))
                .distinct());
    Dataset<Row> clues = Few.cut(Clues.of(Clues.near(current, Silver.RECORD_KEYS, again, values)));
    Dataset<Row> kept =
        changes
            .previous()
            .join(
                again.select(col(LEDGER).as("_l"), col(Readings.RECORD).as("_r")),
                col(LEDGER).equalTo(col("_l")).and(col(Readings.RECORD).equalTo(col("_r"))),
                "left_anti");
    for (String kind : NAMED) {
      kept = regathered(kept, kind, changes.values(), clues);
    }
    return kept.unionByName(withClues(placed, clues));
  }

  /**
   * One row per township and month each record is placed in: its own township if its text or
   * another version gives one, else the townships its site, community or street point to.
   */
  static Dataset<Row> placed(Dataset<Row> records) {
    Column candidates =
        array_distinct(
            flatten(
                array(
                    coalesce(col(CLUES.get(Clues.SITE)[1]), array()),
                    coalesce(col(CLUES.get(Clues.COMMUNITY)[1]), array()),
                    coalesce(col(CLUES.get(Clues.STREET)[1]), array()))));
    Column townships =
        coalesce(
            when(col(TEXT_TOWNSHIP).isNotNull(), array(col(TEXT_TOWNSHIP))),
            col(CLUES.get(Clues.RECORD)[1]),
            when(col(ADDRESS_TOWNSHIP).isNotNull(), array(col(ADDRESS_TOWNSHIP))),
            when(size(candidates).gt(0), candidates));
    return records
        .withColumn(Cols.TOWNSHIP_CODE, explode(townships))
        .withColumn(Missing.MONTH, explode(col(Readings.MONTHS)))
        .filter(col(Missing.MONTH).isNotNull())
        .select(
            col(LEDGER),
            col("key"),
            col(Cols.TOWNSHIP_CODE),
            col(Missing.MONTH),
            col(Readings.AREA).as(Missing.AREA),
            col("newly_raw"),
            col("category"),
            col("action"),
            col("reason"));
  }

  /**
   * The missing records among the raw rows, one per record with its readings and the values of its
   * clues. A record is missing when no usable version of it says what it says — the demolition, the
   * rectification (same category) or the deregistration (same reason) — and it counts once, with
   * the best readings of its versions ({@link Readings}).
   */
  private static Dataset<Row> records(
      Dataset<Row> raw, Map<String, Dataset<Row>> current, Resolved resolved, Date asOf) {
    Column kind =
        when(col(LEDGER).equalTo("license"), col("category"))
            .when(col(LEDGER).equalTo("rental"), col("reason"));
    Column relevant =
        col(LEDGER)
            .equalTo("demolition")
            .or(
                col(LEDGER)
                    .equalTo("license")
                    .and(col("action").isNotNull())
                    .and(col("category").isNotNull()))
            .or(col(LEDGER).equalTo("rental").and(col("reason").isNotNull()));
    Dataset<Row> rows =
        raw.filter(relevant)
            .withColumn("_kind", kind)
            .join(
                Clues.presence(current),
                col(LEDGER)
                    .equalTo(col("k_ledger"))
                    .and(col("key").equalTo(col("k_key")))
                    .and(col("_kind").eqNullSafe(col("k_kind"))),
                "left_anti")
            .withColumn("_by_text", resolved.resolve().apply(col("township_raw")).getField("code"))
            .withColumn(
                "_by_prefix",
                resolved
                    .resolve()
                    .apply(resolved.addressTownship().apply(col("address_raw")))
                    .getField("code"));
    return Readings.perRecord(Readings.area(Readings.months(rows, asOf)))
        .withColumn(SITE, resolved.addressKey().apply(col("address_raw")))
        .withColumn(STREET, Clues.street(col(SITE)))
        .withColumnRenamed("_by_text", TEXT_TOWNSHIP)
        .withColumnRenamed("_by_prefix", ADDRESS_TOWNSHIP)
        .drop("address_raw");
  }

  /** Adds, per kind of clue, the townships the record's value of it points to. */
  private static Dataset<Row> withClues(Dataset<Row> records, Dataset<Row> clues) {
    Dataset<Row> out = records.withColumn("_record_clue", concat_ws("|", col(LEDGER), col("key")));
    for (String kind : new String[] {Clues.RECORD, Clues.SITE, Clues.COMMUNITY, Clues.STREET}) {
      String[] c = CLUES.get(kind);
      out = Clues.attach(out, clues, kind, c[0], c[1]);
    }
    return out.drop("_record_clue");
  }

  /** The townships a kind of clue points to, gathered again where the fold changed its value. */
  private static Dataset<Row> regathered(
      Dataset<Row> records, String kind, Dataset<Row> values, Dataset<Row> clues) {
    String[] c = CLUES.get(kind);
    Dataset<Row> now =
        Few.of(
            values
                .filter(col(Clues.KIND).equalTo(kind))
                .select(col(Clues.VALUE).as("_v"))
                .distinct()
                .join(
                    clues
                        .filter(col(Clues.KIND).equalTo(kind))
                        .select(col(Clues.VALUE).as("_cv"), col(Clues.TOWNSHIP).as("_t")),
                    col("_v").equalTo(col("_cv")),
                    "left"));
    return records
        .join(now, col(c[0]).equalTo(col("_v")), "left")
        .withColumn(c[1], when(col("_v").isNotNull(), col("_t")).otherwise(col(c[1])))
        .drop("_v", "_cv", "_t");
  }
}
