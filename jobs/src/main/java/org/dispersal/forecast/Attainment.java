package org.dispersal.forecast;

import java.time.LocalDate;
import java.util.Arrays;

/**
 * Where a target lands from a series' history and its simulated future increments: quantiles,
 * probability of meeting it, the expected completion month, the pace still needed and the status.
 */
final class Attainment {
  static final String MODEL = "pace_model";

  private Attainment() {}

  /**
   * @param history monthly increments from 2017-01 to the as-of month (index {@code n − 1})
   * @param paths simulated increments from month {@code n} on, {@code paths × horizon}
   */
  static ForecastRow evaluate(
      Target target, double[] history, double[][] paths, ForecastConfig config) {
    int n = history.length;
    int deadline = target.deadline();
    double base = sum(history, target.firstMonth(), Math.min(n - 1, deadline));
    Double current = currentPace(history);
    if (deadline < n) {
      boolean met = target.met(base);
      return new ForecastRow(
          target,
          base,
          base,
          base,
          base,
          base,
          met ? 1 : 0,
          target.atLeast() ? reachedOn(history, target) : null,
          0,
          null,
          current,
          met ? "met" : "missed",
          "actual",
          "deadline passed: the figure is the ledger's");
    }
    int from = Math.max(n, target.firstMonth()) - n;
    int to = deadline - n;
    double[] values = new double[paths.length];
    double[] completion = new double[paths.length];
    int met = 0;
    for (int p = 0; p < paths.length; p++) {
      double v = base + sum(paths[p], from, to);
      v = discrete(target.unit()) ? Math.rint(v) : v;
      values[p] = v;
      met += target.met(v) ? 1 : 0;
      completion[p] = completionIndex(target, base, paths[p], from, n);
    }
    double probability = met / (double) paths.length;
    int monthsLeft = deadline - n + 1;
    double remaining = target.value() - base;
    double needed = target.atLeast() ? Math.max(0, remaining) / monthsLeft : remaining / monthsLeft;
    LocalDate completes = null;
    if (target.atLeast()) {
      double median = quantile(completion, 0.5);
      completes =
          base >= target.value()
              ? reachedOn(history, target)
              : Double.isInfinite(median) ? null : Months.end((int) median);
    }
    Arrays.sort(values);
    return new ForecastRow(
        target,
        base,
        quantileSorted(values, 0.1),
        quantileSorted(values, 0.5),
        quantileSorted(values, 0.9),
        Arrays.stream(values).average().orElse(base),
        probability,
        completes,
        monthsLeft,
        needed,
        current,
        config.status(probability),
        MODEL,
        null);
  }

  /**
   * Whether a metric counts whole things (households, sites, businesses): everything but areas. Its
   * simulated totals are rounded to whole units, since what will be reported is a whole number and
   * an interval must be able to contain it.
   */
  static boolean discrete(String unit) {
    return unit != null && !unit.contains("米") && !unit.contains("m2") && !unit.contains("m²");
  }

  /** The values, rounded to whole units for a count metric (a copy). */
  static double[] whole(double[] values, String unit) {
    double[] out = values.clone();
    if (discrete(unit)) {
      for (int i = 0; i < out.length; i++) {
        out[i] = Math.rint(out[i]);
      }
    }
    return out;
  }

  /** Mean monthly increment over the last twelve months (fewer at the start). */
  static Double currentPace(double[] history) {
    int k = Math.min(12, history.length);
    return k == 0 ? null : sum(history, history.length - k, history.length - 1) / k;
  }

  private static double completionIndex(
      Target target, double base, double[] path, int from, int n) {
    if (!target.atLeast()) {
      return Double.POSITIVE_INFINITY;
    }
    int last = Target.YEAR.equals(target.scope()) ? target.deadline() - n : path.length - 1;
    double v = base;
    for (int h = from; h <= Math.min(last, path.length - 1); h++) {
      v += path[h];
      if (v >= target.value()) {
        return n + h;
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  private static LocalDate reachedOn(double[] history, Target target) {
    double v = 0;
    for (int t = target.firstMonth(); t < Math.min(history.length, target.deadline() + 1); t++) {
      v += history[t];
      if (v >= target.value()) {
        return Months.end(t);
      }
    }
    return null;
  }

  static double sum(double[] y, int from, int to) {
    double s = 0;
    for (int t = Math.max(0, from); t <= Math.min(to, y.length - 1); t++) {
      s += y[t];
    }
    return s;
  }

  static double quantile(double[] values, double q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return quantileSorted(sorted, q);
  }

  /** The empirical quantile (type 7, linear between order statistics) of sorted values. */
  static double quantileSorted(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    if (Double.isInfinite(sorted[lo]) || Double.isInfinite(sorted[hi])) {
      return sorted[pos - lo < 0.5 ? lo : hi];
    }
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
