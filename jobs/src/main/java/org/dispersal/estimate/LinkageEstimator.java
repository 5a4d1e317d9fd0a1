package org.dispersal.estimate;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The linkage estimator: registered tenants linked to demolished residential sites, scaled up by
 * the registration coverage of the demolished space itself (the occupied share of it that had a
 * registration linked), per 10,000 m² demolished; the interval from a bootstrap over townships.
 */
final class LinkageEstimator {
  /** Residential space demolished, 10,000 m². */
  static final String UNITS = "units";

  /** Of it, space with at least one linked registration. */
  static final String LINKED_UNITS = "linked_units";

  /** Of the space without a link, what has a residents count (涉及人口) in its record. */
  static final String REPORTED_UNITS = "reported_units";

  /** Of the space without a link, what its record reports nobody lived in (涉及人口 = 0). */
  static final String EMPTY_UNITS = "empty_units";

  static final String LINKED = "linked";
  static final String EVENTS = "events";
  static final String LINKED_EVENTS = "linked_events";

  /** The panel's coverage estimate per township-month (used by the naive estimate, not here). */
  static final String COVERAGE = "registration_coverage_estimate";

  static final String RECORD_ID = "record_id";
  static final String RESIDENTS_AFFECTED = "residents_affected";
  static final String TENANTS = "tenants";
  private static final String TARGET_KEY = "target_key";
  private static final String TARGET_DWELLING = "target_dwelling";
  private static final String METHOD_ADDRESS_REASON = "address+reason";

  /**
   * Registered tenants per demolition record, each dwelling counted once: a dwelling whose lease
   * expired (到期) in the link window and that was registered again before the demolition brings two
   * registrations of the same tenants; the one cancelled for 拆除 counts, else the nearest in time.
   *
   * @param links silver links (record_id, target_ledger, target_key, target_dwelling, link_method,
   *     days_apart, persons)
   */
  static Dataset<Row> tenantsPerDemolition(Dataset<Row> links) {
    Column preference =
        struct(
            when(col("link_method").equalTo(METHOD_ADDRESS_REASON), 1).otherwise(0),
            abs(col("days_apart")).multiply(-1));
    return links
        .filter(col("target_ledger").equalTo("rental"))
        .groupBy(col(RECORD_ID), coalesce(col(TARGET_DWELLING), col(TARGET_KEY)).as("_site"))
        .agg(max_by(col("persons"), preference).as(TENANTS))
        .groupBy(RECORD_ID)
        .agg(sum(col(TENANTS)).cast("double").as(TENANTS));
  }

  private LinkageEstimator() {}

  /**
   * Per township: residential space demolished, linked tenants, the space with a linked
   * registration, and, of the rest, the space with a residents count and the space reported empty
   * (all in 10,000 m²).
   *
   * @param events silver vacating_events
   * @param demolitions silver demolition (current records: record_id, residents_affected)
   * @param tenants {@link #tenantsPerDemolition} (record_id, tenants)
   */
  static Dataset<Row> byTownship(
      Dataset<Row> events, Dataset<Row> demolitions, Dataset<Row> tenants) {
    Dataset<Row> reported =
        demolitions
            .select(col(RECORD_ID).as("_record"), col(RESIDENTS_AFFECTED).as("_reported"))
            .join(tenants, col("_record").equalTo(col(RECORD_ID)), "left")
            .drop(RECORD_ID);
    Column linked = coalesce(col(TENANTS), lit(0.0));
    Column area = col("floor_area_m2").divide(10_000.0);
    Column hasLink = linked.gt(0);
    Column noLink = linked.leq(0);
    return events
        .filter(col("kind").equalTo("residential").and(col("floor_area_m2").isNotNull()))
        .join(reported, col("source_key").equalTo(col("_record")), "left")
        .groupBy("township_code")
        .agg(
            sum(area).as(UNITS),
            sum(linked).as(LINKED),
            sum(when(hasLink, area).otherwise(0.0)).as(LINKED_UNITS),
            sum(when(noLink.and(col("_reported").isNotNull()), area).otherwise(0.0))
                .as(REPORTED_UNITS),
            sum(when(noLink.and(col("_reported").equalTo(0)), area).otherwise(0.0)).as(EMPTY_UNITS),
            count(lit(1)).as(EVENTS),
            count(when(hasLink, 1)).as(LINKED_EVENTS));
  }

  /** Scaled-up persons over space, with percentile intervals over resampled townships. */
  static Estimate estimate(Dataset<Row> byTownship, EstimateConfig config) {
    List<Row> rows = byTownship.filter(col(UNITS).gt(0)).orderBy("township_code").collectAsList();
    int g = rows.size();
    double[][] t = new double[5][g];
    long events = 0;
    long linkedEvents = 0;
    for (int i = 0; i < g; i++) {
      Row r = rows.get(i);
      t[0][i] = r.<Double>getAs(UNITS);
      t[1][i] = r.<Double>getAs(LINKED);
      t[2][i] = r.<Double>getAs(LINKED_UNITS);
      t[3][i] = r.<Double>getAs(REPORTED_UNITS);
      t[4][i] = r.<Double>getAs(EMPTY_UNITS);
      events += r.<Long>getAs(EVENTS);
      linkedEvents += r.<Long>getAs(LINKED_EVENTS);
    }
    Totals all = Totals.of(t, null);
    int b = config.replications();
    double[] draws = new double[b];
    SplittableRandom random = new SplittableRandom(config.seed());
    int[] pick = new int[g];
    for (int r = 0; r < b; r++) {
      for (int i = 0; i < g; i++) {
        pick[i] = random.nextInt(g);
      }
      draws[r] = Totals.of(t, pick).estimate();
    }
    Arrays.sort(draws);
    return new Estimate(
        EstimateColumns.LINKAGE,
        EstimateKind.RESIDENTIAL.id(),
        EstimateColumns.TOTAL,
        all.estimate(),
        EstimateColumns.PERSONS_PER_10K_M2,
        WildClusterBootstrap.quantile(draws, 0.05),
        WildClusterBootstrap.quantile(draws, 0.95),
        WildClusterBootstrap.quantile(draws, 0.025),
        WildClusterBootstrap.quantile(draws, 0.975),
        events,
        g,
        null,
        String.format(
            Locale.ROOT,
            "linked registered tenants=%.0f at %d of %d residential demolitions (%.1f of %.1f x"
                + " 10,000 m2); occupied share of the unlinked space %.3f (涉及人口 = 0 on %.1f of"
                + " %.1f reported); coverage of the occupied demolished space %.3f; pairs bootstrap"
                + " over townships, %d replications",
            all.linked,
            linkedEvents,
            events,
            all.linkedUnits,
            all.units,
            all.occupiedShare(),
            all.empty,
            all.reported,
            all.coverage(),
            b));
  }

  /** Sums over (resampled) townships and the estimate they give. */
  record Totals(double units, double linked, double linkedUnits, double reported, double empty) {
    static Totals of(double[][] t, int[] pick) {
      double[] s = new double[t.length];
      for (int i = 0; i < t[0].length; i++) {
        int j = pick == null ? i : pick[i];
        for (int k = 0; k < t.length; k++) {
          s[k] += t[k][j];
        }
      }
      return new Totals(s[0], s[1], s[2], s[3], s[4]);
    }

    /** Share of the unlinked space that was occupied: one minus the share reported empty. */
    double occupiedShare() {
      return reported > 0 ? 1 - empty / reported : 1;
    }

    /** Linked space over the occupied demolished space. */
    double coverage() {
      double occupied = linkedUnits + (units - linkedUnits) * occupiedShare();
      return occupied > 0 ? linkedUnits / occupied : Double.NaN;
    }

    /** Linked tenants ÷ coverage, per 10,000 m² of all residential space demolished. */
    double estimate() {
      double c = coverage();
      return units > 0 && c > 0 ? linked / c / units : Double.NaN;
    }
  }
}
