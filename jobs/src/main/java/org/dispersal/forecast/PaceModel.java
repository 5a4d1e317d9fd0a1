package org.dispersal.forecast;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A model of a task's monthly increments: a seasonal profile (slow around the Spring Festival, a
 * push before year-end) times a damped-trend exponential smoothing of the deseasonalised pace, with
 * predictive paths simulated by re-sampling its own one-step errors.
 *
 * <p>Damped trend (Gardner and McKenzie 1985) because a pace rarely keeps growing for years;
 * simulation rather than a normal formula because increments cannot go below zero and their errors
 * are skewed (Hyndman and Athanasopoulos, Forecasting: Principles and Practice, ch. 8).
 */
final class PaceModel {
  private static final double[] ALPHAS = {0.05, 0.1, 0.2, 0.3, 0.5};
  private static final double[] BETAS = {0.0, 0.02, 0.05, 0.1};
  private static final double[] PHIS = {0.8, 0.9, 0.95};

  /** How strongly a profile from one year is pulled towards a flat one; halves with each year. */
  static final double SEASONAL_SHRINK = 0.5;

  /** Smoothing parameters and start values fitted per series (α, β, φ, level, trend). */
  private static final int FITTED = 5;

  private final double[] seasonal;
  private final double alpha;
  private final double beta;
  private final double phi;
  private final double level;
  private final double trend;
  private final double[] errors;
  private final int nextMonthOfYear;

  private PaceModel(
      double[] seasonal,
      double alpha,
      double beta,
      double phi,
      double level,
      double trend,
      double[] errors,
      int nextMonthOfYear) {
    this.seasonal = seasonal;
    this.alpha = alpha;
    this.beta = beta;
    this.phi = phi;
    this.level = level;
    this.trend = trend;
    this.errors = errors;
    this.nextMonthOfYear = nextMonthOfYear;
  }

  /**
   * Fits the model.
   *
   * @param increments monthly completions, oldest first
   * @param firstMonthOfYear month of year (1–12) of the first increment
   * @param profile seasonal factors by month of year (mean 1), or null to estimate from the series
   */
  static PaceModel fit(double[] increments, int firstMonthOfYear, double[] profile) {
    return fit(increments, firstMonthOfYear, profile, true);
  }

  /**
   * Fits the model, with a damped trend or ({@code trend = false}) the level only: simple
   * exponential smoothing, for series whose year-to-year change is carried by a known scale.
   */
  static PaceModel fit(double[] increments, int firstMonthOfYear, double[] profile, boolean trend) {
    return fit(increments, firstMonthOfYear, profile, trend, ALPHAS);
  }

  /** The same with the smoothing weight α chosen among {@code alphas}. */
  static PaceModel fit(
      double[] increments, int firstMonthOfYear, double[] profile, boolean trend, double[] alphas) {
    double[] s = profile != null ? profile.clone() : seasonalProfile(increments, firstMonthOfYear);
    double[] z = new double[increments.length];
    for (int t = 0; t < z.length; t++) {
      z[t] = increments[t] / s[monthOfYear(firstMonthOfYear, t) - 1];
    }
    double[] best = null;
    double bestSse = Double.POSITIVE_INFINITY;
    double[] betas = trend ? BETAS : new double[] {0.0};
    for (double a : alphas) {
      for (double b : betas) {
        for (double p : PHIS) {
          double[] run = smooth(z, a, b, p);
          if (run[0] < bestSse) {
            bestSse = run[0];
            best = new double[] {a, b, p, run[1], run[2]};
          }
        }
      }
    }
    double[] errs = oneStepErrors(z, best[0], best[1], best[2]);
    return new PaceModel(
        s,
        best[0],
        best[1],
        best[2],
        best[3],
        best[4],
        errs,
        monthOfYear(firstMonthOfYear, z.length));
  }

  /**
   * Seasonal factors by month of year from the complete calendar years of a series: each month's
   * share of its year, averaged over years, shrunk towards 1 and scaled to mean 1.
   */
  static double[] seasonalProfile(double[] y, int firstMonthOfYear) {
    return seasonalProfile(y, firstMonthOfYear, SEASONAL_SHRINK);
  }

  /** The same with a given shrinkage for one year (less for a pooled, less noisy series). */
  static double[] seasonalProfile(double[] y, int firstMonthOfYear, double shrinkOneYear) {
    double[] sum = new double[12];
    int years = 0;
    int start = (13 - firstMonthOfYear) % 12;
    for (int t0 = start; t0 + 12 <= y.length; t0 += 12) {
      double total = 0;
      for (int k = 0; k < 12; k++) {
        total += y[t0 + k];
      }
      if (total <= 0) {
        continue;
      }
      for (int k = 0; k < 12; k++) {
        sum[k] += 12 * y[t0 + k] / total;
      }
      years++;
    }
    double[] s = new double[12];
    Arrays.fill(s, 1.0);
    if (years == 0) {
      return s;
    }
    double shrink = shrinkOneYear / years;
    for (int k = 0; k < 12; k++) {
      s[k] = Math.max(0.05, (1 - shrink) * sum[k] / years + shrink);
    }
    double mean = Arrays.stream(s).average().orElse(1);
    for (int k = 0; k < 12; k++) {
      s[k] /= mean;
    }
    return s;
  }

  /** The smoothing weights tried, in order. */
  static double[] alphas() {
    return ALPHAS.clone();
  }

  /** One-step squared error of level-only smoothing with weight α of a deseasonalised series. */
  static double levelSse(double[] z, double alpha) {
    return smooth(z, alpha, 0, 1)[0];
  }

  // Returns {sse, final level, final trend}.
  private static double[] smooth(double[] z, double a, double b, double p) {
    double l = initialLevel(z);
    double tr = 0;
    double sse = 0;
    for (double v : z) {
      double f = l + p * tr;
      double e = v - f;
      sse += e * e;
      double nl = f + a * e;
      tr = p * tr + b * e;
      l = nl;
    }
    return new double[] {sse, l, tr};
  }

  private static double[] oneStepErrors(double[] z, double a, double b, double p) {
    double l = initialLevel(z);
    double tr = 0;
    double[] e = new double[z.length];
    for (int t = 0; t < z.length; t++) {
      double f = l + p * tr;
      e[t] = z[t] - f;
      l = f + a * e[t];
      tr = p * tr + b * e[t];
    }
    // The first months only fit the start value; leave them out of the error pool.
    int skip = Math.min(3, Math.max(0, z.length - 6));
    double[] pool = Arrays.copyOfRange(e, skip, e.length);
    // In-sample errors understate out-of-sample ones by the parameters fitted to them.
    double inflate = Math.sqrt(pool.length / (double) Math.max(1, pool.length - FITTED));
    for (int t = 0; t < pool.length; t++) {
      pool[t] *= inflate;
    }
    return pool;
  }

  private static double initialLevel(double[] z) {
    int n = Math.min(6, z.length);
    double sum = 0;
    for (int t = 0; t < n; t++) {
      sum += z[t];
    }
    return n == 0 ? 0 : sum / n;
  }

  static int monthOfYear(int first, int offset) {
    return (first - 1 + offset) % 12 + 1;
  }

  /** The point forecast of the next {@code horizon} increments (never negative). */
  double[] pointForecast(int horizon) {
    double[] out = new double[horizon];
    double damp = 0;
    for (int h = 1; h <= horizon; h++) {
      damp += Math.pow(phi, h);
      double z = level + damp * trend;
      out[h - 1] = Math.max(0, z * seasonal[monthOfYear(nextMonthOfYear, h - 1) - 1]);
    }
    return out;
  }

  /**
   * Simulated future increment paths, {@code paths × horizon}: each month adds a re-sampled
   * one-step error and updates level and trend as the model would.
   */
  double[][] simulate(int horizon, int paths, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] out = new double[paths][horizon];
    for (int p = 0; p < paths; p++) {
      double l = level;
      double tr = trend;
      for (int h = 0; h < horizon; h++) {
        double f = l + phi * tr;
        double e = errors.length == 0 ? 0 : errors[random.nextInt(errors.length)];
        double z = f + e;
        l = f + alpha * e;
        tr = phi * tr + beta * e;
        out[p][h] = Math.max(0, z * seasonal[monthOfYear(nextMonthOfYear, h) - 1]);
      }
    }
    return out;
  }

  double[] seasonal() {
    return seasonal.clone();
  }

  double phi() {
    return phi;
  }
}
