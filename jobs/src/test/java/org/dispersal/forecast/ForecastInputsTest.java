package org.dispersal.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.dispersal.TestSpark;
import org.junit.jupiter.api.Test;

/** Which effect estimate the forecast takes per kind: never the panel's pre-trend lead. */
class ForecastInputsTest {

  @Test
  void theCumulativeEffectIsUsedAndTheLeadsOfThePreTrendFitNever() {
    List<Row> chosen =
        ForecastInputs.latestEffects(
                TestSpark.session()
                    .sql(
                        "SELECT * FROM VALUES"
                            + " ('r1', 'residential', 'panel', 'total', 900.0),"
                            + " ('r2', 'residential', 'panel', 'lead_1', 500.0),"
                            + " ('r2', 'residential', 'panel', 'same_year', 60.0),"
                            + " ('r2', 'residential', 'panel', 'total', 150.0),"
                            + " ('r2', 'basement', 'panel', 'lag_1', 700.0),"
                            + " ('r2', 'basement', 'panel', 'lead_1', 9000.0),"
                            + " ('r2', 'group_rental', 'panel', 'lead_1', 30.0)"
                            + " AS t(run_id, kind, estimator, lag, estimate)")
                    .selectExpr(
                        "*",
                        "estimate - 10 AS ci95_low",
                        "estimate + 10 AS ci95_high",
                        "estimate - 8 AS ci90_low",
                        "estimate + 8 AS ci90_high"))
            .collectAsList();
    Map<String, PopulationForecast.Effect> effects = ForecastInputs.effectMap(chosen);
    assertThat(effects).containsOnlyKeys("residential", "basement");
    assertThat(effects.get("residential").estimate()).isEqualTo(150.0);
    // "lead_1" sorts after "lag_1": only the filter keeps the lead out.
    assertThat(effects.get("basement").estimate()).isEqualTo(700.0);
  }
}
