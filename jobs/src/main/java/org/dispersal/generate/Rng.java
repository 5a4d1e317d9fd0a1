package org.dispersal.generate;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * A seeded random stream with the few distributions the generator needs. Every stream is derived
 * from the run's seed and a label, so output never depends on the order streams are created in.
 */
final class Rng {
  private final SplittableRandom random;

  Rng(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** A stream for one purpose: the run's seed mixed with labels such as a township code. */
  static Rng derive(long seed, Object... labels) {
    return new Rng(hash(seed, labels));
  }

  /** A well-mixed 64-bit hash of a seed and labels (FNV-1a, then the SplitMix64 finaliser). */
  static long hash(long seed, Object... labels) {
    long h = 0xcbf29ce484222325L ^ mix(seed);
    for (Object label : labels) {
      byte[] bytes = String.valueOf(label).getBytes(StandardCharsets.UTF_8);
      for (byte b : bytes) {
        h = (h ^ (b & 0xff)) * 0x100000001b3L;
      }
      h = (h ^ 0x1f) * 0x100000001b3L;
    }
    return mix(h);
  }

  /** A number in [0, 1) from a hash, for decisions that must not consume a stream. */
  static double unit(long hash) {
    return (hash >>> 11) * 0x1.0p-53;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  double next() {
    return random.nextDouble();
  }

  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  /** A whole number in [lo, hi], both included. */
  int between(int lo, int hi) {
    return lo + random.nextInt(hi - lo + 1);
  }

  double uniform(double lo, double hi) {
    return lo + (hi - lo) * random.nextDouble();
  }

  double gaussian() {
    return random.nextGaussian();
  }

  /** A log-normal draw with the given median, clamped to [min, max]. */
  double logNormal(double median, double sigma, double min, double max) {
    double v = median * Math.exp(sigma * random.nextGaussian());
    return Math.max(min, Math.min(max, v));
  }

  /** Rounds up with probability equal to the fraction, so sums stay unbiased. */
  int roundStochastic(double x) {
    double floor = Math.floor(x);
    return (int) floor + (random.nextDouble() < x - floor ? 1 : 0);
  }

  /** A Poisson count; normal approximation above 50. */
  int poisson(double lambda) {
    if (lambda <= 0) {
      return 0;
    }
    if (lambda > 50) {
      return Math.max(0, (int) Math.round(lambda + Math.sqrt(lambda) * random.nextGaussian()));
    }
    double limit = Math.exp(-lambda);
    int k = 0;
    double p = random.nextDouble();
    while (p > limit) {
      k++;
      p *= random.nextDouble();
    }
    return k;
  }

  <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  char pick(String chars) {
    return chars.charAt(random.nextInt(chars.length()));
  }

  /** An index drawn with probability proportional to the weights. */
  int weighted(double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double u = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }
}
