package org.dispersal.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The population forecast: trend without the action, minus the effect of vacating still to come.
 */
class PopulationForecastTest {
  static final ForecastConfig CONFIG =
      new ForecastConfig(
          0.8, 0.5, 4000, 7, YearMonth.of(2018, 3), YearMonth.of(2020, 3), 12, 10, "");
  static final String DISTRICT = "110111";
  static final List<String> TOWNS = List.of("110111001", "110111002");

  /** Two townships growing 1,000 a year without the action, each vacating 20,000 m² a year. */
  static PopulationForecast.Inputs inputs(
      Map<String, PopulationForecast.Effect> effects, double planned) {
    Map<String, TreeMap<Integer, Double>> official = new TreeMap<>();
    Map<String, TreeMap<Integer, Map<String, Double>>> vacated = new TreeMap<>();
    Map<String, Map<String, Double>> plan = new TreeMap<>();
    for (String t : TOWNS) {
      TreeMap<Integer, Double> pop = new TreeMap<>();
      TreeMap<Integer, Map<String, Double>> area = new TreeMap<>();
      for (int year = 2015; year <= 2019; year++) {
        double done = year >= 2017 ? 20_000 * (year - 2016) : 0;
        pop.put(year, 50_000 + 1_000 * (year - 2015) - 200 * done / 10_000);
        area.put(year, Map.of("residential", year >= 2017 ? 20_000.0 : 0.0));
      }
      area.put(2020, Map.of("residential", 5_000.0));
      official.put(t, pop);
      vacated.put(t, area);
      plan.put(t, Map.of("residential", planned));
    }
    return new PopulationForecast.Inputs(
        official, vacated, plan, effects, effects.isEmpty() ? "trend_only" : "test", 41);
  }

  static Target cap(String township, double value) {
    return new Target(
        "P",
        "常住人口",
        "人",
        township,
        township.equals(DISTRICT),
        Target.POPULATION_CAP,
        2020,
        value,
        false);
  }

  @Test
  void theTrendWithoutTheActionLessPlannedVacatingTimesTheEffect() {
    Map<String, PopulationForecast.Effect> effect =
        Map.of("residential", new PopulationForecast.Effect(200, 10));
    List<ForecastRow> rows =
        PopulationForecast.forecast(
            inputs(effect, 15_000),
            List.of(cap(TOWNS.get(0), 53_410), cap(DISTRICT, 107_000)),
            DISTRICT,
            TOWNS,
            CONFIG);
    // 2019: 50,000 + 4,000 − 200 × 60,000 / 10,000 = 52,800; 2020: + 1,000 − 200 × 2 = 53,400.
    ForecastRow township = rows.get(0);
    assertThat(township.mean()).isCloseTo(53_400, within(40.0));
    assertThat(township.p10()).isLessThan(township.p50());
    assertThat(township.p50()).isLessThan(township.p90());
    // The year-ends lie on a line, so the spread is the effect's: 10 × 2 (20,000 m² to come).
    assertThat(township.p90() - township.p10()).isCloseTo(2 * 1.2816 * 20, within(5.0));
    assertThat(township.probability()).isBetween(0.64, 0.74);
    assertThat(township.effectSource()).isEqualTo("test");
    assertThat(rows.get(1).mean()).isCloseTo(2 * township.mean(), within(1e-6 * township.mean()));
  }

  @Test
  void moreVacatingLowersTheForecastByItsEffect() {
    Map<String, PopulationForecast.Effect> effect =
        Map.of("residential", new PopulationForecast.Effect(200, 10));
    double less = mean(PopulationForecast.township(inputs(effect, 0), TOWNS.get(0), 2020, CONFIG));
    double more =
        mean(PopulationForecast.township(inputs(effect, 100_000), TOWNS.get(0), 2020, CONFIG));
    // Each path draws its effect; the mean effect is 200 ± 10 / √4000.
    assertThat(less - more).isCloseTo(200 * 100_000 / 10_000.0, within(5.0));
  }

  private static double mean(double[] v) {
    return java.util.Arrays.stream(v).average().orElseThrow();
  }

  @Test
  void withoutEstimatesPlannedVacatingHasNoEffect() {
    List<ForecastRow> rows =
        PopulationForecast.forecast(
            inputs(Map.of(), 100_000), List.of(cap(TOWNS.get(0), 53_500)), DISTRICT, TOWNS, CONFIG);
    assertThat(rows.get(0).model()).isEqualTo(PopulationForecast.TREND_ONLY);
    // The observed year-ends' own slope (680 a year), the action's past effect included.
    assertThat(rows.get(0).mean()).isCloseTo(52_800 + 680, within(60.0));
  }
}
