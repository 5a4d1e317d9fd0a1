package org.dispersal.common;

import java.nio.file.Paths;
import java.util.List;

/**
 * Where the system reads and writes: landing files, the Delta lake, exports and run summaries.
 *
 * <p>Values are local paths or Hadoop filesystem URIs; local paths are made absolute so that the
 * same value means the same place for the driver and for Spark.
 */
public record PathsConfig(String landing, String lake, String exports, String runs, String umask) {

  public static final Setting<String> LANDING =
      Setting.location(
          "paths.landing", "./data/landing", "Landing folder the departments' files arrive in.");
  public static final Setting<String> LAKE =
      Setting.location(
          "paths.lake", "./data/lake", "Root of the Delta tables (bronze, silver, gold).");
  public static final Setting<String> EXPORTS =
      Setting.location(
          "paths.exports", "./data/exports", "Where the leading group's workbooks are written.");
  public static final Setting<String> RUNS =
      Setting.location("paths.runs", "./data/runs", "Where each run's JSON summary is written.");

  public static final Setting<String> UMASK =
      Setting.umask(
          "paths.umask",
          "077",
          "Permission bits withheld from every file and folder written to the lake, exports and"
              + " runs (octal, as the shell's umask): 077 = owner only, 027 lets the group read.");

  public static final List<Setting<?>> SETTINGS = List.of(LANDING, LAKE, EXPORTS, RUNS, UMASK);

  public static PathsConfig from(Settings s) {
    return new PathsConfig(
        qualify(s.get(LANDING)),
        qualify(s.get(LAKE)),
        qualify(s.get(EXPORTS)),
        qualify(s.get(RUNS)),
        s.get(UMASK));
  }

  /** A URI with a scheme is kept; a local path becomes an absolute {@code file:} URI. */
  public static String qualify(String location) {
    if (location.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*")) {
      return location;
    }
    return Paths.get(location).toAbsolutePath().normalize().toUri().toString();
  }
}
