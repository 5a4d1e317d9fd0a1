package org.dispersal.estimate;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The naive estimate, kept to show why it is not used: registered tenants at each year-end divided
 * by the township's first coverage estimate (so ignoring that coverage rises), regressed on the
 * residential space vacated with township effects only.
 */
final class NaiveEstimator {
  static final String NAIVE_INDEX = "registered_index";
  static final String BASE_COVERAGE = "base_coverage";

  private NaiveEstimator() {}

  /**
   * Adds registered tenants ÷ the township's first coverage estimate, per 10,000 mean residents,
   * and the residential exposures of {@link PanelEstimator#perCapita}.
   *
   * @param townshipMonth gold township_month rows of the townships
   */
  static Dataset<Row> index(Dataset<Row> yearly, Dataset<Row> townshipMonth) {
    Dataset<Row> base =
        townshipMonth
            .filter(col(LinkageEstimator.COVERAGE).isNotNull())
            .withColumn(
                BASE_COVERAGE,
                first(col(LinkageEstimator.COVERAGE))
                    .over(Window.partitionBy(YearlyPanel.TOWNSHIP).orderBy("month")))
            .select(col(YearlyPanel.TOWNSHIP).as("_t"), col(BASE_COVERAGE))
            .dropDuplicates("_t");
    Column scale =
        lit(10_000.0)
            .divide(
                avg(col(YearlyPanel.POPULATION)).over(Window.partitionBy(YearlyPanel.TOWNSHIP)));
    return PanelEstimator.perCapita(yearly)
        .join(base, col(YearlyPanel.TOWNSHIP).equalTo(col("_t")))
        .drop("_t")
        .withColumn(
            NAIVE_INDEX, col(YearlyPanel.REGISTERED).divide(col(BASE_COVERAGE)).multiply(scale))
        .filter(col(NAIVE_INDEX).isNotNull().and(col(PanelEstimator.INDEX).isNotNull()));
  }

  static Estimate estimate(Dataset<Row> index, EstimateConfig config) {
    String residential = EstimateKind.RESIDENTIAL.id();
    List<String> regressors =
        List.of(
            PanelEstimator.exposure(YearlyPanel.dose(residential)),
            PanelEstimator.exposure(YearlyPanel.cumulative(residential)));
    DoseResponse.Fit fit =
        DoseResponse.fit(
            index,
            NAIVE_INDEX,
            regressors,
            new DoseResponse.Options(false, false, false),
            config.replications(),
            config.weights(),
            config.seed() + 3);
    DoseResponse.Coefficient c = fit.get(regressors.get(1));
    return new Estimate(
        EstimateColumns.NAIVE,
        residential,
        EstimateColumns.TOTAL,
        c.estimate(),
        EstimateColumns.PERSONS_PER_10K_M2,
        c.low90(),
        c.high90(),
        c.low95(),
        c.high95(),
        fit.observations(),
        fit.clusters(),
        null,
        "not used: registered tenants / first coverage estimate, township effects only; rising"
            + " coverage adds registrations while space is vacated, so it understates departures. "
            + PanelEstimator.diagnostics(fit));
  }
}
