package org.dispersal.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rolling-origin backtest on a generated 28-township district, without Spark. */
class BacktestTest {
  static final ForecastConfig CONFIG =
      new ForecastConfig(
          0.8, 0.5, 1000, 7, YearMonth.of(2018, 3), YearMonth.of(2020, 3), 12, 10, "");
  private static List<Backtest.Measure> measures;
  private static List<TaskSeries> series;
  private static List<Target> targets;

  @BeforeAll
  static void run() {
    List<Row> rows = ForecastFixtures.progressRows(3, 28);
    targets = ForecastFixtures.targets(rows);
    series =
        TaskSeries.of(rows.stream().filter(r -> !r.<Boolean>getAs("is_district")).toList(), 42);
    measures = Backtest.run(series, targets, ForecastFixtures.DISTRICT, CONFIG);
  }

  @Test
  void theFiguresDoNotDependOnHowManyThreadsScoreThem() throws Exception {
    // A parallel stream runs in the pool it is started from: one thread, then four.
    List<List<Backtest.Measure>> runs = new java.util.ArrayList<>();
    for (int threads : new int[] {1, 4}) {
      java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
      try {
        runs.add(
            pool.submit(() -> Backtest.run(series, targets, ForecastFixtures.DISTRICT, CONFIG))
                .get());
      } finally {
        pool.shutdown();
      }
    }
    assertThat(runs.get(0)).isNotEmpty().isEqualTo(runs.get(1)).isEqualTo(measures);
  }

  private static Map<Integer, Backtest.Measure> byHorizon(String measure) {
    return measures.stream()
        .filter(m -> m.measure().equals(measure))
        .collect(Collectors.toMap(Backtest.Measure::horizon, m -> m));
  }

  private static Backtest.Measure single(String measure) {
    return measures.stream().filter(m -> m.measure().equals(measure)).findFirst().orElseThrow();
  }

  @Test
  void originsAreTheQuarterEndsBeforeTheAsOfMonth() {
    assertThat(Backtest.origins(CONFIG, Months.index(YearMonth.of(2020, 6))))
        .extracting(Months::of)
        .extracting(YearMonth::toString)
        .containsExactly(
            "2018-03", "2018-06", "2018-09", "2018-12", "2019-03", "2019-06", "2019-09", "2019-12",
            "2020-03");
    assertThat(Backtest.origins(CONFIG, Months.index(YearMonth.of(2019, 1)))).hasSize(4);
  }

  @Test
  void beatsSeasonalNaiveAndPaceExtrapolationFromThreeMonthsOn() {
    Map<Integer, Backtest.Measure> naive = byHorizon("relative_mase_vs_seasonal_naive");
    Map<Integer, Backtest.Measure> pace = byHorizon("relative_mase_vs_pace");
    assertThat(naive.keySet()).contains(3, 6, 9, 12);
    for (int h = 3; h <= 12; h++) {
      assertThat(naive.get(h).value()).as("vs seasonal naive, h=%d", h).isLessThan(1);
      assertThat(pace.get(h).value()).as("vs pace, h=%d", h).isLessThan(1);
    }
  }

  @Test
  void eightyPercentIntervalsCoverBetween72And88Percent() {
    double inside = 0;
    long n = 0;
    for (Backtest.Measure m : byHorizon("coverage_80").values()) {
      inside += m.value() * m.n();
      n += m.n();
    }
    assertThat(inside / n).isBetween(0.72, 0.88);
    double inside95 = 0;
    for (Backtest.Measure m : byHorizon("coverage_95").values()) {
      inside95 += m.value() * m.n();
    }
    assertThat(inside95 / n).isGreaterThan(inside / n);
  }

  @Test
  void attainmentProbabilitiesScoreBetterThanPaceExtrapolation() {
    Backtest.Measure model = single("brier_model");
    Backtest.Measure pace = single("brier_pace");
    assertThat(model.n()).isGreaterThan(100);
    assertThat(model.value()).isLessThan(pace.value());
  }
}
