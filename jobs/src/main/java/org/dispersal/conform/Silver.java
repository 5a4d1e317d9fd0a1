package org.dispersal.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Every silver table, built without IO in layers: each layer reads the tables of the layers before
 * it as the stage wrote them, so no plan carries its inputs' whole lineage (a comparison planned
 * from bronze up had 17,000 plan nodes and took minutes to optimise on a two-month lake).
 */
final class Silver {
  /** One layer: its tables from the tables written before it. */
  interface Layer {
    Map<String, Dataset<Row>> build(Map<String, Dataset<Row>> written);
  }

  /** Which townships' rows a conform recomputes in the tables that it can fold by township. */
  interface Scope {
    /**
     * The tables a township-local table is built from (see {@link Tables.Write#TOWNSHIPS}): the
     * written tables themselves, or cut to the townships a fold touches.
     */
    Map<String, Dataset<Row>> local(Map<String, Dataset<Row>> written);

    /**
     * The townships whose rows of the city–district comparison may differ from the table's, given
     * the allowances now; null: all of them.
     */
    Set<String> compared(Dataset<Row> allowances);

    /**
     * The rows of a folded history with the keys the new rows touch, as the last conform left them
     * (without the new deliveries' rows): read once, for recomputing those records' versions and
     * for comparing them with the table's.
     */
    Dataset<Row> held(String history);

    /**
     * What the fold changed that may move a missing record, given the set-aside rows in their raw
     * form (see {@link Missing}); null: place them all.
     */
    Placement.Changes placing(Map<String, Dataset<Row>> written, Dataset<Row> raw);
  }

  /** The record ledgers and the business key of each, in the order their tables are written. */
  static final Map<String, String> RECORD_KEYS = recordKeys();

  /** When a row of a history became known (see {@link #knownAt}). */
  static final String KNOWN_AT = "known_at";

  private Silver() {}

  private static Map<String, String> recordKeys() {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("rental", Cols.REGISTRATION_ID);
    keys.put("license", Cols.CREDIT_CODE);
    keys.put("demolition", Cols.RECORD_ID);
    return java.util.Collections.unmodifiableMap(keys);
  }

  /**
   * The layers of a conform.
   *
   * @param previous the folded tables as the last conform left them, without the rows of the
   *     deliveries conformed now; empty for a full conform (see {@link Increment})
   * @param scope the townships whose rows the township-local tables and the comparison recompute
   */
  static List<Layer> layers(
      Resolved resolved,
      Increment increment,
      Map<String, Dataset<Row>> previous,
      ConformConfig config,
      List<Comparison.Derivation> derivations,
      Date asOf,
      Map<String, Dataset<Row>> bronze,
      Scope scope) {
    return List.of(
        written -> ledgers(resolved, previous, bronze.get("deliveries"), scope),
        written -> {
          Map<String, Dataset<Row>> t = new LinkedHashMap<>();
          t.put("links", links(scope.local(written), config));
          t.put(Placement.TABLE, missing(written, resolved, asOf, bronze, scope));
          return t;
        },
        written -> events(scope.local(written)),
        written -> {
          Map<String, Dataset<Row>> t = new LinkedHashMap<>();
          t.put("rebound_watch", rebound(scope.local(written)));
          t.putAll(checks(written, config, derivations, scope));
          t.put("quality_deliveries", Quality.deliveries(bronze, increment, previous));
          t.put(
              "quality_freshness",
              Quality.freshness(
                  bronze, increment, previous.get(Increment.FRESHNESS), asOf, config));
          return t;
        });
  }

  /**
   * The ledgers' histories and current records, and the rows conform set aside: from the resolved
   * rows alone, or folded into the previous tables.
   */
  static Map<String, Dataset<Row>> ledgers(
      Resolved resolved, Map<String, Dataset<Row>> previous, Dataset<Row> deliveries, Scope scope) {
    Map<String, Dataset<Row>> t = new LinkedHashMap<>();
    Map<String, Dataset<Row>> in = resolved.ledgers();
    for (Map.Entry<String, String> ledger : RECORD_KEYS.entrySet()) {
      String name = ledger.getKey();
      boolean folded = previous.containsKey(name + "_history");
      Dataset<Row> fresh = knownAt(in.get(name), deliveries);
      // A rebuild writes the versions whole twice (history and current records); a fold merges
      // only the versions of the records it touches into both (see Fold#merge).
      Dataset<Row> versions =
          folded
              ? History.refold(
                  fresh, scope.held(name + "_history"), ledger.getValue(), Cols.UPDATED_AT)
              : History.versions(fresh, ledger.getValue(), Cols.UPDATED_AT).persist();
      t.put(name + "_history", versions);
      t.put(name, current(versions));
    }
    t.put(
        "population",
        History.latestDelivery(
            withPrevious(in.get("population"), previous.get("population")),
            Cols.TOWNSHIP_CODE,
            "year"));
    t.put(
        "targets",
        History.latestDelivery(
            withPrevious(in.get("targets"), previous.get("targets")),
            "task",
            "metric",
            Cols.TOWNSHIP_CODE,
            "year",
            "cumulative"));
    t.put(
        "targets_history",
        withPrevious(knownAt(in.get("targets"), deliveries), previous.get("targets_history")));
    Dataset<Row> progress = progressRows(in);
    t.put(
        "progress_history",
        withPrevious(knownAt(progress, deliveries), previous.get("progress_history")));
    t.put(
        "progress",
        History.latestDelivery(
            withPrevious(progress, previous.get("progress")),
            "task",
            "metric",
            Cols.TOWNSHIP_CODE,
            "month"));
    t.put("quarantine", withPrevious(resolved.quarantine(), previous.get("quarantine")));
    return t;
  }

  /**
   * Per keyed ledger table, the keys the resolved rows touch: a fold recomputes and writes only
   * their rows (see {@link Fold}).
   */
  static Map<String, Dataset<Row>> scopes(Resolved resolved) {
    Map<String, Dataset<Row>> in = resolved.ledgers();
    Map<String, Dataset<Row>> t = new LinkedHashMap<>();
    RECORD_KEYS.forEach(
        (ledger, key) -> {
          Dataset<Row> keys = in.get(ledger).select(col(key)).distinct();
          t.put(ledger + "_history", keys);
          t.put(ledger, keys);
        });
    t.put("population", in.get("population").select(Cols.TOWNSHIP_CODE, "year").distinct());
    t.put(
        "targets",
        in.get("targets")
            .select("task", "metric", Cols.TOWNSHIP_CODE, "year", "cumulative")
            .distinct());
    t.put(
        "progress",
        progressRows(in).select("task", "metric", Cols.TOWNSHIP_CODE, "month").distinct());
    return t;
  }

  /** The resolved progress rows with their month as {@code yyyy-MM}, the key of the table. */
  private static Dataset<Row> progressRows(Map<String, Dataset<Row>> resolved) {
    return resolved.get("progress").withColumn("month", date_format(col("month"), "yyyy-MM"));
  }

  /**
   * Adds when each row became known: when its file was saved, or when it was ingested if earlier (a
   * clock set wrong) — so a backtest can leave out what was not yet issued at its origin.
   */
  static Dataset<Row> knownAt(Dataset<Row> rows, Dataset<Row> deliveries) {
    Dataset<Row> saved =
        deliveries.select(col(Cols.DELIVERY_ID).as("_delivery"), col("modified_at").as("_saved"));
    return rows.join(saved, col(Cols.DELIVERY_ID).equalTo(col("_delivery")), "left")
        .withColumn(
            KNOWN_AT, org.apache.spark.sql.functions.least(col(History.INGESTED_AT), col("_saved")))
        .drop("_delivery", "_saved");
  }

  private static Dataset<Row> withPrevious(Dataset<Row> fresh, Dataset<Row> previous) {
    return previous == null ? fresh : previous.unionByName(fresh);
  }

  static Dataset<Row> links(Map<String, Dataset<Row>> w, ConformConfig config) {
    return Linkage.rentalLinks(
            w.get("demolition"), w.get("rental"), config.linkDaysBefore(), config.linkDaysAfter())
        .unionByName(
            Linkage.entityLinks(
                w.get("demolition"),
                w.get("license"),
                config.linkDaysBefore(),
                config.linkDaysAfter()));
  }

  static Map<String, Dataset<Row>> events(Map<String, Dataset<Row>> w) {
    Map<String, Dataset<Row>> t = new LinkedHashMap<>();
    t.put("linkage_rate", linkageRate(w.get("demolition"), w.get("rental"), w.get("links")));
    t.put(
        "vacating_events",
        VacatingEvents.all(
            VacatingEvents.demolitions(w.get("demolition"), w.get("links")),
            w.get("license"),
            w.get("rental"),
            w.get("links")));
    return t;
  }

  /** The rebound watch of the cleared places (see {@link Rebound}). */
  static Dataset<Row> rebound(Map<String, Dataset<Row>> w) {
    return Rebound.watch(
        w.get("vacating_events"), w.get("rental"), w.get("license"), w.get("demolition"));
  }

  /**
   * The missing records placed (see {@link Placement}): all of them, or in a fold the last
   * conform's with those the fold changed placed again.
   */
  static Dataset<Row> missing(
      Map<String, Dataset<Row>> w,
      Resolved resolved,
      Date asOf,
      Map<String, Dataset<Row>> bronze,
      Scope scope) {
    Dataset<Row> raw =
        Missing.fromIngest(bronze.get("quarantine"))
            .unionByName(Missing.fromConform(bronze, w.get("quarantine")));
    Map<String, Dataset<Row>> current = new LinkedHashMap<>();
    RECORD_KEYS.keySet().forEach(ledger -> current.put(ledger, w.get(ledger)));
    Placement.Changes changes = scope.placing(w, raw);
    return changes == null
        ? Placement.all(raw, current, resolved, asOf)
        : Placement.refold(changes, raw, current, resolved, asOf);
  }

  /**
   * What the tables say about the townships' reports: the city–district comparison, in the
   * townships the scope gives. The missing records are placed by clues from every township, so
   * their allowances are worked out whole; the scope compares them with the table's.
   */
  static Map<String, Dataset<Row>> checks(
      Map<String, Dataset<Row>> w,
      ConformConfig config,
      List<Comparison.Derivation> derivations,
      Scope scope) {
    Map<String, Dataset<Row>> t = new LinkedHashMap<>();
    Dataset<Row> demolition = w.get("demolition");
    Dataset<Row> license = w.get("license");
    Dataset<Row> rental = w.get("rental");
    Dataset<Row> missing = Placement.placed(w.get(Placement.TABLE));
    // Cached, not the missing records it is summed from (read once, in one aggregation over every
    // derivation): the scope reads it to find the townships whose allowances changed, and the
    // comparison joins it (the stage clears the cache).
    Dataset<Row> allowances = Missing.allowances(derivations, missing, demolition).persist();
    Set<String> in = scope.compared(allowances);
    UnaryOperator<Dataset<Row>> cut =
        rows -> in == null ? rows : rows.filter(Within.column(Cols.TOWNSHIP_CODE, in));
    t.put(
        "city_district_comparison",
        Comparison.compare(
            Comparison.derived(
                derivations, cut.apply(demolition), cut.apply(license), cut.apply(rental)),
            cut.apply(w.get("progress")),
            Comparison.reporting(w.get("progress"), derivations),
            cut.apply(allowances),
            config.comparisonRelative(),
            config.comparisonAbsolute()));
    return t;
  }

  private static Dataset<Row> current(Dataset<Row> history) {
    return history
        .filter(col(History.IS_CURRENT))
        .drop(History.VALID_TO, History.IS_CURRENT, KNOWN_AT, History.KNOWN_UNTIL);
  }

  /** Per township: how many residential demolitions and 拆除 deregistrations found a partner. */
  static Dataset<Row> linkageRate(
      Dataset<Row> demolition, Dataset<Row> rental, Dataset<Row> links) {
    Dataset<Row> linkedRecords =
        links
            .filter(col(Linkage.TARGET_LEDGER).equalTo("rental"))
            .select(col(Cols.RECORD_ID).as("l_record"))
            .distinct();
    Dataset<Row> linkedRentals =
        links
            .filter(col(Linkage.TARGET_LEDGER).equalTo("rental"))
            .select(col(Linkage.TARGET_KEY).as("l_reg"))
            .distinct();
    Dataset<Row> d =
        demolition
            .filter(VacatingEvents.demolitionKind().equalTo(VacatingEvents.RESIDENTIAL))
            .join(linkedRecords, col(Cols.RECORD_ID).equalTo(col("l_record")), "left")
            .groupBy(Cols.TOWNSHIP_CODE)
            .agg(
                count(lit(1)).as("residential_demolitions"),
                count(col("l_record")).as("residential_demolitions_linked"));
    Dataset<Row> r =
        rental
            .filter(col(Cols.DEREGISTRATION_REASON).equalTo(Cols.REASON_DEMOLITION))
            .join(linkedRentals, col(Cols.REGISTRATION_ID).equalTo(col("l_reg")), "left")
            .groupBy(col(Cols.TOWNSHIP_CODE).as("r_township"))
            .agg(
                count(lit(1)).as("deregistered_for_demolition"),
                count(col("l_reg")).as("deregistered_for_demolition_linked"));
    Column rate =
        col("deregistered_for_demolition_linked")
            .cast("double")
            .divide(col("deregistered_for_demolition"));
    return d.join(r, col(Cols.TOWNSHIP_CODE).equalTo(col("r_township")), "full_outer")
        .select(
            org.apache
                .spark
                .sql
                .functions
                .coalesce(col(Cols.TOWNSHIP_CODE), col("r_township"))
                .as(Cols.TOWNSHIP_CODE),
            col("residential_demolitions"),
            col("residential_demolitions_linked"),
            col("residential_demolitions_linked")
                .cast("double")
                .divide(col("residential_demolitions"))
                .as("demolition_link_rate"),
            col("deregistered_for_demolition"),
            col("deregistered_for_demolition_linked"),
            rate.as("registration_link_rate"));
  }
}
