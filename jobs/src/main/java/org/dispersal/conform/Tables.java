package org.dispersal.conform;

import static java.util.Map.entry;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each silver table is built from and how a fold writes it, so that a fold recomputes and
 * writes only the tables whose inputs received new rows.
 */
final class Tables {
  /** How a fold writes a table it recomputed. */
  enum Write {
    /** Replaced whole. */
    OVERWRITE,
    /** Only the rows that changed, matched on the table's key columns (a Delta MERGE). */
    KEYS,
    /** The rows of the deliveries conformed now replace the ones they had (Delta replaceWhere). */
    DELIVERIES,
    /** The months the new rows touch are replaced whole (Delta replaceWhere). */
    MONTHS,
    /**
     * Recomputed from the rows of the townships whose records the new rows touch, which replace
     * those townships' rows (Delta replaceWhere): the table joins and ranks within a township only.
     */
    TOWNSHIPS,
    /**
     * The townships whose rows may have changed ({@link Silver.Scope#compared}) are replaced whole
     * (Delta replaceWhere).
     */
    COMPARED
  }

  /**
   * @param inputs the ledgers whose new rows and the silver tables whose rewrite change the table;
   *     {@link #ANY}: any new delivery or another as-of date does
   * @param write how a fold writes it
   * @param match the columns that identify a row, for {@link Write#KEYS}
   */
  record Spec(List<String> inputs, Write write, List<String> match) {}

  /** Recomputed in every fold: the table reads every ledger, bronze itself or the as-of date. */
  static final String ANY = "*";

  private static final String RENTAL = "rental";
  private static final String LICENSE = "license";
  private static final String DEMOLITION = "demolition";

  static final Map<String, Spec> SPECS =
      Map.ofEntries(
          // The current tables take the current versions of the records the fold touched, by
          // MERGE on the key like the histories: rewriting the townships of those records read
          // most of the history again, as a night's records lie in townships all over the city
          // (1/4 of the city: 58 townships in 15 districts).
          entry("rental_history", keys(RENTAL, Silver.RECORD_KEYS.get(RENTAL), History.VALID_FROM)),
          entry(RENTAL, keys(RENTAL, Silver.RECORD_KEYS.get(RENTAL))),
          entry(
              "license_history",
              keys(LICENSE, Silver.RECORD_KEYS.get(LICENSE), History.VALID_FROM)),
          entry(LICENSE, keys(LICENSE, Silver.RECORD_KEYS.get(LICENSE))),
          entry(
              "demolition_history",
              keys(DEMOLITION, Silver.RECORD_KEYS.get(DEMOLITION), History.VALID_FROM)),
          entry(DEMOLITION, keys(DEMOLITION, Silver.RECORD_KEYS.get(DEMOLITION))),
          entry("population", keys("population", Cols.TOWNSHIP_CODE, "year")),
          entry(
              "targets",
              keys("targets", "task", "metric", Cols.TOWNSHIP_CODE, "year", "cumulative")),
          entry("targets_history", new Spec(List.of("targets"), Write.DELIVERIES, List.of())),
          entry("progress_history", new Spec(List.of("progress"), Write.DELIVERIES, List.of())),
          // A MERGE costs more than rewriting the few months a report touches.
          entry("progress", new Spec(List.of("progress"), Write.MONTHS, List.of("month"))),
          // Any ledger's new rows may be set aside.
          entry("quarantine", new Spec(List.of(ANY), Write.DELIVERIES, List.of())),
          entry("links", townships(RENTAL, LICENSE, DEMOLITION)),
          entry("linkage_rate", townships(RENTAL, DEMOLITION, "links")),
          entry("vacating_events", townships(RENTAL, LICENSE, DEMOLITION, "links")),
          entry("rebound_watch", townships(RENTAL, LICENSE, DEMOLITION, "vacating_events")),
          // Reads bronze's set-aside rows and the as-of date besides the ledgers and progress: a
          // township's rows change with its own ledgers and reports, and with the allowances of
          // the missing records, which clues from any township place.
          entry("city_district_comparison", new Spec(List.of(ANY), Write.COMPARED, List.of())),
          // Reads bronze's set-aside rows and every ledger; a fold places only some records again
          // (see Placement) and writes the table whole.
          entry(Placement.TABLE, overwrite(ANY)),
          entry("quality_deliveries", new Spec(List.of(ANY), Write.DELIVERIES, List.of())),
          // One row per ledger, folded from the new rows (see Quality#freshness).
          entry("quality_freshness", overwrite(ANY)));

  /**
   * The tables the {@link Write#TOWNSHIPS} tables are built from, which a fold cuts to the touched
   * townships.
   */
  static final java.util.Set<String> TOWNSHIP_INPUTS =
      SPECS.values().stream()
          .filter(s -> s.write() == Write.TOWNSHIPS)
          .flatMap(s -> s.inputs().stream())
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  private Tables() {}

  /**
   * Whether a fold has to recompute a table: one of its inputs received new rows or was recomputed
   * (a table not declared here always is).
   *
   * @param fresh the ledgers with new rows
   * @param recomputed the silver tables recomputed so far
   */
  static boolean touched(String table, Set<String> fresh, Set<String> recomputed) {
    Spec spec = SPECS.get(table);
    return spec == null
        || spec.inputs().stream()
            .anyMatch(i -> i.equals(ANY) || fresh.contains(i) || recomputed.contains(i));
  }

  private static Spec keys(String ledger, String... match) {
    return new Spec(List.of(ledger), Write.KEYS, List.of(match));
  }

  private static Spec townships(String... inputs) {
    return new Spec(List.of(inputs), Write.TOWNSHIPS, List.of(Cols.TOWNSHIP_CODE));
  }

  private static Spec overwrite(String... inputs) {
    return new Spec(List.of(inputs), Write.OVERWRITE, List.of());
  }
}
