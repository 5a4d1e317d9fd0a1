package org.dispersal.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PaceModelTest {
  /** Spring Festival lull in Jan–Feb, year-end push in Nov–Dec. */
  private static final double[] RHYTHM = {
    0.6, 0.3, 0.9, 1.0, 1.0, 1.1, 1.0, 1.0, 1.1, 1.1, 1.4, 1.5
  };

  private static double[] series(Random r, int months, double pace, double noise) {
    double[] y = new double[months];
    for (int t = 0; t < months; t++) {
      double v = pace * RHYTHM[t % 12] * (1 + noise * r.nextGaussian());
      y[t] = Math.max(0, v);
    }
    return y;
  }

  @Test
  void seasonalProfileFindsTheLullAndThePush() {
    double[] s = PaceModel.seasonalProfile(series(new Random(1), 36, 100, 0.1), 1);
    assertThat(Arrays.stream(s).average().orElseThrow())
        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(s[1]).isLessThan(0.7);
    assertThat(s[11]).isGreaterThan(1.25);
  }

  @Test
  void forecastsBeatSeasonalNaiveOnNoisySeasonalSeries() {
    Random r = new Random(11);
    double modelError = 0;
    double naiveError = 0;
    for (int k = 0; k < 50; k++) {
      double[] all = series(r, 48, 50 + 100 * r.nextDouble(), 0.25);
      double[] history = Arrays.copyOf(all, 36);
      double[] forecast = PaceModel.fit(history, 1, null).pointForecast(12);
      for (int h = 0; h < 12; h++) {
        modelError += Math.abs(all[36 + h] - forecast[h]);
        naiveError += Math.abs(all[36 + h] - history[24 + h]);
      }
    }
    assertThat(modelError).isLessThan(0.9 * naiveError);
  }

  @Test
  void simulatedIntervalsOfTheCumulativeCoverAboutAsPromised() {
    Random r = new Random(29);
    int inside = 0;
    int trials = 120;
    for (int k = 0; k < trials; k++) {
      double[] all = series(r, 42, 80, 0.3);
      double[] history = Arrays.copyOf(all, 36);
      double[][] paths = PaceModel.fit(history, 1, null).simulate(6, 1000, k);
      double[] totals =
          Arrays.stream(paths).mapToDouble(p -> Arrays.stream(p).sum()).sorted().toArray();
      double actual = Arrays.stream(all, 36, 42).sum();
      if (actual >= totals[100] && actual <= totals[899]) {
        inside++;
      }
    }
    assertThat(inside / (double) trials).isBetween(0.68, 0.92);
  }

  @Test
  void incrementsAreNeverNegative() {
    double[] y = {0, 0, 5, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 3, 0};
    double[][] paths = PaceModel.fit(y, 1, null).simulate(12, 200, 3);
    assertThat(Arrays.stream(paths).flatMapToDouble(Arrays::stream).min().orElseThrow())
        .isGreaterThanOrEqualTo(0);
  }
}
