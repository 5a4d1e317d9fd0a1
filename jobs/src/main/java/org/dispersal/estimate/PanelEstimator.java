package org.dispersal.estimate;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The township panel estimator: year-end population per 10,000 of the township's mean, on township
 * fixed effects, township trends and year effects, with each kind's space vacated that year and
 * vacated through the year before (whose coefficient is the total effect: departures end within 13
 * months); the imputation model of Borusyak, Jaravel and Spiess with a linear dose effect.
 */
final class PanelEstimator {
  static final String INDEX = "population_index";

  /** The fits behind the estimates: the model, and the same model with next year's doses. */
  record Result(List<Estimate> estimates, DoseResponse.Fit fit, List<EstimateKind> kinds) {}

  private PanelEstimator() {}

  /** The regressor of a dose column: minus the dose per 10,000 residents (effects are positive). */
  static String exposure(String doseColumn) {
    return "x_" + doseColumn;
  }

  /** Population and doses per 10,000 mean residents: survey error and spillover become common. */
  static Dataset<Row> perCapita(Dataset<Row> yearly) {
    Column scale =
        lit(10_000.0)
            .divide(
                avg(col(YearlyPanel.POPULATION)).over(Window.partitionBy(YearlyPanel.TOWNSHIP)));
    Dataset<Row> out =
        yearly
            .withColumn("_scale", scale)
            .withColumn(INDEX, col(YearlyPanel.POPULATION).multiply(col("_scale")));
    for (EstimateKind kind : EstimateKind.values()) {
      for (String c :
          List.of(
              YearlyPanel.dose(kind.id()),
              YearlyPanel.cumulative(kind.id()),
              YearlyPanel.lead(kind.id()))) {
        out = out.withColumn(exposure(c), col(c).multiply(col("_scale")).multiply(-1.0));
      }
    }
    return out.drop("_scale");
  }

  /** Complete years with an official population, over all townships. */
  static long years(Dataset<Row> yearly) {
    return yearly
        .filter(col(YearlyPanel.POPULATION).isNotNull())
        .agg(countDistinct(col(YearlyPanel.YEAR)))
        .first()
        .getLong(0);
  }

  /**
   * The total and same-year effect per kind and, with {@code pretrend}, the lead: the model fitted
   * again with next year's doses beside this year's, whose coefficient (lag {@code lead_1}) is the
   * change in population the year before vacating. It is a dose coefficient of that fit like the
   * others, so its estimate, 90% and 95% intervals and p-value ({@code pretrend_p} of every row of
   * the kind) come from the same wild cluster bootstrap over townships (percentile-t); its
   * observations are one year fewer (the last year has no next year).
   *
   * @param pretrend whether to fit the model again with next year's doses for the pre-trend test
   */
  static Result estimate(Dataset<Row> yearly, EstimateConfig config, boolean pretrend) {
    Dataset<Row> panel = perCapita(yearly).filter(col(INDEX).isNotNull()).cache();
    try {
      List<EstimateKind> kinds = present(panel);
      List<String> regressors = new ArrayList<>();
      for (EstimateKind k : kinds) {
        regressors.add(exposure(YearlyPanel.dose(k.id())));
        regressors.add(exposure(YearlyPanel.cumulative(k.id())));
      }
      DoseResponse.Options options = new DoseResponse.Options(true, true, false);
      DoseResponse.Fit fit =
          DoseResponse.fit(
              panel,
              INDEX,
              regressors,
              options,
              config.replications(),
              config.weights(),
              config.seed());
      DoseResponse.Fit leads = null;
      if (pretrend && years(panel) >= 5) {
        List<String> withLeads = new ArrayList<>(regressors);
        kinds.forEach(k -> withLeads.add(exposure(YearlyPanel.lead(k.id()))));
        leads =
            DoseResponse.fit(
                panel,
                INDEX,
                withLeads,
                options,
                config.replications(),
                config.weights(),
                config.seed() + 1);
      }
      String diagnostics = diagnostics(fit);
      List<Estimate> out = new ArrayList<>();
      for (EstimateKind k : kinds) {
        DoseResponse.Coefficient lead =
            leads == null ? null : leads.get(exposure(YearlyPanel.lead(k.id())));
        String d =
            diagnostics
                + (lead == null
                    ? "; lead: not fitted"
                    : String.format(Locale.ROOT, "; lead_estimate=%.1f", lead.estimate()));
        Double p = lead == null ? null : lead.pValue();
        out.add(
            row(
                k,
                EstimateColumns.TOTAL,
                fit.get(exposure(YearlyPanel.cumulative(k.id()))),
                fit,
                p,
                d));
        out.add(
            row(
                k,
                EstimateColumns.SAME_YEAR,
                fit.get(exposure(YearlyPanel.dose(k.id()))),
                fit,
                p,
                d));
        if (lead != null) {
          out.add(
              row(
                  k,
                  EstimateColumns.LEAD_1,
                  lead,
                  leads,
                  p,
                  diagnostics(leads) + "; pre-trend fit with next year's doses"));
        }
      }
      return new Result(out, fit, kinds);
    } finally {
      panel.unpersist();
    }
  }

  /** Kinds with any space vacated: a kind never vacated has no effect to estimate. */
  static List<EstimateKind> present(Dataset<Row> panel) {
    List<Column> sums = new ArrayList<>();
    for (EstimateKind k : EstimateKind.values()) {
      sums.add(sum(abs(col(YearlyPanel.dose(k.id())))).as(k.id()));
    }
    Row totals =
        panel.agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new)).first();
    List<EstimateKind> kinds = new ArrayList<>();
    for (EstimateKind k : EstimateKind.values()) {
      if (!totals.isNullAt(totals.fieldIndex(k.id())) && totals.<Double>getAs(k.id()) > 0) {
        kinds.add(k);
      }
    }
    return kinds;
  }

  private static Estimate row(
      EstimateKind kind,
      String lag,
      DoseResponse.Coefficient c,
      DoseResponse.Fit fit,
      Double pretrend,
      String diagnostics) {
    return new Estimate(
        EstimateColumns.PANEL,
        kind.id(),
        lag,
        c.estimate(),
        EstimateColumns.PERSONS_PER_10K_M2,
        c.low90(),
        c.high90(),
        c.low95(),
        c.high95(),
        fit.observations(),
        fit.clusters(),
        pretrend,
        diagnostics
            + String.format(Locale.ROOT, "; cr1_se=%.1f; p=%.3f", c.standardError(), c.pValue()));
  }

  /** Residual checks: their spread and their correlation from one year to the next. */
  static String diagnostics(DoseResponse.Fit fit) {
    double[] r = fit.residuals();
    double ss = 0;
    for (double v : r) {
      ss += v * v;
    }
    Map<String, Double> byKey = new HashMap<>();
    for (int i = 0; i < r.length; i++) {
      byKey.put(fit.townships()[i] + "/" + fit.years()[i], r[i]);
    }
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < r.length; i++) {
      Double next = byKey.get(fit.townships()[i] + "/" + (fit.years()[i] + 1));
      if (next != null) {
        sxy += r[i] * next;
        sxx += r[i] * r[i];
        syy += next * next;
      }
    }
    double rho = sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
    return String.format(
        Locale.ROOT,
        "model=township+township_trend+year effects, per 10,000 residents; replications=%d;"
            + " solver_difference=%.1e; residual_sd=%.2f per 10,000 residents;"
            + " residual_lag1_correlation=%.2f",
        fit.replications(),
        fit.solverDifference(),
        Math.sqrt(ss / Math.max(1, r.length)),
        rho);
  }
}
