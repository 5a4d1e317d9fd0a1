package org.dispersal.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.dispersal.estimate.WildClusterBootstrap.Result;
import org.dispersal.estimate.WildClusterBootstrap.Weights;
import org.junit.jupiter.api.Test;

class WildClusterBootstrapTest {
  private static final int G = 28;
  private static final int T = 5;

  /** y = 1 + 2x + a_g + e, with x and a_g both correlated within clusters. */
  private static double[][] simulate(Random r, double[] y, int[] cluster) {
    double[][] x = new double[G * T][];
    for (int g = 0; g < G; g++) {
      double z = r.nextGaussian();
      double a = r.nextGaussian();
      for (int t = 0; t < T; t++) {
        int i = g * T + t;
        double xi = z + 0.5 * r.nextGaussian();
        x[i] = new double[] {1, xi};
        y[i] = 1 + 2 * xi + a + r.nextGaussian();
        cluster[i] = g;
      }
    }
    return x;
  }

  @Test
  void recoversKnownCoefficientsWithoutNoise() {
    double[][] x = new double[G * T][];
    double[] y = new double[G * T];
    int[] cluster = new int[G * T];
    for (int i = 0; i < x.length; i++) {
      x[i] = new double[] {1, i % 7, (i * 31 % 11) - 5.0};
      y[i] = 3 - 0.5 * x[i][1] + 0.25 * x[i][2];
      cluster[i] = i / T;
    }
    Result r = new WildClusterBootstrap(x, cluster).run(y, 99, Weights.RADEMACHER, 1);
    assertThat(r.estimate()[0]).isCloseTo(3, within(1e-9));
    assertThat(r.estimate()[1]).isCloseTo(-0.5, within(1e-9));
    assertThat(r.estimate()[2]).isCloseTo(0.25, within(1e-9));
    assertThat(r.clusters()).isEqualTo(G);
  }

  @Test
  void sameSeedSameIntervals() {
    Random rng = new Random(7);
    double[] y = new double[G * T];
    int[] cluster = new int[G * T];
    double[][] x = simulate(rng, y, cluster);
    Result a = new WildClusterBootstrap(x, cluster).run(y, 199, Weights.WEBB, 42);
    Result b = new WildClusterBootstrap(x, cluster).run(y, 199, Weights.WEBB, 42);
    assertThat(a.low95()).containsExactly(b.low95());
    assertThat(a.high90()).containsExactly(b.high90());
  }

  @Test
  void intervalsCoverTheTruthAtAboutTheirNominalRateWhereIidErrorsDoNot() {
    Random rng = new Random(2017);
    int sims = 300;
    int covered95 = 0;
    int covered90 = 0;
    int naiveCovered = 0;
    for (int s = 0; s < sims; s++) {
      double[] y = new double[G * T];
      int[] cluster = new int[G * T];
      double[][] x = simulate(rng, y, cluster);
      WildClusterBootstrap wcb = new WildClusterBootstrap(x, cluster);
      Result r = wcb.run(y, 199, Weights.RADEMACHER, s);
      covered95 += r.low95()[1] <= 2 && 2 <= r.high95()[1] ? 1 : 0;
      covered90 += r.low90()[1] <= 2 && 2 <= r.high90()[1] ? 1 : 0;
      naiveCovered += Math.abs(r.estimate()[1] - 2) <= 1.96 * naiveSe(x, y, r.estimate()) ? 1 : 0;
    }
    assertThat(covered95 / (double) sims).isBetween(0.91, 0.99);
    assertThat(covered90 / (double) sims).isBetween(0.85, 0.95);
    // Ignoring the clustering understates the error: the naive interval covers far less often.
    assertThat(naiveCovered / (double) sims).isLessThan(0.88);
  }

  @Test
  void theStandardErrorsAreTheFullCr1SandwichOnADesignOfIndicators() {
    // Cluster dummies and a cluster trend, as the panel's township effects and trends: the
    // per-column shortcut must give the textbook (X'X)⁻¹ (Σ_g S_g S_g') (X'X)⁻¹ diagonal.
    Random rng = new Random(11);
    int g = 9;
    int t = 6;
    int k = 2 * g + 2;
    double[][] x = new double[g * t][k];
    double[] y = new double[g * t];
    int[] cluster = new int[g * t];
    for (int i = 0; i < g * t; i++) {
      cluster[i] = i / t;
      x[i][0] = 1;
      if (cluster[i] > 0) {
        x[i][cluster[i]] = 1;
      }
      x[i][g + cluster[i]] = i % t;
      x[i][2 * g] = rng.nextGaussian();
      x[i][2 * g + 1] = rng.nextGaussian() + (i % t == 2 ? 1 : 0);
      y[i] = x[i][2 * g] - 0.5 * x[i][2 * g + 1] + cluster[i] * 0.3 + rng.nextGaussian();
    }
    RealMatrix design = new Array2DRowRealMatrix(x);
    RealMatrix inverse =
        new LUDecomposition(design.transpose().multiply(design)).getSolver().getInverse();
    double[] beta = new QRDecomposition(design).getSolver().solve(new ArrayRealVector(y)).toArray();
    RealMatrix meat = new Array2DRowRealMatrix(k, k);
    double[] residuals = new double[y.length];
    for (int c = 0; c < g; c++) {
      double[] score = new double[k];
      for (int i = c * t; i < (c + 1) * t; i++) {
        residuals[i] = y[i] - design.getRowVector(i).dotProduct(new ArrayRealVector(beta));
        for (int j = 0; j < k; j++) {
          score[j] += x[i][j] * residuals[i];
        }
      }
      meat = meat.add(new ArrayRealVector(score).outerProduct(new ArrayRealVector(score)));
    }
    RealMatrix sandwich = inverse.multiply(meat).multiply(inverse);
    double factor = g / (g - 1.0) * (g * t - 1.0) / (g * t - k);

    WildClusterBootstrap wcb = new WildClusterBootstrap(x, cluster);
    assertThat(wcb.fit(y)).containsExactly(beta, within(1e-9));
    double[] se = wcb.standardErrors(residuals);
    for (int j = 0; j < k; j++) {
      double expected = Math.sqrt(sandwich.getEntry(j, j) * factor);
      assertThat(se[j]).as("column %d", j).isCloseTo(expected, within(1e-9 * (1 + expected)));
    }
    Result run = wcb.run(y, 99, Weights.RADEMACHER, 3, new int[] {2 * g, 2 * g + 1});
    assertThat(run.standardError()[2 * g + 1])
        .isCloseTo(Math.sqrt(sandwich.getEntry(k - 1, k - 1) * factor), within(1e-9));
    assertThat(run.standardError()[0]).isNaN();
  }

  private static double naiveSe(double[][] x, double[] y, double[] beta) {
    int n = y.length;
    double sxx = 0;
    double mean = 0;
    for (double[] row : x) {
      mean += row[1] / n;
    }
    double ssr = 0;
    for (int i = 0; i < n; i++) {
      sxx += (x[i][1] - mean) * (x[i][1] - mean);
      double e = y[i] - beta[0] - beta[1] * x[i][1];
      ssr += e * e;
    }
    return Math.sqrt(ssr / (n - 2) / sxx);
  }
}
