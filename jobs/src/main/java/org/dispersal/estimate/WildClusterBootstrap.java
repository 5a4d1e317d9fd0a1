package org.dispersal.estimate;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * OLS with cluster-robust (CR1) errors and a wild cluster bootstrap (percentile-t intervals), for
 * panels with few clusters — a district has about 28 townships, where the usual cluster-robust
 * errors reject too often (Cameron, Gelbach and Miller 2008; MacKinnon and Webb 2017).
 */
final class WildClusterBootstrap {

  /** Bootstrap weights drawn once per cluster. */
  enum Weights {
    /** ±1 with equal probability. */
    RADEMACHER,
    /** Webb's six-point distribution: better with fewer than about 12 clusters. */
    WEBB
  }

  /** Point estimates, CR1 standard errors, bootstrap intervals and p-values per coefficient. */
  record Result(
      double[] estimate,
      double[] standardError,
      double[] low90,
      double[] high90,
      double[] low95,
      double[] high95,
      double[] pValue,
      double[][] draws,
      int observations,
      int clusters,
      int replications) {}

  private static final double[] WEBB = {
    -Math.sqrt(1.5), -1, -Math.sqrt(0.5), Math.sqrt(0.5), 1, Math.sqrt(1.5)
  };

  private final RealMatrix x;
  private final RealMatrix xt;
  private final RealMatrix xtxInverse;
  private final int[] cluster;
  private final int clusters;
  private final double scale;

  /**
   * @param x design matrix, n × k, full column rank
   * @param cluster cluster index 0..G−1 of each row
   */
  WildClusterBootstrap(double[][] x, int[] cluster) {
    this.x = new Array2DRowRealMatrix(x, false);
    this.xt = this.x.transpose();
    this.xtxInverse =
        new CholeskyDecomposition(this.x.transpose().multiply(this.x), 1e-12, 1e-14)
            .getSolver()
            .getInverse();
    this.cluster = cluster.clone();
    this.clusters = Arrays.stream(cluster).max().orElse(-1) + 1;
    int n = x.length;
    int k = x[0].length;
    // The CR1 small-sample factor, as Stata and fixest use.
    this.scale = clusters / (clusters - 1.0) * (n - 1.0) / (n - k);
  }

  RealVector fit(double[] y) {
    return xtxInverse.operate(xt.operate(new ArrayRealVector(y, false)));
  }

  /**
   * CR1 standard errors of the given columns: the diagonal of (X'X)⁻¹ S'S (X'X)⁻¹, with S the
   * clusters' scores, one column at a time as |S a|² for a row a of (X'X)⁻¹ — the full sandwich
   * costs k³ per replication, which at city scale (k ≈ 720 with township effects and trends) was
   * half an hour of the bootstrap.
   */
  double[] standardErrors(RealVector residuals, int[] columns) {
    int k = x.getColumnDimension();
    double[][] scores = new double[clusters][k];
    for (int i = 0; i < x.getRowDimension(); i++) {
      double u = residuals.getEntry(i);
      double[] row = scores[cluster[i]];
      for (int j = 0; j < k; j++) {
        row[j] += x.getEntry(i, j) * u;
      }
    }
    double[] se = new double[k];
    Arrays.fill(se, Double.NaN);
    for (int c : columns) {
      double[] a = xtxInverse.getRow(c);
      double v = 0;
      for (double[] score : scores) {
        double dot = 0;
        for (int j = 0; j < k; j++) {
          dot += score[j] * a[j];
        }
        v += dot * dot;
      }
      se[c] = Math.sqrt(Math.max(0, v * scale));
    }
    return se;
  }

  /** CR1 standard errors of every coefficient. */
  double[] standardErrors(RealVector residuals) {
    return standardErrors(residuals, all());
  }

  private int[] all() {
    return java.util.stream.IntStream.range(0, x.getColumnDimension()).toArray();
  }

  /** Runs the bootstrap for every coefficient (see the overload). */
  Result run(double[] y, int replications, Weights weights, long seed) {
    return run(y, replications, weights, seed, all());
  }

  /**
   * Runs the bootstrap with B replications for the coefficients in {@code columns} (the others get
   * NaN errors and intervals); the same seed gives the same intervals.
   */
  Result run(double[] y, int replications, Weights weights, long seed, int[] columns) {
    RealVector beta = fit(y);
    RealVector residuals = new ArrayRealVector(y, false).subtract(x.operate(beta));
    double[] se = standardErrors(residuals, columns);
    int k = beta.getDimension();
    double[][] t = new double[k][replications];
    double[][] draws = new double[k][replications];
    SplittableRandom random = new SplittableRandom(seed);
    double[] w = new double[clusters];
    for (int b = 0; b < replications; b++) {
      for (int g = 0; g < clusters; g++) {
        w[g] =
            weights == Weights.RADEMACHER
                ? (random.nextBoolean() ? 1 : -1)
                : WEBB[random.nextInt(WEBB.length)];
      }
      double[] ustar = new double[y.length];
      for (int i = 0; i < y.length; i++) {
        ustar[i] = w[cluster[i]] * residuals.getEntry(i);
      }
      // y* = Xβ̂ + u*, so β* − β̂ = (X'X)⁻¹X'u* and the bootstrap residuals are u* − X(β* − β̂).
      RealVector delta = fit(ustar);
      RealVector rstar = new ArrayRealVector(ustar, false).subtract(x.operate(delta));
      double[] sestar = standardErrors(rstar, columns);
      for (int j = 0; j < k; j++) {
        t[j][b] = sestar[j] > 0 ? delta.getEntry(j) / sestar[j] : 0;
        draws[j][b] = beta.getEntry(j) + delta.getEntry(j);
      }
    }
    return summarise(beta, se, t, draws, y.length, replications);
  }

  private Result summarise(
      RealVector beta, double[] se, double[][] t, double[][] draws, int n, int replications) {
    int k = beta.getDimension();
    double[] lo90 = new double[k];
    double[] hi90 = new double[k];
    double[] lo95 = new double[k];
    double[] hi95 = new double[k];
    double[] p = new double[k];
    for (int j = 0; j < k; j++) {
      double[] sorted = t[j].clone();
      Arrays.sort(sorted);
      double b = beta.getEntry(j);
      // Percentile-t: the upper quantile of t* bounds the estimate from below, and vice versa.
      lo90[j] = b - quantile(sorted, 0.95) * se[j];
      hi90[j] = b - quantile(sorted, 0.05) * se[j];
      lo95[j] = b - quantile(sorted, 0.975) * se[j];
      hi95[j] = b - quantile(sorted, 0.025) * se[j];
      double observed = se[j] > 0 ? Math.abs(b / se[j]) : 0;
      long extreme = Arrays.stream(t[j]).filter(v -> Math.abs(v) >= observed).count();
      p[j] = (extreme + 1.0) / (replications + 1.0);
    }
    return new Result(
        beta.toArray(), se, lo90, hi90, lo95, hi95, p, draws, n, clusters, replications);
  }

  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
