package org.dispersal.estimate;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The district net effect: the township effect less the share of leavers who settle in the
 * district's other townships, estimated from how a township grows with the departures expected
 * elsewhere in the district (without year effects, which would absorb them).
 */
final class DistrictEstimator {
  static final String OTHERS = "x_others_departures";
  static final String SPILLOVER = "spillover_share";

  private DistrictEstimator() {}

  /**
   * Adds the departures the panel fit expects in the district's other townships through the
   * previous year, per 10,000 of their mean residents.
   */
  static Dataset<Row> withOthersDepartures(
      Dataset<Row> perCapita, Map<EstimateKind, Double> total) {
    Column mean = avg(col(YearlyPanel.POPULATION)).over(Window.partitionBy(YearlyPanel.TOWNSHIP));
    Dataset<Row> out = perCapita.withColumn("_mean", mean);
    Column own = lit(0.0);
    for (Map.Entry<EstimateKind, Double> e : total.entrySet()) {
      own = own.plus(col(YearlyPanel.cumulative(e.getKey().id())).multiply(e.getValue()));
    }
    out = out.withColumn("_own", own);
    var year = Window.partitionBy(YearlyPanel.YEAR);
    return out.withColumn(
            OTHERS,
            sum(col("_own"))
                .over(year)
                .minus(col("_own"))
                .multiply(10_000.0)
                .divide(sum(col("_mean")).over(year).minus(col("_mean"))))
        .drop("_mean", "_own");
  }

  static List<Estimate> estimate(
      Dataset<Row> yearly, PanelEstimator.Result panel, EstimateConfig config) {
    Map<EstimateKind, Double> total = new java.util.LinkedHashMap<>();
    List<String> regressors = new ArrayList<>();
    for (EstimateKind k : panel.kinds()) {
      total.put(
          k, panel.fit().get(PanelEstimator.exposure(YearlyPanel.cumulative(k.id()))).estimate());
      regressors.add(PanelEstimator.exposure(YearlyPanel.dose(k.id())));
      regressors.add(PanelEstimator.exposure(YearlyPanel.cumulative(k.id())));
    }
    regressors.add(YearlyPanel.TREND);
    regressors.add(OTHERS);
    Dataset<Row> data =
        withOthersDepartures(PanelEstimator.perCapita(yearly), total)
            .filter(col(PanelEstimator.INDEX).isNotNull());
    DoseResponse.Fit fit =
        DoseResponse.fit(
            data,
            PanelEstimator.INDEX,
            regressors,
            new DoseResponse.Options(false, true, false),
            config.replications(),
            config.weights(),
            config.seed() + 2);
    DoseResponse.Coefficient s = fit.get(OTHERS);
    String diagnostics =
        PanelEstimator.diagnostics(fit)
                .replace(
                    "township+township_trend+year effects",
                    "township+township_trend, no year effects")
            + String.format(
                Locale.ROOT,
                "; spillover_share=%.3f; cr1_se=%.3f",
                s.estimate(),
                s.standardError());
    List<Estimate> out = new ArrayList<>();
    out.add(
        new Estimate(
            EstimateColumns.DISTRICT,
            "all",
            SPILLOVER,
            s.estimate(),
            "share of leavers settling in the district",
            s.low90(),
            s.high90(),
            s.low95(),
            s.high95(),
            fit.observations(),
            fit.clusters(),
            null,
            diagnostics));
    for (EstimateKind k : panel.kinds()) {
      DoseResponse.Coefficient b =
          panel.fit().get(PanelEstimator.exposure(YearlyPanel.cumulative(k.id())));
      int n = Math.min(b.draws().length, s.draws().length);
      double[] draws = new double[n];
      for (int i = 0; i < n; i++) {
        draws[i] = b.draws()[i] * (1 - s.draws()[i]);
      }
      Arrays.sort(draws);
      out.add(
          new Estimate(
              EstimateColumns.DISTRICT,
              k.id(),
              EstimateColumns.TOTAL,
              b.estimate() * (1 - s.estimate()),
              EstimateColumns.PERSONS_PER_10K_M2,
              WildClusterBootstrap.quantile(draws, 0.05),
              WildClusterBootstrap.quantile(draws, 0.95),
              WildClusterBootstrap.quantile(draws, 0.025),
              WildClusterBootstrap.quantile(draws, 0.975),
              fit.observations(),
              fit.clusters(),
              null,
              diagnostics + "; interval: township-effect draws × (1 − spillover draws)"));
    }
    return out;
  }
}
