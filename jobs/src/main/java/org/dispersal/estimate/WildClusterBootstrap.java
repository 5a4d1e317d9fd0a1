package org.dispersal.estimate;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.spark.ml.linalg.DenseMatrix;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseMatrix;

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

  private final SparseMatrix x;
  private final SparseMatrix xt;
  private final DenseMatrix xtxInverse;
  private final int[] cluster;
  private final int clusters;
  private final double scale;

  /**
   * @param x design matrix, n × k, full column rank
   * @param cluster cluster index 0..G−1 of each row
   */
  WildClusterBootstrap(double[][] x, int[] cluster) {
    int n = x.length;
    int k = x[0].length;
    double[] columnMajor = new double[n * k];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        columnMajor[j * n + i] = x[i][j];
      }
    }
    DenseMatrix dense = new DenseMatrix(n, k, columnMajor);
    // The design is mostly indicators (township effects and trends, years): stored sparse, a
    // replication's products cost its few non-zeros per row instead of n × k.
    this.x = dense.toSparseColMajor();
    this.xt = this.x.transpose();
    RealMatrix inverse =
        new CholeskyDecomposition(toRealMatrix(xt.multiply(dense)), 1e-12, 1e-14)
            .getSolver()
            .getInverse();
    this.xtxInverse = toDenseMatrix(inverse);
    this.cluster = cluster.clone();
    this.clusters = Arrays.stream(cluster).max().orElse(-1) + 1;
    // The CR1 small-sample factor, as Stata and fixest use.
    this.scale = clusters / (clusters - 1.0) * (n - 1.0) / (n - k);
  }

  /** The least-squares coefficients of y on the design. */
  double[] fit(double[] y) {
    return xtxInverse.multiply(xt.multiply(new DenseVector(y))).toArray();
  }

  private double[] residuals(double[] y, double[] beta) {
    double[] fitted = x.multiply(new DenseVector(beta)).toArray();
    double[] r = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      r[i] = y[i] - fitted[i];
    }
    return r;
  }

  /**
   * The CR1 standard errors of the given columns need, per column c, only z = X a with a the row c
   * of (X'X)⁻¹: the variance is Σ_g (Σ_{i∈g} z_i u_i)² — n operations per column and replication
   * instead of the clusters' scores S (n × k) and |S a|² (G × k).
   */
  private double[][] leverage(int[] columns) {
    int k = xtxInverse.numCols();
    double[] rows = new double[k * columns.length];
    for (int m = 0; m < columns.length; m++) {
      for (int j = 0; j < k; j++) {
        rows[m * k + j] = xtxInverse.apply(j, columns[m]);
      }
    }
    DenseMatrix z = x.multiply(new DenseMatrix(k, columns.length, rows));
    double[][] out = new double[columns.length][];
    int n = z.numRows();
    for (int m = 0; m < columns.length; m++) {
      out[m] = Arrays.copyOfRange(z.values(), m * n, (m + 1) * n);
    }
    return out;
  }

  private double[] standardErrors(double[] residuals, int[] columns, double[][] leverage) {
    double[] se = new double[xtxInverse.numCols()];
    Arrays.fill(se, Double.NaN);
    double[] score = new double[clusters];
    for (int m = 0; m < columns.length; m++) {
      Arrays.fill(score, 0);
      double[] z = leverage[m];
      for (int i = 0; i < residuals.length; i++) {
        score[cluster[i]] += z[i] * residuals[i];
      }
      double v = 0;
      for (double s : score) {
        v += s * s;
      }
      se[columns[m]] = Math.sqrt(Math.max(0, v * scale));
    }
    return se;
  }

  /** CR1 standard errors of the given columns (NaN for the others). */
  double[] standardErrors(double[] residuals, int[] columns) {
    return standardErrors(residuals, columns, leverage(columns));
  }

  /** CR1 standard errors of every coefficient. */
  double[] standardErrors(double[] residuals) {
    return standardErrors(residuals, all());
  }

  private int[] all() {
    return java.util.stream.IntStream.range(0, xtxInverse.numCols()).toArray();
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
    double[] beta = fit(y);
    double[] residuals = residuals(y, beta);
    double[][] leverage = leverage(columns);
    double[] se = standardErrors(residuals, columns, leverage);
    int k = beta.length;
    double[][] t = new double[k][replications];
    double[][] draws = new double[k][replications];
    SplittableRandom random = new SplittableRandom(seed);
    double[] w = new double[clusters];
    double[] ustar = new double[y.length];
    for (int b = 0; b < replications; b++) {
      for (int g = 0; g < clusters; g++) {
        w[g] =
            weights == Weights.RADEMACHER
                ? (random.nextBoolean() ? 1 : -1)
                : WEBB[random.nextInt(WEBB.length)];
      }
      for (int i = 0; i < y.length; i++) {
        ustar[i] = w[cluster[i]] * residuals[i];
      }
      // y* = Xβ̂ + u*, so β* − β̂ = (X'X)⁻¹X'u* and the bootstrap residuals are u* − X(β* − β̂).
      double[] delta = fit(ustar);
      double[] sestar = standardErrors(residuals(ustar, delta), columns, leverage);
      for (int j = 0; j < k; j++) {
        t[j][b] = sestar[j] > 0 ? delta[j] / sestar[j] : 0;
        draws[j][b] = beta[j] + delta[j];
      }
    }
    return summarise(beta, se, t, draws, y.length, replications);
  }

  private Result summarise(
      double[] beta, double[] se, double[][] t, double[][] draws, int n, int replications) {
    int k = beta.length;
    double[] lo90 = new double[k];
    double[] hi90 = new double[k];
    double[] lo95 = new double[k];
    double[] hi95 = new double[k];
    double[] p = new double[k];
    for (int j = 0; j < k; j++) {
      double[] sorted = t[j].clone();
      Arrays.sort(sorted);
      double b = beta[j];
      // Percentile-t: the upper quantile of t* bounds the estimate from below, and vice versa.
      lo90[j] = b - quantile(sorted, 0.95) * se[j];
      hi90[j] = b - quantile(sorted, 0.05) * se[j];
      lo95[j] = b - quantile(sorted, 0.975) * se[j];
      hi95[j] = b - quantile(sorted, 0.025) * se[j];
      double observed = se[j] > 0 ? Math.abs(b / se[j]) : 0;
      long extreme = Arrays.stream(t[j]).filter(v -> Math.abs(v) >= observed).count();
      p[j] = (extreme + 1.0) / (replications + 1.0);
    }
    return new Result(beta, se, lo90, hi90, lo95, hi95, p, draws, n, clusters, replications);
  }

  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  private static RealMatrix toRealMatrix(DenseMatrix m) {
    double[][] a = new double[m.numRows()][m.numCols()];
    for (int i = 0; i < m.numRows(); i++) {
      for (int j = 0; j < m.numCols(); j++) {
        a[i][j] = m.apply(i, j);
      }
    }
    return new Array2DRowRealMatrix(a, false);
  }

  private static DenseMatrix toDenseMatrix(RealMatrix m) {
    int rows = m.getRowDimension();
    double[] values = new double[rows * m.getColumnDimension()];
    for (int j = 0; j < m.getColumnDimension(); j++) {
      for (int i = 0; i < rows; i++) {
        values[j * rows + i] = m.getEntry(i, j);
      }
    }
    return new DenseMatrix(rows, m.getColumnDimension(), values);
  }
}
