package org.dispersal.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dispersal.common.Townships;
import org.dispersal.common.Townships.Township;

/**
 * The districts and townships generated, with their sizes: published year-end populations for the
 * districts, assumed splits for the townships (documented in docs/methodology.md).
 */
final class Geography {
  static final String FANGSHAN = "110111";

  /** One township with its kind of place and its share of the district's 2016 population. */
  record TownshipProfile(Township township, Area area, double weight) {
    String code() {
      return township.code();
    }

    String name() {
      return township.name();
    }
  }

  /** One district: year-end 2016 and 2018 residents, share of non-local residents, townships. */
  record DistrictProfile(
      String code,
      String name,
      double population2016,
      double population2018,
      double nonLocalShare,
      List<TownshipProfile> townships) {}

  // Year-end resident population in 10,000s (2016, 2018) and share of non-local residents.
  // Fangshan's figures are the brief's published estimates; the other districts' are the
  // statistical yearbook's as transcribed (they sum to the city's 2172.9 and 2154.2); the
  // non-local shares are rounded assumptions.
  private static final Map<String, double[]> DISTRICTS =
      Map.ofEntries(
          Map.entry("110101", new double[] {87.8, 82.2, 0.21}),
          Map.entry("110102", new double[] {125.9, 118.2, 0.25}),
          Map.entry("110105", new double[] {385.6, 360.5, 0.40}),
          Map.entry("110106", new double[] {225.5, 210.5, 0.37}),
          Map.entry("110107", new double[] {63.4, 59.0, 0.30}),
          Map.entry("110108", new double[] {359.3, 335.8, 0.38}),
          Map.entry("110109", new double[] {31.1, 33.1, 0.16}),
          Map.entry("110111", new double[] {110.0, 119.0, 0.25}),
          Map.entry("110112", new double[] {142.8, 157.8, 0.38}),
          Map.entry("110113", new double[] {107.5, 116.9, 0.37}),
          Map.entry("110114", new double[] {201.0, 210.8, 0.50}),
          Map.entry("110115", new double[] {169.4, 179.6, 0.45}),
          Map.entry("110116", new double[] {39.3, 41.4, 0.28}),
          Map.entry("110117", new double[] {43.7, 45.6, 0.12}),
          Map.entry("110118", new double[] {48.0, 49.5, 0.12}),
          Map.entry("110119", new double[] {33.1, 34.8, 0.10}));

  // Fangshan's townships in thousands of residents at the end of 2016 and their kind of place:
  // an assumed split (new-town subdistricts and Changyang largest, mountain townships a few
  // thousand), normalised to the district total.
  private static final Map<String, Object[]> FANGSHAN_TOWNSHIPS =
      Map.ofEntries(
          Map.entry("110111001", new Object[] {75, Area.URBAN}),
          Map.entry("110111002", new Object[] {12, Area.URBAN}),
          Map.entry("110111004", new Object[] {12, Area.URBAN}),
          Map.entry("110111005", new Object[] {18, Area.URBAN}),
          Map.entry("110111006", new Object[] {15, Area.URBAN}),
          Map.entry("110111007", new Object[] {30, Area.URBAN}),
          Map.entry("110111008", new Object[] {85, Area.NEW_TOWN}),
          Map.entry("110111009", new Object[] {30, Area.PLAIN}),
          Map.entry("110111010", new Object[] {55, Area.PLAIN}),
          Map.entry("110111011", new Object[] {120, Area.NEW_TOWN}),
          Map.entry("110111012", new Object[] {95, Area.NEW_TOWN}),
          Map.entry("110111101", new Object[] {60, Area.PLAIN}),
          Map.entry("110111103", new Object[] {55, Area.PLAIN}),
          Map.entry("110111104", new Object[] {30, Area.PLAIN}),
          Map.entry("110111105", new Object[] {145, Area.NEW_TOWN}),
          Map.entry("110111107", new Object[] {14, Area.MOUNTAIN}),
          Map.entry("110111108", new Object[] {25, Area.PLAIN}),
          Map.entry("110111109", new Object[] {30, Area.PLAIN}),
          Map.entry("110111110", new Object[] {18, Area.MOUNTAIN}),
          Map.entry("110111111", new Object[] {12, Area.MOUNTAIN}),
          Map.entry("110111112", new Object[] {45, Area.PLAIN}),
          Map.entry("110111115", new Object[] {40, Area.PLAIN}),
          Map.entry("110111208", new Object[] {8, Area.MOUNTAIN}),
          Map.entry("110111209", new Object[] {5, Area.MOUNTAIN}),
          Map.entry("110111210", new Object[] {9, Area.MOUNTAIN}),
          Map.entry("110111211", new Object[] {5, Area.MOUNTAIN}),
          Map.entry("110111212", new Object[] {6, Area.MOUNTAIN}),
          Map.entry("110111213", new Object[] {3, Area.MOUNTAIN}));

  private static final List<String> CORE_DISTRICTS = List.of("110101", "110102");
  private static final List<String> FRINGE_DISTRICTS =
      List.of("110105", "110106", "110107", "110108", "110114");

  private Geography() {}

  /**
   * The districts to generate, one or all 16 for the city scale, with {@code fraction} of their
   * published populations (the same townships and shares, every count that follows from residents
   * scaled down).
   */
  static List<DistrictProfile> districts(
      Townships ref, boolean city, String districtCode, double fraction) {
    List<DistrictProfile> out = new ArrayList<>();
    for (String code : ref.districtCodes()) {
      if (city || code.equals(districtCode)) {
        DistrictProfile d = district(ref, code);
        out.add(
            new DistrictProfile(
                d.code(),
                d.name(),
                d.population2016() * fraction,
                d.population2018() * fraction,
                d.nonLocalShare(),
                d.townships()));
      }
    }
    return out;
  }

  static DistrictProfile district(Townships ref, String code) {
    double[] figures = DISTRICTS.get(code);
    List<Township> towns = ref.ofDistrict(code);
    if (figures == null || towns.isEmpty()) {
      throw new IllegalArgumentException("not a Beijing district: " + code);
    }
    List<TownshipProfile> profiles = new ArrayList<>();
    for (Township t : towns) {
      profiles.add(profile(t));
    }
    return new DistrictProfile(
        code,
        towns.get(0).districtName(),
        figures[0] * 10_000,
        figures[1] * 10_000,
        figures[2],
        List.copyOf(profiles));
  }

  private static TownshipProfile profile(Township t) {
    Object[] fixed = FANGSHAN_TOWNSHIPS.get(t.code());
    if (fixed != null) {
      return new TownshipProfile(t, (Area) fixed[1], ((Integer) fixed[0]).doubleValue());
    }
    Area area = area(t);
    double base =
        switch (t.kind()) {
          case "街道" -> area == Area.CORE ? 0.8 : 1.0;
          case "地区" -> 1.5;
          case "镇" -> 0.9;
          case "乡" -> 0.3;
          default -> 0.4;
        };
    // The geography does not depend on the seed: sizes vary by a fixed hash of the code.
    double z = Rng.unit(Rng.hash(0, "size", t.code())) * 2 - 1;
    return new TownshipProfile(t, area, 50 * base * Math.exp(0.6 * z));
  }

  private static Area area(Township t) {
    String d = t.districtCode();
    return switch (t.kind()) {
      case "街道" -> CORE_DISTRICTS.contains(d) ? Area.CORE : Area.URBAN;
      case "地区" ->
          FRINGE_DISTRICTS.contains(d) || d.equals("110112") || d.equals("110115")
              ? Area.FRINGE
              : Area.PLAIN;
      case "镇" -> FRINGE_DISTRICTS.contains(d) ? Area.FRINGE : Area.PLAIN;
      case "乡" -> Area.MOUNTAIN;
      default -> Area.URBAN;
    };
  }
}
