package org.dispersal.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.Row;
import org.dispersal.estimate.WildClusterBootstrap.Weights;
import org.junit.jupiter.api.Test;

/** Linked registered tenants scaled up by coverage recover the occupants per 10,000 m². */
class LinkageEstimatorTest {

  @Test
  void theLinkageEstimateIsWithinTwentyPercentOfTheTruth() {
    LinkageSimulator.Simulated sim = LinkageSimulator.events(11, 28);
    Estimate e =
        LinkageEstimator.estimate(
            LinkageEstimator.byTownship(sim.events(), sim.demolitions(), sim.tenants()),
            new EstimateConfig(999, Weights.RADEMACHER, 11));
    assertThat(Math.abs(e.estimate() - sim.truth()) / sim.truth()).isLessThanOrEqualTo(0.20);
    assertThat(e.covers95(sim.truth())).isTrue();
    assertThat(e.clusters()).isEqualTo(28);
  }

  @Test
  void linkedTenantsWithoutScalingUnderstateTheEffectByTheCoverage() {
    LinkageSimulator.Simulated sim = LinkageSimulator.events(12, 28);
    Row totals =
        LinkageEstimator.byTownship(sim.events(), sim.demolitions(), sim.tenants())
            .agg(
                org.apache.spark.sql.functions.sum(LinkageEstimator.LINKED),
                org.apache.spark.sql.functions.sum(LinkageEstimator.UNITS))
            .first();
    double unscaled = totals.getDouble(0) / totals.getDouble(1);
    // Coverage stays below 57%, so the raw count is at most about half the truth.
    assertThat(unscaled).isLessThan(0.6 * sim.truth());
  }

  @Test
  void treatingEmptyStructuresAsUncoveredWouldOverstateTheEffect() {
    LinkageSimulator.Simulated sim = LinkageSimulator.events(13, 28);
    Row t =
        LinkageEstimator.byTownship(sim.events(), sim.demolitions(), sim.tenants())
            .agg(
                org.apache.spark.sql.functions.sum(LinkageEstimator.LINKED),
                org.apache.spark.sql.functions.sum(LinkageEstimator.LINKED_UNITS))
            .first();
    // Linked tenants per m² of linked space: the density of occupied structures only.
    double occupiedDensity = t.getDouble(0) / t.getDouble(1);
    assertThat(occupiedDensity).isGreaterThan(1.05 * sim.truth());
  }

  @Test
  void aDwellingReRegisteredBeforeItsDemolitionCountsItsTenantsOnce() {
    LinkageSimulator.Simulated sim = LinkageSimulator.events(14, 28);
    double allLinks =
        sim.links().agg(org.apache.spark.sql.functions.sum("persons")).first().getLong(0);
    double once =
        sim.tenants()
            .agg(org.apache.spark.sql.functions.sum(LinkageEstimator.TENANTS))
            .first()
            .getDouble(0);
    double registered =
        sim.links()
            .filter(org.apache.spark.sql.functions.col("link_method").equalTo("address+reason"))
            .agg(org.apache.spark.sql.functions.sum("persons"))
            .first()
            .getLong(0);
    assertThat(once).isEqualTo(registered);
    assertThat(allLinks).isGreaterThan(1.2 * once);
  }
}
