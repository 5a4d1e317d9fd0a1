package org.dispersal.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dispersal.conform.Vintages;
import org.junit.jupiter.api.Test;

/** The series as known at each backtest origin, and the backtest forecasting from it. */
class KnownHistoryTest {
  private static final StructType SCHEMA =
      new StructType()
          .add(Vintages.VINTAGE, DataTypes.IntegerType)
          .add("task", DataTypes.StringType)
          .add("metric", DataTypes.StringType)
          .add(ForecastColumns.TOWNSHIP_CODE, DataTypes.StringType)
          .add(ForecastColumns.MONTH, DataTypes.StringType)
          .add(Vintages.REVISION, DataTypes.DoubleType);

  private static Row revision(int vintage, String township, String month, double value) {
    return new GenericRowWithSchema(
        new Object[] {vintage, "T", "M", township, month, value}, SCHEMA);
  }

  @Test
  void revisesOnlyItsOriginTaskAndTownship() {
    int o1 = Months.index(java.time.YearMonth.of(2018, 3));
    int o2 = Months.index(java.time.YearMonth.of(2018, 6));
    KnownHistory known =
        KnownHistory.of(
            List.of(revision(0, "a", "2018-02", -5), revision(1, "a", "2018-05", 2)),
            List.of(o1, o2));
    TaskSeries today =
        new TaskSeries(
            "T",
            "M",
            "个",
            new java.util.TreeMap<>(Map.of("a", filled(42, 10), "b", filled(42, 10))));
    TaskSeries at1 = known.at(o1, today.upTo(o1));
    assertThat(at1.townships().get("a")[o1 - 1]).isEqualTo(5);
    assertThat(at1.townships().get("a")[o1]).isEqualTo(10);
    assertThat(at1.townships().get("b")[o1 - 1]).isEqualTo(10);
    TaskSeries at2 = known.at(o2, today.upTo(o2));
    assertThat(at2.townships().get("a")[o1 - 1]).as("origin 1's revision").isEqualTo(10);
    assertThat(at2.townships().get("a")[o2 - 1]).isEqualTo(12);
    TaskSeries other = new TaskSeries("T", "other", "个", today.townships());
    assertThat(known.at(o1, other.upTo(o1)).townships().get("a")[o1 - 1]).isEqualTo(10);
    assertThat(known.revised()).isEqualTo(2);
  }

  @Test
  void theBacktestForecastsFromWhatWasKnownThenAndScoresAgainstToday() {
    List<Row> rows = ForecastFixtures.progressRows(3, 6);
    List<Target> targets = ForecastFixtures.targets(rows);
    List<TaskSeries> series =
        TaskSeries.of(rows.stream().filter(r -> !r.<Boolean>getAs("is_district")).toList(), 42);
    List<Integer> origins = Backtest.origins(BacktestTest.CONFIG, 41);
    // Every month up to every origin arrived only after it: nothing was known then.
    List<Row> unknown = new ArrayList<>();
    for (int v = 0; v < origins.size(); v++) {
      for (TaskSeries s : series) {
        for (Map.Entry<String, double[]> e : s.townships().entrySet()) {
          for (int t = 0; t <= origins.get(v); t++) {
            unknown.add(
                new GenericRowWithSchema(
                    new Object[] {
                      v, s.task(), s.metric(), e.getKey(), Months.of(t).toString(), -e.getValue()[t]
                    },
                    SCHEMA));
          }
        }
      }
    }
    List<Backtest.Measure> asToday =
        Backtest.run(
            series,
            o -> targets,
            KnownHistory.none(),
            ForecastFixtures.DISTRICT,
            BacktestTest.CONFIG);
    List<Backtest.Measure> asKnown =
        Backtest.run(
            series,
            o -> targets,
            KnownHistory.of(unknown, origins),
            ForecastFixtures.DISTRICT,
            BacktestTest.CONFIG);
    assertThat(asToday).extracting(Backtest.Measure::measure).contains("mase_model", "brier_model");
    // Without any known month there is no seasonal scale: no series can be scored.
    assertThat(asKnown).isEmpty();
  }

  private static double[] filled(int n, double v) {
    double[] y = new double[n];
    java.util.Arrays.fill(y, v);
    return y;
  }
}
