package org.dispersal.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.dispersal.estimate.WildClusterBootstrap.Weights;
import org.junit.jupiter.api.Test;

/**
 * The panel's lead rows (lag {@code lead_1}, the pre-trend fit's coefficient of next year's dose)
 * on simulated districts: near zero without anticipation, clearly positive when residents leave a
 * year before their space is vacated.
 */
class PanelLeadTest {
  private static final EstimateConfig CONFIG = new EstimateConfig(199, Weights.RADEMACHER, 5);

  private static List<Estimate> estimate(double anticipation, boolean pretrend) {
    Dataset<Row> yearly =
        YearlyPanel.build(PanelSimulator.townshipMonths(5, 28, anticipation)).cache();
    try {
      return PanelEstimator.estimate(yearly, CONFIG, pretrend).estimates();
    } finally {
      yearly.unpersist();
    }
  }

  private static Map<String, Estimate> byKind(List<Estimate> estimates, String lag) {
    return estimates.stream()
        .filter(e -> e.lag().equals(lag))
        .collect(Collectors.toMap(Estimate::kind, Function.identity()));
  }

  @Test
  void withoutAnticipationEveryKindHasALeadRowWhoseIntervalCoversZero() {
    List<Estimate> withLeads = estimate(0, true);
    Map<String, Estimate> leads = byKind(withLeads, EstimateColumns.LEAD_1);
    assertThat(leads.keySet())
        .containsExactlyInAnyOrderElementsOf(byKind(withLeads, EstimateColumns.TOTAL).keySet())
        .hasSize(EstimateKind.values().length);
    assertThat(leads.values())
        .allSatisfy(
            e -> {
              assertThat(e.estimator()).isEqualTo(EstimateColumns.PANEL);
              assertThat(e.covers95(0)).as("%s lead %s", e.kind(), e).isTrue();
              assertThat(e.low95()).isLessThanOrEqualTo(e.low90());
              assertThat(e.high90()).isLessThanOrEqualTo(e.high95());
              assertThat(e.low95()).isLessThan(e.high95());
              // The pre-trend fit loses the last year, which has no next year.
              assertThat(e.observations()).isEqualTo(28 * 4);
              assertThat(e.pretrendP()).isBetween(0.0, 1.0);
            });

    // The lag rows are those of the fit without leads, interval for interval.
    List<Estimate> without = estimate(0, false);
    assertThat(byKind(without, EstimateColumns.LEAD_1)).isEmpty();
    for (String lag : List.of(EstimateColumns.TOTAL, EstimateColumns.SAME_YEAR)) {
      Map<String, Estimate> before = byKind(without, lag);
      Map<String, Estimate> after = byKind(withLeads, lag);
      assertThat(after.keySet()).isEqualTo(before.keySet());
      before.forEach(
          (kind, b) -> {
            Estimate a = after.get(kind);
            // Equal up to rounding: the two fits sum their rows in different orders.
            double[] got = {a.estimate(), a.low90(), a.high90(), a.low95(), a.high95()};
            double[] want = {b.estimate(), b.low90(), b.high90(), b.low95(), b.high95()};
            for (int i = 0; i < want.length; i++) {
              assertThat(got[i])
                  .as("%s %s, figure %d", kind, lag, i)
                  .isCloseTo(want[i], within(1e-9 * Math.max(1, Math.abs(want[i]))));
            }
            assertThat(a.observations()).isEqualTo(b.observations());
          });
    }
  }

  @Test
  void residentsLeavingTheYearBeforeVacatingGiveALeadIntervalAboveZero() {
    Estimate lead =
        byKind(estimate(1.0, true), EstimateColumns.LEAD_1).get(EstimateKind.RESIDENTIAL.id());
    assertThat(lead.covers95(0)).as("residential lead %s", lead).isFalse();
    assertThat(lead.low95()).isGreaterThan(0);
    assertThat(lead.pretrendP()).isLessThan(0.05);
  }
}
