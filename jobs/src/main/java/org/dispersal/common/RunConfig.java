package org.dispersal.common;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** What a run is about: the as-of date it reports on and the district it covers. */
public record RunConfig(LocalDate asOf, String districtCode) {

  /** The time zone of every date the system reasons about. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  /** The code that runs the whole city (Beijing): every district's townships at once. */
  public static final String CITY = "110000";

  public static final Setting<LocalDate> AS_OF =
      Setting.date(
          "run.as-of",
          "",
          "Date the run reports on, YYYY-MM-DD; empty means today (Asia/Shanghai). Set by --as-of.");
  public static final Setting<String> DISTRICT =
      Setting.text(
          "run.district",
          "110111",
          true,
          "6-digit code of the district being run (110111 = Fangshan); township names resolve within it."
              + " 110000 runs the whole city: all 349 townships, names resolved city-wide.");

  public static final List<Setting<?>> SETTINGS = List.of(AS_OF, DISTRICT);

  public static RunConfig from(Settings s) {
    LocalDate asOf = s.get(AS_OF);
    String district = s.get(DISTRICT);
    if (!district.matches("11\\d{4}")) {
      throw DispersalException.invalidValue(
          DISTRICT.key(), district, "expected a 6-digit Beijing district code such as 110111");
    }
    return new RunConfig(asOf == null ? LocalDate.now(ZONE) : asOf, district);
  }

  /** Whether the run covers the whole city rather than one district. */
  public boolean city() {
    return CITY.equals(districtCode);
  }

  /** Whether a township of the given district belongs to a run of {@code runDistrict}. */
  public static boolean covers(String runDistrict, String townshipDistrict) {
    return CITY.equals(runDistrict) || runDistrict.equals(townshipDistrict);
  }
}
