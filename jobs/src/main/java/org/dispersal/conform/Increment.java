package org.dispersal.conform;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dispersal.common.Lake;
import org.dispersal.common.RunContext;

/**
 * What a conform has to do: rebuild silver from all of bronze, or conform only the deliveries
 * ingested since the last conform and fold them into the silver tables it left.
 *
 * <p>Only the ledger tables (histories, current records, set-aside rows) are folded: every row of
 * them depends on its own delivery and on the other versions of its business key alone. The tables
 * derived from them (links, vacating events, checks) join across keys and townships and are
 * recomputed from silver, which no longer means resolving and keying every bronze row again.
 *
 * @param full whether to rebuild from all of bronze
 * @param delivered every delivery in bronze, which the silver tables hold once this conform ends
 * @param fresh the deliveries to conform now: all of them when full
 * @param reason why the conform is full, or a count of the new deliveries
 */
record Increment(boolean full, List<String> delivered, List<String> fresh, String reason) {
  /** Silver tables that an incremental conform folds the new deliveries' rows into. */
  static final List<String> FOLDED =
      List.of(
          "rental_history",
          "license_history",
          "demolition_history",
          "population",
          "targets",
          "targets_history",
          "progress",
          "progress_history",
          "quarantine",
          "quality_deliveries");

  /** Decides from the last finished conform and the deliveries now in bronze. */
  static Increment decide(
      SparkSession spark, RunContext run, Inputs.Last last, String basis, Dataset<Row> deliveries) {
    List<String> delivered =
        deliveries
            .select(col(Cols.DELIVERY_ID))
            .distinct()
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList();
    String why = fullBecause(spark, run, last, basis, delivered);
    if (why != null) {
      return new Increment(true, delivered, delivered, why);
    }
    Set<String> done = new HashSet<>(last.deliveries());
    List<String> fresh = new ArrayList<>();
    for (String d : delivered) {
      if (!done.contains(d)) {
        fresh.add(d);
      }
    }
    return new Increment(false, delivered, fresh, fresh.size() + " new deliveries");
  }

  private static String fullBecause(
      SparkSession spark, RunContext run, Inputs.Last last, String basis, List<String> delivered) {
    if (run.full()) {
      return "--full";
    }
    if (last == null || last.deliveries() == null) {
      return "no earlier conform recorded its deliveries";
    }
    if (!basis.equals(last.basis())) {
      return "the district, conform settings, reference data or code changed";
    }
    if (!new HashSet<>(delivered).containsAll(last.deliveries())) {
      return "bronze no longer holds every delivery conformed before (rebuilt)";
    }
    // The current records are folded too, from the histories' versions (see Fold#merge).
    List<String> folded = new ArrayList<>(FOLDED);
    folded.addAll(Silver.RECORD_KEYS.keySet());
    for (String table : folded) {
      if (!Lake.exists(spark, Lake.table(run.paths(), "silver", table))) {
        return "silver/" + table + " is missing";
      }
    }
    return null;
  }

  /** A bronze ledger cut to the deliveries conformed now. */
  Dataset<Row> freshRows(Dataset<Row> bronze) {
    return full ? bronze : bronze.filter(col(Cols.DELIVERY_ID).isin(fresh.toArray()));
  }

  /**
   * A silver table as the last conform left it, without the rows of the deliveries conformed now (a
   * conform that failed half-way may have folded some of them already), or null when full.
   */
  Dataset<Row> previous(SparkSession spark, RunContext run, String table) {
    if (full) {
      return null;
    }
    return withoutFresh(Lake.read(spark, Lake.table(run.paths(), "silver", table)));
  }

  /** A silver table's rows without those of the deliveries conformed now. */
  Dataset<Row> withoutFresh(Dataset<Row> rows) {
    return rows.filter(col(Cols.DELIVERY_ID).isin(fresh.toArray()).unary_$bang());
  }

  /**
   * The previous state of every folded table, and the freshness table as the last conform left it
   * (when there is one); empty when full.
   */
  Map<String, Dataset<Row>> previous(SparkSession spark, RunContext run) {
    Map<String, Dataset<Row>> out = new java.util.LinkedHashMap<>();
    if (!full) {
      FOLDED.forEach(t -> out.put(t, previous(spark, run, t)));
      String freshness = Lake.table(run.paths(), "silver", FRESHNESS);
      if (Lake.exists(spark, freshness)) {
        out.put(FRESHNESS, Lake.read(spark, freshness));
      }
    }
    return out;
  }

  /** The freshness of each ledger, which a fold updates from the new rows (see {@link Quality}). */
  static final String FRESHNESS = "quality_freshness";
}
