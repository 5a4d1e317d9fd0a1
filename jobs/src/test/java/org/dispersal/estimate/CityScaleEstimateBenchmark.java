package org.dispersal.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.dispersal.estimate.WildClusterBootstrap.Weights;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The panel estimator's cost at district and city scale (28 and 349 simulated townships, 999
 * replications, with the pre-trend fit): not part of `mvn verify`; run with {@code cd jobs && mvn
 * -B test -Dbenchmarks.skip=none -Dtest=CityScaleEstimateBenchmark} and copy its lines into
 * docs/benchmarks.md.
 */
@Tag("benchmark")
class CityScaleEstimateBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(CityScaleEstimateBenchmark.class);

  @Test
  void panelFitAtDistrictAndCityScale() {
    for (int townships : new int[] {28, 349}) {
      Dataset<Row> months = PanelSimulator.townshipMonths(7, townships).cache();
      Dataset<Row> yearly = YearlyPanel.build(months).cache();
      long rows = yearly.count();
      long start = System.nanoTime();
      PanelEstimator.Result result =
          PanelEstimator.estimate(yearly, new EstimateConfig(999, Weights.RADEMACHER, 7), true);
      double seconds = (System.nanoTime() - start) / 1e9;
      Estimate residential =
          result.estimates().stream()
              .filter(e -> e.kind().equals("residential") && e.lag().equals("total"))
              .findFirst()
              .orElseThrow();
      LOG.info(
          String.format(
              Locale.ROOT,
              "BENCHMARK estimate: %d townships, %d township-years, panel + pre-trend fits with 999"
                  + " replications in %.1f s; residential %.1f, 95%% [%.1f, %.1f] (truth %.0f)",
              townships,
              rows,
              seconds,
              residential.estimate(),
              residential.low95(),
              residential.high95(),
              PanelSimulator.DENSITY[0]));
      assertThat(residential.high95()).isGreaterThan(residential.low95());
      yearly.unpersist();
      months.unpersist();
    }
  }
}
