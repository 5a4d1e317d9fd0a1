package org.dispersal.estimate;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.dispersal.estimate.WildClusterBootstrap.Result;
import org.dispersal.estimate.WildClusterBootstrap.Weights;

/**
 * A linear dose-response fit on the township × year panel: township (and optionally year) fixed
 * effects plus the given regressors; the point fit by MLlib's normal-equation solver, intervals by
 * a wild cluster bootstrap over townships on the same design.
 */
final class DoseResponse {

  /** One regressor's estimate, CR1 error, bootstrap intervals and bootstrap draws. */
  record Coefficient(
      String name,
      double estimate,
      double standardError,
      double low90,
      double high90,
      double low95,
      double high95,
      double pValue,
      double[] draws) {}

  /** The fit: coefficients of the regressors, sizes, residuals and how far MLlib and OLS agree. */
  record Fit(
      Map<String, Coefficient> coefficients,
      int observations,
      int clusters,
      int replications,
      double[] residuals,
      String[] townships,
      int[] years,
      double solverDifference) {

    Coefficient get(String name) {
      return coefficients.get(name);
    }
  }

  /** Which fixed effects, and whether rows are weighted (by {@link YearlyPanel#WEIGHT}). */
  record Options(boolean yearEffects, boolean townshipTrends, boolean weighted) {}

  private DoseResponse() {}

  static Fit fit(
      Dataset<Row> panel,
      String label,
      List<String> regressors,
      Options options,
      int replications,
      Weights weights,
      long seed) {
    boolean yearEffects = options.yearEffects();
    Column complete = col(label).isNotNull();
    for (String r : regressors) {
      complete = complete.and(col(r).isNotNull());
    }
    Dataset<Row> rows =
        panel
            .filter(complete)
            .withColumn("_year", col(YearlyPanel.YEAR).cast("string"))
            .withColumn("_label", col(label).cast("double"))
            .withColumn(
                "_w",
                options.weighted()
                    ? col(YearlyPanel.WEIGHT)
                    : org.apache.spark.sql.functions.lit(1.0));
    List<PipelineStage> stages = new ArrayList<>();
    List<String> inputs = new ArrayList<>();
    stages.add(
        new StringIndexer()
            .setInputCol(YearlyPanel.TOWNSHIP)
            .setOutputCol("_ti")
            .setStringOrderType("alphabetAsc"));
    stages.add(new OneHotEncoder().setInputCol("_ti").setOutputCol("_tv").setDropLast(true));
    inputs.add("_tv");
    if (options.townshipTrends()) {
      // Township-specific linear trends: one-hot township × years since 2016 (one dropped).
      stages.add(
          new org.apache.spark.ml.feature.Interaction()
              .setInputCols(new String[] {"_tv", YearlyPanel.TREND})
              .setOutputCol("_trend"));
      inputs.add("_trend");
    }
    if (yearEffects) {
      stages.add(
          new StringIndexer()
              .setInputCol("_year")
              .setOutputCol("_yi")
              .setStringOrderType("alphabetAsc"));
      stages.add(new OneHotEncoder().setInputCol("_yi").setOutputCol("_yv").setDropLast(true));
      inputs.add("_yv");
    }
    inputs.addAll(regressors);
    stages.add(
        new VectorAssembler()
            .setInputCols(inputs.toArray(String[]::new))
            .setOutputCol("_features"));
    PipelineModel design = new Pipeline().setStages(stages.toArray(PipelineStage[]::new)).fit(rows);
    Dataset<Row> assembled =
        design
            .transform(rows)
            .select("_features", "_label", YearlyPanel.TOWNSHIP, YearlyPanel.YEAR, "_w")
            .cache();
    try {
      LinearRegressionModel ols =
          new LinearRegression()
              .setSolver("normal")
              .setRegParam(0)
              .setFitIntercept(true)
              .setStandardization(false)
              .setFeaturesCol("_features")
              .setLabelCol("_label")
              .setWeightCol("_w")
              .fit(assembled);
      // The panel is small (townships × years): its design is bootstrapped on the driver.
      List<Row> collected = assembled.collectAsList();
      return bootstrap(collected, ols, regressors, replications, weights, seed);
    } finally {
      assembled.unpersist();
    }
  }

  private static Fit bootstrap(
      List<Row> rows,
      LinearRegressionModel ols,
      List<String> regressors,
      int replications,
      Weights weights,
      long seed) {
    int n = rows.size();
    int width = ((Vector) rows.get(0).get(0)).size();
    double[][] x = new double[n][width + 1];
    double[] y = new double[n];
    int[] cluster = new int[n];
    String[] townships = new String[n];
    int[] years = new int[n];
    Map<String, Integer> ids = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      double[] features = ((Vector) r.get(0)).toArray();
      // Weighted least squares as OLS on rows scaled by √weight.
      double scale = Math.sqrt(r.getDouble(4));
      x[i][0] = scale;
      for (int j = 0; j < width; j++) {
        x[i][j + 1] = features[j] * scale;
      }
      y[i] = r.getDouble(1) * scale;
      townships[i] = r.getString(2);
      years[i] = r.getInt(3);
      cluster[i] = ids.computeIfAbsent(townships[i], k -> ids.size());
    }
    WildClusterBootstrap wcb = new WildClusterBootstrap(x, cluster);
    // Only the doses' intervals are reported; the fixed effects' are not bootstrapped.
    int[] doses = new int[regressors.size()];
    for (int r = 0; r < doses.length; r++) {
      doses[r] = 1 + width - regressors.size() + r;
    }
    Result result = wcb.run(y, replications, weights, seed, doses);
    double[] residuals = new double[n];
    for (int i = 0; i < n; i++) {
      double fitted = 0;
      for (int j = 0; j <= width; j++) {
        fitted += x[i][j] * result.estimate()[j];
      }
      residuals[i] = y[i] - fitted;
    }
    Map<String, Coefficient> coefficients = new LinkedHashMap<>();
    double difference = 0;
    double[] mllib = ols.coefficients().toArray();
    for (int r = 0; r < regressors.size(); r++) {
      int j = 1 + width - regressors.size() + r;
      difference = Math.max(difference, Math.abs(mllib[j - 1] - result.estimate()[j]));
      coefficients.put(
          regressors.get(r),
          new Coefficient(
              regressors.get(r),
              result.estimate()[j],
              result.standardError()[j],
              result.low90()[j],
              result.high90()[j],
              result.low95()[j],
              result.high95()[j],
              result.pValue()[j],
              result.draws()[j]));
    }
    return new Fit(
        coefficients, n, result.clusters(), replications, residuals, townships, years, difference);
  }
}
