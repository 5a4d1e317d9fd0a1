package org.dispersal.generate;

import java.time.LocalDate;
import java.util.List;
import org.dispersal.common.DispersalException;
import org.dispersal.common.RunConfig;
import org.dispersal.common.Setting;
import org.dispersal.common.Settings;

/**
 * What the generator makes: seed, scale, as-of date, defect rate, (district scale) district and the
 * share of the published populations generated.
 */
public record GenerateConfig(
    int seed,
    boolean city,
    double defectRate,
    LocalDate asOf,
    String districtCode,
    double scaleFraction) {

  /** At the published populations (scale fraction 1). */
  public GenerateConfig(
      int seed, boolean city, double defectRate, LocalDate asOf, String districtCode) {
    this(seed, city, defectRate, asOf, districtCode, 1.0);
  }

  static final LocalDate EARLIEST = LocalDate.of(2015, 1, 1);
  static final LocalDate LATEST = LocalDate.of(2021, 12, 31);

  public static final Setting<Integer> SEED =
      Setting.integer(
          "generate.seed",
          20170101,
          0,
          Integer.MAX_VALUE,
          "Seed of the synthetic ledgers; the same seed gives byte-identical files.");
  public static final Setting<String> SCALE =
      Setting.choice(
          "generate.scale",
          "district",
          List.of("district", "city"),
          "district: the townships of run.district; city: all 16 districts (349 townships).");
  public static final Setting<Double> SCALE_FRACTION =
      Setting.decimal(
          "generate.scale-fraction",
          1.0,
          0.01,
          1.0,
          "Share of each district's published population generated (same townships, fewer"
              + " residents, premises, entities and rows), e.g. 0.25 for benchmarks at 1/4 scale.");
  public static final Setting<Double> DEFECT_RATE =
      Setting.decimal(
          "generate.defect-rate",
          0.02,
          0,
          0.5,
          "Share of rows (and of files) given each kind of injected defect; 0 for clean data.");
  public static final Setting<LocalDate> AS_OF =
      Setting.date(
          "generate.as-of",
          "2020-06-30",
          "Last day the synthetic ledgers cover (2015-01-01 to 2021-12-31); --as-of overrides it.");

  public static final List<Setting<?>> SETTINGS =
      List.of(SEED, SCALE, SCALE_FRACTION, DEFECT_RATE, AS_OF);

  /** Reads and checks the generator's settings; the district comes from run.district. */
  public static GenerateConfig from(Settings s) {
    LocalDate asOf = s.get(AS_OF);
    if (asOf == null || asOf.isBefore(EARLIEST) || asOf.isAfter(LATEST)) {
      throw DispersalException.invalidValue(
          AS_OF.key(), String.valueOf(asOf), "expected a date from 2015-01-01 to 2021-12-31");
    }
    return new GenerateConfig(
        s.get(SEED),
        s.get(SCALE).equals("city"),
        s.get(DEFECT_RATE),
        asOf,
        RunConfig.from(s).districtCode(),
        s.get(SCALE_FRACTION));
  }

  public String scale() {
    return city ? "city" : "district";
  }
}
