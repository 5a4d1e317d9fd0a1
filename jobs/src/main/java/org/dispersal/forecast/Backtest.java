package org.dispersal.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Rolling-origin backtest of the task forecasts: at each quarter-end origin only the months up to
 * it are used; cumulative completions 1…H months ahead are scored against a seasonal-naive forecast
 * (the same months a year earlier) and a straight-line pace (the last twelve months' mean), and the
 * year targets due after the origin are scored as probabilities (Brier) against the pace's yes/no.
 */
final class Backtest {
  /** One figure of gold/forecast_backtest. */
  record Measure(String measure, Integer horizon, double value, long n) {}

  private Backtest() {}

  /** The origins: every quarter end from {@code from} to {@code to} before the as-of month. */
  static List<Integer> origins(ForecastConfig config, int asOfIndex) {
    List<Integer> out = new ArrayList<>();
    for (int t = Months.index(config.backtestFrom()); t <= Months.index(config.backtestTo()); t++) {
      if (Months.monthOfYear(t) % 3 == 0 && t < asOfIndex && t >= 12) {
        out.add(t);
      }
    }
    return out;
  }

  /** The backtest with the same targets at every origin. */
  static List<Measure> run(
      List<TaskSeries> series, List<Target> targets, String district, ForecastConfig config) {
    return run(series, origin -> targets, KnownHistory.none(), district, config);
  }

  /**
   * The backtest.
   *
   * @param targetsAt the targets as issued by the time each origin's forecast was made (a target
   *     revised later is scored as it stood then; see {@link KnownTargets})
   * @param known the monthly figures as known at each origin; the forecasts are scored against
   *     today's
   */
  static List<Measure> run(
      List<TaskSeries> series,
      java.util.function.IntFunction<List<Target>> targetsAt,
      KnownHistory known,
      String district,
      ForecastConfig config) {
    int n = series.stream().mapToInt(TaskSeries::length).max().orElse(0);
    Map<Integer, List<Target>> targets = new java.util.TreeMap<>();
    for (int origin : origins(config, n - 1)) {
      targets.put(origin, targetsAt.apply(origin));
    }
    // Each origin and series is scored on its own, on the driver's cores together: the scoring
    // (sorting the simulated sums of every township and horizon) is most of the driver's own work
    // in the stage, done while Spark sits idle. The scores are added in a fixed order, so the
    // figures do not depend on the threads.
    List<Score> parts =
        targets.keySet().stream()
            .flatMap(origin -> series.stream().map(s -> Map.entry(origin, s)))
            .toList()
            .parallelStream()
            .map(
                u ->
                    score(
                        u.getValue(),
                        u.getKey(),
                        n,
                        targets.get(u.getKey()),
                        known,
                        district,
                        config))
            .toList();
    Score total = new Score(config.backtestHorizon());
    parts.forEach(total::add);
    return total.measures();
  }

  /** The scores of one series' forecast made at one origin. */
  private static Score score(
      TaskSeries full,
      int origin,
      int n,
      List<Target> targets,
      KnownHistory known,
      String district,
      ForecastConfig config) {
    Score score = new Score(config.backtestHorizon());
    int horizon = Math.min(config.backtestHorizon(), n - 1 - origin);
    TaskSeries then = known.at(origin, full.upTo(origin));
    int simH = Math.max(horizon, Months.december(Months.of(origin).getYear()) - origin);
    Map<String, double[][]> paths =
        JointSimulation.townships(
            then.townships(),
            JointSimulation.scales(then, targets, district, origin + 1 + simH),
            simH,
            config.paths(),
            JointSimulation.seed(config.seed() + origin, full.task(), full.metric()));
    Map<String, double[]> histories = new java.util.LinkedHashMap<>(full.townships());
    Map<String, double[]> knownThen = new java.util.LinkedHashMap<>(then.townships());
    Map<String, double[][]> simulated = new java.util.LinkedHashMap<>(paths);
    histories.put(district, full.district());
    knownThen.put(district, then.district());
    simulated.put(district, JointSimulation.sum(paths.values(), config.paths(), simH));
    for (Map.Entry<String, double[]> e : histories.entrySet()) {
      // y: the months as known today, to score against; k: as known at the origin.
      double[] y = e.getValue();
      double[] k = spliced(knownThen.get(e.getKey()), y);
      double[][] sim = simulated.get(e.getKey());
      double scale = seasonalNaiveScale(k, origin);
      if (scale <= 0) {
        continue;
      }
      double pace = Attainment.currentPace(Arrays.copyOf(k, origin + 1));
      double[] cum = new double[sim.length];
      for (int h = 1; h <= horizon; h++) {
        for (int p = 0; p < sim.length; p++) {
          cum[p] += sim[p][h - 1];
        }
        double[] sorted = Attainment.whole(cum, full.unit());
        Arrays.sort(sorted);
        double actual = Attainment.sum(y, origin + 1, origin + h);
        double naive = Attainment.sum(k, origin + 1 - 12, origin + h - 12);
        score.sums[0][h] += Math.abs(actual - Attainment.quantileSorted(sorted, 0.5)) / scale;
        score.sums[1][h] += Math.abs(actual - naive) / scale;
        score.sums[2][h] += Math.abs(actual - pace * h) / scale;
        score.count[h]++;
        score.inside[0][h] += within(sorted, actual, 0.1, 0.9);
        score.inside[1][h] += within(sorted, actual, 0.025, 0.975);
      }
      for (Target t : targets) {
        if (!t.township().equals(e.getKey())
            || !t.task().equals(full.task())
            || !t.metric().equals(full.metric())
            || !Target.YEAR.equals(t.scope())
            || t.deadline() <= origin
            || t.deadline() > n - 1
            || t.deadline() - origin > simH) {
          continue;
        }
        double base = Attainment.sum(k, t.firstMonth(), origin);
        int left = t.deadline() - origin;
        double met = 0;
        for (double[] path : sim) {
          double v = base + Attainment.sum(path, 0, left - 1);
          met += t.met(Attainment.discrete(full.unit()) ? Math.rint(v) : v) ? 1 : 0;
        }
        double pModel = met / sim.length;
        double pPace = t.met(base + pace * left) ? 1 : 0;
        double outcome = t.met(Attainment.sum(y, t.firstMonth(), t.deadline())) ? 1 : 0;
        score.brierModel += (pModel - outcome) * (pModel - outcome);
        score.brierPace += (pPace - outcome) * (pPace - outcome);
        score.events++;
      }
    }
    return score;
  }

  /** Sums of absolute errors, interval hits and Brier scores, per horizon where they have one. */
  private static final class Score {
    final double[][] sums;
    final long[] count;
    final long[][] inside;
    double brierModel;
    double brierPace;
    long events;

    Score(int maxH) {
      sums = new double[3][maxH + 1];
      count = new long[maxH + 1];
      inside = new long[2][maxH + 1];
    }

    void add(Score o) {
      for (int h = 0; h < count.length; h++) {
        for (int i = 0; i < 3; i++) {
          sums[i][h] += o.sums[i][h];
        }
        count[h] += o.count[h];
        inside[0][h] += o.inside[0][h];
        inside[1][h] += o.inside[1][h];
      }
      brierModel += o.brierModel;
      brierPace += o.brierPace;
      events += o.events;
    }

    List<Measure> measures() {
      List<Measure> out = new ArrayList<>();
      for (int h = 1; h < count.length; h++) {
        if (count[h] == 0) {
          continue;
        }
        double model = sums[0][h] / count[h];
        out.add(new Measure("mase_model", h, model, count[h]));
        out.add(new Measure("mase_seasonal_naive", h, sums[1][h] / count[h], count[h]));
        out.add(new Measure("mase_pace", h, sums[2][h] / count[h], count[h]));
        out.add(
            new Measure("relative_mase_vs_seasonal_naive", h, sums[0][h] / sums[1][h], count[h]));
        out.add(new Measure("relative_mase_vs_pace", h, sums[0][h] / sums[2][h], count[h]));
        out.add(new Measure("coverage_80", h, inside[0][h] / (double) count[h], count[h]));
        out.add(new Measure("coverage_95", h, inside[1][h] / (double) count[h], count[h]));
      }
      if (events > 0) {
        out.add(new Measure("brier_model", null, brierModel / events, events));
        out.add(new Measure("brier_pace", null, brierPace / events, events));
      }
      return out;
    }
  }

  /** The months known at an origin, followed by today's figures for the months after it. */
  static double[] spliced(double[] then, double[] today) {
    double[] out = today.clone();
    System.arraycopy(then, 0, out, 0, Math.min(then.length, out.length));
    return out;
  }

  /** Mean absolute seasonal difference in the months known at the origin (MASE's scale). */
  static double seasonalNaiveScale(double[] y, int origin) {
    double s = 0;
    int k = 0;
    for (int t = 12; t <= origin; t++) {
      s += Math.abs(y[t] - y[t - 12]);
      k++;
    }
    return k == 0 ? 0 : s / k;
  }

  private static int within(double[] sorted, double actual, double lo, double hi) {
    return actual >= Attainment.quantileSorted(sorted, lo)
            && actual <= Attainment.quantileSorted(sorted, hi)
        ? 1
        : 0;
  }
}
