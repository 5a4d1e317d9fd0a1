package org.dispersal.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.dispersal.estimate.WildClusterBootstrap.Weights;
import org.junit.jupiter.api.Test;

/**
 * The mechanics of the dose-response fit on a simulated district. (Whether its estimates meet the
 * precision issue #7 asks for, over 20 seeds, is the estimate stage's test; not yet met.)
 */
class DoseResponseTest {

  static List<String> levelsModel() {
    List<String> regressors = new ArrayList<>();
    for (EstimateKind k : EstimateKind.values()) {
      regressors.add(YearlyPanel.dose(k.id()));
      regressors.add(YearlyPanel.cumulative(k.id()));
    }
    return regressors;
  }

  @Test
  void mllibAndTheBootstrapFitTheSameModelOnTheTownshipYearPanel() {
    Dataset<Row> panel = YearlyPanel.build(PanelSimulator.townshipMonths(3, 28)).cache();
    DoseResponse.Fit fit =
        DoseResponse.fit(
            panel,
            YearlyPanel.POPULATION,
            levelsModel(),
            new DoseResponse.Options(true, true, true),
            199,
            Weights.RADEMACHER,
            3);
    // Five whole years (2015–2019) of 28 townships; every township is a cluster.
    assertThat(fit.observations()).isEqualTo(28 * 5);
    assertThat(fit.clusters()).isEqualTo(28);
    assertThat(fit.solverDifference()).as("MLlib and the bootstrap's OLS agree").isLessThan(1e-6);
    for (String r : levelsModel()) {
      DoseResponse.Coefficient c = fit.get(r);
      assertThat(c.low95()).as(r).isLessThanOrEqualTo(c.low90());
      assertThat(c.high90()).as(r).isLessThanOrEqualTo(c.high95());
      assertThat(c.draws()).as(r).hasSize(199);
    }
    panel.unpersist();
  }

  @Test
  void yearlyDosesSumTheMonthsInUnitsOfTenThousandSquareMetres() {
    Dataset<Row> months = PanelSimulator.townshipMonths(5, 3);
    double monthly =
        months
            .filter("township_code = '110111001' and month like '2018-%'")
            .agg(org.apache.spark.sql.functions.sum("vacated_area_residential_m2"))
            .first()
            .getDouble(0);
    Row year =
        YearlyPanel.build(months).filter("township_code = '110111001' and year = 2018").first();
    assertThat(year.<Double>getAs(YearlyPanel.dose("residential")))
        .isCloseTo(monthly / 10_000, org.assertj.core.data.Offset.offset(1e-9));
  }
}
