package org.dispersal.estimate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The linkage estimator: registered tenants linked to demolished residential sites, each scaled up
 * by the estimated registration coverage of its township and month, per 10,000 m² demolished; the
 * interval from a bootstrap over townships.
 */
final class LinkageEstimator {
  static final String UNITS = "units";
  static final String LINKED = "linked";
  static final String SCALED = "scaled";
  static final String EVENTS = "events";
  static final String COVERAGE = "registration_coverage_estimate";

  private LinkageEstimator() {}

  /**
   * Per township: residential space demolished (10,000 m²), linked tenants, and linked tenants
   * divided by the coverage estimate of the month.
   *
   * @param events silver vacating_events
   * @param townshipMonth gold township_month (its coverage estimate per township and month)
   */
  static Dataset<Row> byTownship(Dataset<Row> events, Dataset<Row> townshipMonth) {
    Dataset<Row> coverage =
        townshipMonth
            .filter(col(COVERAGE).isNotNull().and(col(COVERAGE).gt(0)))
            .select(col("township_code").as("_t"), col("month").as("_m"), col(COVERAGE));
    return events
        .filter(col("kind").equalTo("residential"))
        .join(
            coverage,
            col("township_code").equalTo(col("_t")).and(col("event_month").equalTo(col("_m"))))
        .withColumn("_linked", coalesce(col("linked_tenants"), lit(0L)).cast("double"))
        .groupBy("township_code")
        .agg(
            sum(col("floor_area_m2")).divide(10_000.0).as(UNITS),
            sum(col("_linked")).as(LINKED),
            sum(col("_linked").divide(col(COVERAGE))).as(SCALED),
            count(lit(1)).as(EVENTS));
  }

  /** The ratio of scaled persons to space, with percentile intervals over resampled townships. */
  static Estimate estimate(Dataset<Row> byTownship, EstimateConfig config) {
    List<Row> rows = byTownship.filter(col(UNITS).gt(0)).orderBy("township_code").collectAsList();
    int g = rows.size();
    double[] units = new double[g];
    double[] scaled = new double[g];
    double linked = 0;
    long events = 0;
    for (int i = 0; i < g; i++) {
      Row r = rows.get(i);
      units[i] = r.<Double>getAs(UNITS);
      scaled[i] = r.<Double>getAs(SCALED);
      linked += r.<Double>getAs(LINKED);
      events += r.<Long>getAs(EVENTS);
    }
    double estimate = ratio(scaled, units, null);
    int b = config.replications();
    double[] draws = new double[b];
    SplittableRandom random = new SplittableRandom(config.seed());
    int[] pick = new int[g];
    for (int r = 0; r < b; r++) {
      for (int i = 0; i < g; i++) {
        pick[i] = random.nextInt(g);
      }
      draws[r] = ratio(scaled, units, pick);
    }
    java.util.Arrays.sort(draws);
    return new Estimate(
        EstimateColumns.LINKAGE,
        EstimateKind.RESIDENTIAL.id(),
        EstimateColumns.TOTAL,
        estimate,
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
            "linked registered tenants=%.0f, scaled by the coverage estimate to %.0f persons over"
                + " %.1f x 10,000 m2; pairs bootstrap over townships, %d replications",
            linked,
            java.util.Arrays.stream(scaled).sum(),
            java.util.Arrays.stream(units).sum(),
            b));
  }

  private static double ratio(double[] scaled, double[] units, int[] pick) {
    double s = 0;
    double u = 0;
    for (int i = 0; i < scaled.length; i++) {
      int j = pick == null ? i : pick[i];
      s += scaled[j];
      u += units[j];
    }
    return u > 0 ? s / u : Double.NaN;
  }
}
