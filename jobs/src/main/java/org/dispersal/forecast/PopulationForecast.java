package org.dispersal.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Year-end resident population against the cap: the township's trend without the action (official
 * year-ends with the estimated effect of past vacating added back, a straight line through them)
 * minus the effect of the vacating done since the last official figure and still planned, each
 * effect drawn from its estimate's uncertainty. The district is the sum of its townships' paths
 * plus the last known gap between its own official figure and that sum.
 */
final class PopulationForecast {
  static final String WITH_EFFECT = "population_trend_effect";
  static final String TREND_ONLY = "population_trend_only";

  /** Residents leaving per 10,000 m² vacated: estimate and standard error, per kind. */
  record Effect(double estimate, double se) {}

  /**
   * What the population forecast needs, all small: official year-ends and area vacated per
   * township, year and kind (with the district under its own code), planned area per township.
   */
  record Inputs(
      Map<String, TreeMap<Integer, Double>> official,
      Map<String, TreeMap<Integer, Map<String, Double>>> vacated,
      Map<String, Map<String, Double>> planned,
      Map<String, Effect> effects,
      String effectSource,
      int asOfIndex) {}

  private PopulationForecast() {}

  static List<ForecastRow> forecast(
      Inputs in, List<Target> caps, String district, List<String> townships, ForecastConfig c) {
    List<ForecastRow> out = new ArrayList<>();
    for (Target cap : caps) {
      double[] values;
      String note;
      if (cap.township().equals(district)) {
        values = new double[c.paths()];
        for (String t : townships) {
          double[] part = township(in, t, cap.year(), c);
          if (part != null) {
            for (int p = 0; p < values.length; p++) {
              values[p] += part[p];
            }
          }
        }
        double gap = districtGap(in, district, townships);
        for (int p = 0; p < values.length; p++) {
          values[p] += gap;
        }
        note = "sum of the townships' paths plus the last official district-minus-townships gap";
      } else {
        values = township(in, cap.township(), cap.year(), c);
        note = null;
      }
      if (values == null) {
        continue;
      }
      out.add(row(in, cap, values, note, lastOfficial(in, cap.township(), district, townships), c));
    }
    return out;
  }

  /** The latest official figure: the district's own, else its townships' sum. */
  private static Double lastOfficial(
      Inputs in, String township, String district, List<String> townships) {
    TreeMap<Integer, Double> own = in.official().get(township);
    if (own != null && !own.isEmpty()) {
      return own.lastEntry().getValue();
    }
    if (!township.equals(district)) {
      return null;
    }
    double sum = 0;
    for (String t : townships) {
      Double v = lastOfficial(in, t, district, List.of());
      sum += v == null ? 0 : v;
    }
    return sum;
  }

  private static ForecastRow row(
      Inputs in, Target cap, double[] values, String note, Double achieved, ForecastConfig c) {
    TreeMap<Integer, Double> official = in.official().get(cap.township());
    Double actual = official == null ? null : official.get(cap.year());
    String model = in.effects().isEmpty() ? TREND_ONLY : WITH_EFFECT;
    if (actual != null) {
      boolean met = cap.met(actual);
      return new ForecastRow(
          cap,
          actual,
          actual,
          actual,
          actual,
          actual,
          met ? 1 : 0,
          null,
          0,
          null,
          null,
          met ? "met" : "missed",
          "actual",
          "official year-end figure",
          in.effectSource());
    }
    int met = 0;
    for (double v : values) {
      met += cap.met(v) ? 1 : 0;
    }
    double probability = met / (double) values.length;
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return new ForecastRow(
        cap,
        achieved == null ? Double.NaN : achieved,
        Attainment.quantileSorted(sorted, 0.1),
        Attainment.quantileSorted(sorted, 0.5),
        Attainment.quantileSorted(sorted, 0.9),
        Arrays.stream(values).average().orElse(Double.NaN),
        probability,
        null,
        Math.max(0, cap.deadline() - in.asOfIndex()),
        null,
        null,
        c.status(probability),
        model,
        note,
        in.effectSource());
  }

  /** Simulated year-end populations of one township, or null without two official year-ends. */
  static double[] township(Inputs in, String township, int year, ForecastConfig c) {
    TreeMap<Integer, Double> official = in.official().get(township);
    if (official == null || official.isEmpty()) {
      return null;
    }
    TreeMap<Integer, Map<String, Double>> vacated =
        in.vacated().getOrDefault(township, new TreeMap<>());
    int lastYear = official.lastKey();
    // The counterfactual without the action: official + what past vacating removed.
    double[] years = official.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
    double[] counter = new double[years.length];
    int i = 0;
    for (Map.Entry<Integer, Double> e : official.entrySet()) {
      counter[i++] = e.getValue() + removed(in.effects(), vacated.headMap(e.getKey(), true));
    }
    double slope = slope(years, counter);
    double sd = changeSd(counter, slope, official.lastEntry().getValue());
    Map<String, Double> since = new TreeMap<>();
    vacated
        .tailMap(lastYear, false)
        .values()
        .forEach(m -> m.forEach((k, v) -> since.merge(k, v, Double::sum)));
    in.planned().getOrDefault(township, Map.of()).forEach((k, v) -> since.merge(k, v, Double::sum));
    int ahead = Math.max(0, year - lastYear);
    SplittableRandom random = new SplittableRandom(c.seed() + 7L * year);
    SplittableRandom townshipRandom = new SplittableRandom(c.seed() ^ township.hashCode());
    double[] out = new double[c.paths()];
    for (int p = 0; p < out.length; p++) {
      // Effects drawn from one stream shared by every township: one effect per kind and path.
      Map<String, Double> draw = new TreeMap<>();
      in.effects().forEach((k, e) -> draw.put(k, e.estimate() + e.se() * gaussian(random)));
      double trend = ahead * slope + Math.sqrt(ahead) * sd * gaussian(townshipRandom);
      out[p] = official.lastEntry().getValue() + trend - removedBy(draw, since);
    }
    return out;
  }

  private static double removed(
      Map<String, Effect> effects, Map<Integer, Map<String, Double>> byYear) {
    double total = 0;
    for (Map<String, Double> kinds : byYear.values()) {
      for (Map.Entry<String, Double> k : kinds.entrySet()) {
        Effect e = effects.get(k.getKey());
        total += e == null ? 0 : e.estimate() * k.getValue() / 10_000;
      }
    }
    return total;
  }

  private static double removedBy(Map<String, Double> effects, Map<String, Double> areas) {
    double total = 0;
    for (Map.Entry<String, Double> a : areas.entrySet()) {
      total += effects.getOrDefault(a.getKey(), 0.0) * a.getValue() / 10_000;
    }
    return total;
  }

  private static double districtGap(Inputs in, String district, List<String> townships) {
    TreeMap<Integer, Double> d = in.official().get(district);
    if (d == null || d.isEmpty()) {
      return 0;
    }
    int year = d.lastKey();
    double sum = 0;
    for (String t : townships) {
      TreeMap<Integer, Double> o = in.official().get(t);
      if (o == null || !o.containsKey(year)) {
        return 0;
      }
      sum += o.get(year);
    }
    return d.get(year) - sum;
  }

  /** Least-squares slope per year; zero with fewer than two points. */
  static double slope(double[] x, double[] y) {
    if (x.length < 2) {
      return 0;
    }
    double mx = Arrays.stream(x).average().orElse(0);
    double my = Arrays.stream(y).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    return sxx == 0 ? 0 : sxy / sxx;
  }

  /** Spread of a year's change around the trend; 1% of the level when there are too few years. */
  private static double changeSd(double[] y, double slope, double level) {
    if (y.length < 3) {
      return 0.01 * Math.abs(level);
    }
    double ss = 0;
    for (int i = 1; i < y.length; i++) {
      double d = y[i] - y[i - 1] - slope;
      ss += d * d;
    }
    return Math.sqrt(ss / (y.length - 2));
  }

  private static double gaussian(SplittableRandom r) {
    double u = 1 - r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
