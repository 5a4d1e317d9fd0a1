package org.dispersal.export;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.dispersal.export.ExportColumns.*;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The charts' series: per district task its cumulative progress by month with target and forecast
 * fan, and the district's year-end population against the cap.
 */
final class ChartData {
  private ChartData() {}

  /** District progress up to the as-of month: task, metric, month and both cumulative columns. */
  static Dataset<Row> districtProgress(Dataset<Row> progress, String asOfMonth) {
    return progress
        .filter(col(IS_DISTRICT))
        .filter(col(MONTH).leq(lit(asOfMonth)))
        .select(TASK, METRIC, MONTH, CUMULATIVE_SINCE_2017, CUMULATIVE_IN_YEAR);
  }

  /** The district's official year-end populations up to the as-of month. */
  static Dataset<Row> districtPopulation(Dataset<Row> townshipMonth, String asOfMonth) {
    return townshipMonth
        .filter(col(IS_DISTRICT))
        .filter(col(MONTH).leq(lit(asOfMonth)))
        .filter(col(POPULATION_OFFICIAL).isNotNull())
        .select(MONTH, POPULATION_OFFICIAL)
        .orderBy(MONTH);
  }

  /**
   * The file-name prefixes of the charts (after the as-of date): progress of a task, population.
   */
  static final String PROGRESS = "进展_";

  static final String POPULATION = "常住人口_";

  static Map<String, Charts.Chart> charts(
      List<Row> overview,
      List<Row> caps,
      Map<String, Dataset<Row>> panel,
      String asOfMonth,
      String district) {
    Map<String, Map<String, Row>> byTask = new HashMap<>();
    for (Row r : districtProgress(panel.get("task_progress"), asOfMonth).collectAsList()) {
      byTask
          .computeIfAbsent(r.getAs(TASK) + "|" + r.getAs(METRIC), k -> new HashMap<>())
          .put(r.getAs(MONTH), r);
    }
    // one chart per task and metric: the period target when there is one, else the 2020 year
    Map<String, Row> chosen = new LinkedHashMap<>();
    for (Row r : overview) {
      String key = r.getAs(TASK) + "|" + r.getAs(METRIC);
      boolean period = SCOPE_PERIOD.equals(r.getAs(SCOPE));
      if (period || (!chosen.containsKey(key) && r.<Integer>getAs(TARGET_YEAR) == 2020)) {
        if (period || !chosen.containsKey(key)) {
          chosen.put(key, r);
        }
      }
    }
    Map<String, Charts.Chart> charts = new LinkedHashMap<>();
    for (Map.Entry<String, Row> e : chosen.entrySet()) {
      Row f = e.getValue();
      boolean period = SCOPE_PERIOD.equals(f.getAs(SCOPE));
      boolean area = "平方米".equals(f.getAs(UNIT));
      double k = area ? 1e-4 : 1;
      YearMonth from = period ? YearMonth.of(2017, 1) : YearMonth.of(2020, 1);
      List<String> x = new ArrayList<>();
      List<Double> actual = new ArrayList<>();
      Map<String, Row> months = byTask.getOrDefault(e.getKey(), Map.of());
      for (YearMonth m = from; !m.isAfter(YearMonth.of(2020, 12)); m = m.plusMonths(1)) {
        x.add(m.toString());
        Row r = months.get(m.toString());
        Object v = r == null ? null : r.getAs(period ? CUMULATIVE_SINCE_2017 : CUMULATIVE_IN_YEAR);
        actual.add(v == null ? null : ((Number) v).doubleValue() * k);
      }
      String unit = area ? "万平方米" : Sheets.unit(f.getAs(UNIT));
      charts.put(
          PROGRESS + f.getAs(TASK) + "_" + f.getAs(METRIC),
          new Charts.Chart(
              f.getAs(TASK) + " " + f.getAs(METRIC) + "：累计完成与目标",
              unit,
              x,
              actual,
              Sheets.scale(f.getAs(TARGET_VALUE), k),
              fan(f, k)));
    }
    Row cap = null;
    for (Row r : caps) {
      if (r.<Boolean>getAs(IS_DISTRICT) && r.<Integer>getAs(TARGET_YEAR) == 2020) {
        cap = r;
      }
    }
    List<String> x = new ArrayList<>();
    List<Double> actual = new ArrayList<>();
    for (Row r : districtPopulation(panel.get("township_month"), asOfMonth).collectAsList()) {
      String m = r.getAs(MONTH);
      if (m.endsWith("-12") && m.compareTo("2015") >= 0 && m.compareTo("2020") < 0) {
        x.add(m.substring(0, 4));
        actual.add(((Number) r.getAs(POPULATION_OFFICIAL)).doubleValue());
      }
    }
    if (!x.contains("2020")) {
      x.add("2020");
      actual.add(null);
    }
    charts.put(
        POPULATION + district,
        new Charts.Chart(
            "全区常住人口与2020年调控目标",
            "人",
            x,
            actual,
            cap == null ? null : cap.getAs(TARGET_VALUE),
            cap == null ? null : fan(cap, 1)));
    return charts;
  }

  /**
   * The charts in the briefing's order: the population first, then the tasks from the lowest
   * probability of meeting a 2020 target (ties and tasks without one keep their order, last).
   */
  static <V> Map<String, V> byUrgency(Map<String, V> charts, List<Row> overview) {
    Map<String, Double> lowest = new HashMap<>();
    for (Row r : overview) {
      Double p = r.getAs(PROBABILITY);
      if (p != null && r.<Integer>getAs(TARGET_YEAR) == 2020) {
        lowest.merge(PROGRESS + r.getAs(TASK) + "_" + r.getAs(METRIC), p, Math::min);
      }
    }
    List<String> keys = new ArrayList<>(charts.keySet());
    keys.sort(
        java.util.Comparator.comparing((String k) -> !k.startsWith(POPULATION))
            .thenComparing(k -> lowest.getOrDefault(k, 2.0)));
    Map<String, V> ordered = new LinkedHashMap<>();
    keys.forEach(k -> ordered.put(k, charts.get(k)));
    return ordered;
  }

  private static double[] fan(Row f, double k) {
    Double p10 = f.getAs(P10);
    Double p50 = f.getAs(P50);
    Double p90 = f.getAs(P90);
    if (p10 == null || p50 == null || p90 == null) {
      return null;
    }
    return new double[] {p10 * k, p50 * k, p90 * k};
  }
}
