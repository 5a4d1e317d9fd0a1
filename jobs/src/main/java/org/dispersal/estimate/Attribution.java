package org.dispersal.estimate;

import static org.apache.spark.sql.functions.col;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Population attribution: per township and year, the observed change in year-end population, the
 * part the panel fit attributes to vacated space (with a bootstrap interval) and the remainder.
 */
final class Attribution {
  private Attribution() {}

  /**
   * @param yearly the township × year panel ({@link YearlyPanel#build})
   * @param result the panel fit whose coefficients and bootstrap draws explain the change
   */
  static Dataset<Row> attribute(
      Dataset<Row> yearly, PanelEstimator.Result result, String runId, LocalDate asOf) {
    List<String> columns =
        new ArrayList<>(List.of(YearlyPanel.TOWNSHIP, YearlyPanel.YEAR, YearlyPanel.CHANGE));
    for (EstimateKind k : result.kinds()) {
      columns.add(YearlyPanel.change(k.id()));
      columns.add(YearlyPanel.lagged(k.id()));
    }
    List<Row> rows =
        yearly
            .filter(col(YearlyPanel.CHANGE).isNotNull())
            .select(
                columns.stream()
                    .map(org.apache.spark.sql.functions::col)
                    .toArray(org.apache.spark.sql.Column[]::new))
            .orderBy(YearlyPanel.TOWNSHIP, YearlyPanel.YEAR)
            .collectAsList();
    DoseResponse.Fit fit = result.fit();
    int draws = fit.replications();
    List<Row> out = new ArrayList<>();
    for (Row r : rows) {
      double explained = 0;
      double[] sample = new double[draws];
      for (int i = 0; i < result.kinds().size(); i++) {
        EstimateKind k = result.kinds().get(i);
        double change = value(r, 3 + 2 * i);
        double lagged = value(r, 4 + 2 * i);
        DoseResponse.Coefficient same = fit.get(PanelEstimator.exposure(YearlyPanel.dose(k.id())));
        DoseResponse.Coefficient total =
            fit.get(PanelEstimator.exposure(YearlyPanel.cumulative(k.id())));
        // Level = … − β_same·V(t) − β_total·C(t), and C(t) − C(t−1) = V(t−1).
        explained -= same.estimate() * change + total.estimate() * lagged;
        for (int b = 0; b < draws; b++) {
          sample[b] -= same.draws()[b] * change + total.draws()[b] * lagged;
        }
      }
      Arrays.sort(sample);
      double observed = value(r, 2);
      out.add(
          RowFactory.create(
              runId,
              Date.valueOf(asOf),
              r.getString(0),
              r.getInt(1),
              observed,
              explained,
              WildClusterBootstrap.quantile(sample, 0.025),
              WildClusterBootstrap.quantile(sample, 0.975),
              observed - explained));
    }
    return yearly.sparkSession().createDataFrame(out, EstimateColumns.attributionSchema());
  }

  private static double value(Row r, int i) {
    return r.isNullAt(i) ? 0 : ((Number) r.get(i)).doubleValue();
  }
}
