package org.dispersal.forecast;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Forecasts every task target: townships simulated jointly, the district as their sum. */
final class TaskForecasts {
  /** Months simulated past the last deadline, for completion dates of late targets. */
  static final int BEYOND = 12;

  private TaskForecasts() {}

  static List<ForecastRow> forecast(
      List<TaskSeries> series, List<Target> targets, String district, ForecastConfig config) {
    List<ForecastRow> out = new ArrayList<>();
    for (TaskSeries s : series) {
      List<Target> mine =
          targets.stream()
              .filter(t -> t.task().equals(s.task()) && t.metric().equals(s.metric()))
              .toList();
      if (mine.isEmpty() || s.townships().isEmpty()) {
        continue;
      }
      int n = s.length();
      int lastDeadline = mine.stream().mapToInt(Target::deadline).max().orElse(n);
      int horizon = Math.max(1, lastDeadline + BEYOND - n + 1);
      Map<String, double[][]> paths =
          JointSimulation.townships(
              s.townships(),
              JointSimulation.scales(s, targets, district, n + horizon),
              horizon,
              config.paths(),
              JointSimulation.seed(config.seed(), s.task(), s.metric()));
      double[][] districtPaths = JointSimulation.sum(paths.values(), config.paths(), horizon);
      double[] districtHistory = s.district();
      for (Target t : mine) {
        boolean isDistrict = t.township().equals(district);
        double[] history = isDistrict ? districtHistory : s.townships().get(t.township());
        if (history == null) {
          continue;
        }
        double[][] p = isDistrict ? districtPaths : paths.get(t.township());
        out.add(Attainment.evaluate(t, history, p, config));
      }
    }
    return out;
  }
}
