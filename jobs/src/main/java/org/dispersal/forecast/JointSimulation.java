package org.dispersal.forecast;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Simulates the townships of one task and metric together, so that the district's paths are the
 * sums of its townships' paths (bottom-up, reconciled by construction).
 *
 * <p>Every township's model re-samples its own one-step errors, but all of them draw the same
 * calendar months in a path (one random stream, equally long error pools), so a month that was bad
 * everywhere — a Spring Festival, an epidemic — is bad everywhere again: the district's spread
 * keeps the townships' correlation instead of averaging it away.
 */
final class JointSimulation {
  private JointSimulation() {}

  /**
   * The simulated paths of each township ({@code paths × horizon}), in the given order; the model
   * works on increments divided by each month's scale (its year target, see {@link TargetScale}).
   */
  static Map<String, double[][]> townships(
      Map<String, double[]> histories,
      Map<String, double[]> scales,
      int horizon,
      int paths,
      long seed) {
    Map<String, double[][]> out = new LinkedHashMap<>();
    double[] profile = pooledProfile(histories, scales);
    Map<String, double[]> deseasonalised = new LinkedHashMap<>();
    for (Map.Entry<String, double[]> e : histories.entrySet()) {
      double[] y = e.getValue();
      double[] scale = scales.get(e.getKey());
      double[] z = new double[y.length];
      for (int t = 0; t < y.length; t++) {
        z[t] = y[t] / scale[t] / profile[PaceModel.monthOfYear(1, t) - 1];
      }
      deseasonalised.put(e.getKey(), z);
    }
    double[] alpha = {pooledAlpha(deseasonalised)};
    for (Map.Entry<String, double[]> e : histories.entrySet()) {
      double[] y = e.getValue();
      double[] scale = scales.get(e.getKey());
      double[] z = new double[y.length];
      for (int t = 0; t < y.length; t++) {
        z[t] = y[t] / scale[t];
      }
      double[][] sim = PaceModel.fit(z, 1, profile, false, alpha).simulate(horizon, paths, seed);
      for (double[] path : sim) {
        for (int h = 0; h < horizon; h++) {
          path[h] *= scale[y.length + h];
        }
      }
      out.put(e.getKey(), sim);
    }
    return out;
  }

  /**
   * The seasonal profile of all townships together (their scaled sum): the Spring Festival and the
   * year-end push are the district's rhythm, and the sum is far less noisy than one township, so it
   * is shrunk less (by the square root of the number of townships).
   */
  static double[] pooledProfile(Map<String, double[]> histories, Map<String, double[]> scales) {
    double[] total = null;
    for (Map.Entry<String, double[]> e : histories.entrySet()) {
      double[] y = e.getValue();
      double[] scale = scales.get(e.getKey());
      if (total == null) {
        total = new double[y.length];
      }
      for (int t = 0; t < y.length; t++) {
        total[t] += y[t] / scale[t];
      }
    }
    if (total == null) {
      return null;
    }
    return PaceModel.seasonalProfile(
        total, 1, PaceModel.SEASONAL_SHRINK / Math.sqrt(histories.size()));
  }

  /**
   * One smoothing weight for all townships of a metric: the one with the least one-step error
   * summed over them, each township's error relative to its own mean level. A single township's few
   * dozen noisy months choose α poorly (small counts chase their noise); the district's townships
   * share how fast their pace really moves.
   */
  static double pooledAlpha(Map<String, double[]> deseasonalised) {
    double best = PaceModel.alphas()[0];
    double bestSse = Double.POSITIVE_INFINITY;
    for (double a : PaceModel.alphas()) {
      double sse = 0;
      for (double[] z : deseasonalised.values()) {
        double mean = java.util.Arrays.stream(z).average().orElse(0);
        if (mean > 0) {
          sse += PaceModel.levelSse(z, a) / (mean * mean);
        }
      }
      if (sse < bestSse) {
        bestSse = sse;
        best = a;
      }
    }
    return best;
  }

  /** The scales of every township of a series over {@code months} months. */
  static Map<String, double[]> scales(
      TaskSeries s, List<Target> targets, String district, int months) {
    Map<String, double[]> out = new LinkedHashMap<>();
    for (String t : s.townships().keySet()) {
      out.put(t, TargetScale.of(targets, s.task(), s.metric(), t, district, months));
    }
    return out;
  }

  /** Element-wise sum of path matrices (the district's paths). */
  static double[][] sum(Iterable<double[][]> parts, int paths, int horizon) {
    double[][] total = new double[paths][horizon];
    for (double[][] part : parts) {
      for (int p = 0; p < paths; p++) {
        for (int h = 0; h < horizon; h++) {
          total[p][h] += part[p][h];
        }
      }
    }
    return total;
  }

  /** Element-wise sum of histories (the district's history). */
  static double[] sum(Iterable<double[]> histories, int length) {
    double[] total = new double[length];
    for (double[] h : histories) {
      for (int t = 0; t < length; t++) {
        total[t] += h[t];
      }
    }
    return total;
  }

  /** A seed per task and metric, so adding a task does not change the others' forecasts. */
  static long seed(int base, String task, String metric) {
    return base * 1_000_003L + (task + "|" + metric).hashCode();
  }
}
