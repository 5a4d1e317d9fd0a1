package org.dispersal.common;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** What a run is about: the as-of date it reports on and the district it covers. */
public record RunConfig(LocalDate asOf, String districtCode) {

  /** The time zone of every date the system reasons about. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

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
          "6-digit code of the district being run (110111 = Fangshan); township names resolve within it.");

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
}
