package org.dispersal.forecast;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * The monthly completions of one task and metric in every township, from 2017-01 to the as-of
 * month: the small per township × task series the forecast works on in the driver.
 */
record TaskSeries(String task, String metric, String unit, Map<String, double[]> townships) {

  /** The district's history: the townships' sum. */
  double[] district() {
    return JointSimulation.sum(townships.values(), length());
  }

  int length() {
    return townships.values().stream().mapToInt(h -> h.length).findFirst().orElse(0);
  }

  /** The same series cut after month index {@code last} (what was known then). */
  TaskSeries upTo(int last) {
    Map<String, double[]> cut = new LinkedHashMap<>();
    townships.forEach((t, h) -> cut.put(t, java.util.Arrays.copyOf(h, last + 1)));
    return new TaskSeries(task, metric, unit, cut);
  }

  /**
   * Groups collected rows of (task, metric, unit, township_code, month, completed) into series of
   * {@code months} months; months without a row count as zero.
   */
  static List<TaskSeries> of(List<Row> rows, int months) {
    Map<String, TaskSeries> out = new TreeMap<>();
    for (Row r : rows) {
      String task = r.getAs(ForecastColumns.TASK);
      String metric = r.getAs(ForecastColumns.METRIC);
      TaskSeries s =
          out.computeIfAbsent(
              task + "|" + metric,
              k -> new TaskSeries(task, metric, r.getAs(ForecastColumns.UNIT), new TreeMap<>()));
      int t = Months.index((String) r.getAs(ForecastColumns.MONTH));
      if (t < 0 || t >= months) {
        continue;
      }
      Object v = r.getAs(ForecastColumns.COMPLETED);
      s.townships()
              .computeIfAbsent(r.getAs(ForecastColumns.TOWNSHIP_CODE), k -> new double[months])[
              t] +=
          v == null ? 0 : ((Number) v).doubleValue();
    }
    return List.copyOf(out.values());
  }
}
