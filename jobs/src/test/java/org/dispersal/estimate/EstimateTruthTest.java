package org.dispersal.estimate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.dispersal.GeneratedLake;
import org.junit.jupiter.api.Test;

/** The estimate stage's figures on the generated district against the generator's truth. */
class EstimateTruthTest {
  private static final String TRUE_RESIDENTIAL = "effect.residential_demolition";

  @Test
  void theLinkageEstimateIsWithinTwentyPercentOfTheTrueResidentialEffect() {
    GeneratedLake lake = GeneratedLake.get();
    double truth =
        Double.parseDouble(
            lake.truth("parameters.csv")
                .filter(col("name").equalTo(TRUE_RESIDENTIAL))
                .first()
                .<String>getAs("value"));
    Dataset<Row> effects = lake.table("gold/effect_estimates");
    String latest = effects.agg(max("run_id")).first().getString(0);
    Row linkage =
        effects
            .filter(
                col("run_id")
                    .equalTo(latest)
                    .and(col("estimator").equalTo(EstimateColumns.LINKAGE))
                    .and(col("kind").equalTo(EstimateKind.RESIDENTIAL.id())))
            .first();
    double estimate = linkage.<Double>getAs("estimate");
    assertThat(truth).isGreaterThan(0);
    assertThat(Math.abs(estimate - truth) / truth)
        .as("linkage %.1f against the true %.1f per 10,000 m2", estimate, truth)
        .isLessThanOrEqualTo(0.20);
  }
}
