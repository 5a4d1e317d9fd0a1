package org.dispersal.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.dispersal.estimate.WildClusterBootstrap.Weights;
import org.junit.jupiter.api.Test;

/** Linked registered tenants scaled up by coverage recover the occupants per 10,000 m². */
class LinkageEstimatorTest {

  @Test
  void theLinkageEstimateIsWithinTwentyPercentOfTheTruth() {
    LinkageSimulator.Simulated sim = LinkageSimulator.events(11, 28);
    Dataset<Row> months = PanelSimulator.townshipMonths(11, 28);
    Estimate e =
        LinkageEstimator.estimate(
            LinkageEstimator.byTownship(sim.events(), months),
            new EstimateConfig(999, Weights.RADEMACHER, 11));
    assertThat(Math.abs(e.estimate() - sim.truth()) / sim.truth()).isLessThanOrEqualTo(0.20);
    assertThat(e.covers95(sim.truth())).isTrue();
    assertThat(e.clusters()).isEqualTo(28);
  }

  @Test
  void linkedTenantsWithoutScalingUnderstateTheEffectByTheCoverage() {
    LinkageSimulator.Simulated sim = LinkageSimulator.events(12, 28);
    Row totals =
        LinkageEstimator.byTownship(sim.events(), PanelSimulator.townshipMonths(12, 28))
            .agg(
                org.apache.spark.sql.functions.sum(LinkageEstimator.LINKED),
                org.apache.spark.sql.functions.sum(LinkageEstimator.UNITS))
            .first();
    double unscaled = totals.getDouble(0) / totals.getDouble(1);
    // Coverage stays below 57%, so the raw count is at most about half the truth.
    assertThat(unscaled).isLessThan(0.6 * sim.truth());
  }
}
