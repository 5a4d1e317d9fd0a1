package org.dispersal.forecast;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each month's yearly target, the scale the pace model works in: a township's increments are
 * divided by its year's target (its own, else the district's) before smoothing and multiplied back
 * after, so the pace carries over a new year as a share of the new target — the year plan steps up
 * or down when the target does, and a revised target moves the pace with it.
 */
final class TargetScale {
  private TargetScale() {}

  /** Monthly scale from 2017-01 for {@code months} months; 1 when no year has a target. */
  static double[] of(
      List<Target> targets,
      String task,
      String metric,
      String township,
      String district,
      int months) {
    TreeMap<Integer, Double> own = yearly(targets, task, metric, township);
    TreeMap<Integer, Double> byYear = own.isEmpty() ? yearly(targets, task, metric, district) : own;
    double[] scale = new double[months];
    for (int t = 0; t < months; t++) {
      int year = Months.of(t).getYear();
      Map.Entry<Integer, Double> e = byYear.floorEntry(year);
      if (e == null) {
        e = byYear.ceilingEntry(year);
      }
      scale[t] = e == null ? 1 : e.getValue() / 12;
    }
    return scale;
  }

  private static TreeMap<Integer, Double> yearly(
      List<Target> targets, String task, String metric, String township) {
    TreeMap<Integer, Double> out = new TreeMap<>();
    for (Target t : targets) {
      if (t.township().equals(township)
          && t.task().equals(task)
          && t.metric().equals(metric)
          && Target.YEAR.equals(t.scope())
          && t.atLeast()
          && t.value() > 0) {
        out.put(t.year(), t.value());
      }
    }
    return out;
  }
}
