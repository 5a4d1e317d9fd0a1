package org.dispersal.estimate;

import java.util.List;
import java.util.Locale;
import org.dispersal.common.Setting;
import org.dispersal.common.Settings;
import org.dispersal.estimate.WildClusterBootstrap.Weights;

/** How the estimate stage draws its intervals: bootstrap replications, weights and seed. */
public record EstimateConfig(int replications, Weights weights, long seed) {

  public static final Setting<Integer> REPLICATIONS =
      Setting.integer(
          "estimate.bootstrap-replications",
          999,
          99,
          99_999,
          "Wild cluster bootstrap replications over townships (999 or more for reported"
              + " intervals).");
  public static final Setting<String> WEIGHTS =
      Setting.choice(
          "estimate.bootstrap-weights",
          "rademacher",
          List.of("rademacher", "webb"),
          "Bootstrap weights per township: rademacher (+1/-1), or webb (six-point; better below"
              + " about 12 townships).");
  public static final Setting<Integer> SEED =
      Setting.integer(
          "estimate.seed",
          20170101,
          0,
          Integer.MAX_VALUE,
          "Seed of the bootstrap draws: the same seed and data give the same intervals.");

  public static final List<Setting<?>> SETTINGS = List.of(REPLICATIONS, WEIGHTS, SEED);

  public static EstimateConfig from(Settings s) {
    return new EstimateConfig(
        s.get(REPLICATIONS), Weights.valueOf(s.get(WEIGHTS).toUpperCase(Locale.ROOT)), s.get(SEED));
  }
}
