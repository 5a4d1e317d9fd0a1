package org.dispersal.ops;

import java.time.Duration;
import java.util.List;
import org.dispersal.common.Setting;
import org.dispersal.common.Settings;

/**
 * How runs share a lake: lock take-over, how long old table versions are kept and which files
 * maintenance compacts.
 */
public record OpsConfig(Duration staleLockAfter, int retentionDays, int compactBelowMb) {

  public static final Setting<Integer> STALE_LOCK_HOURS =
      Setting.integer(
          "ops.stale-lock-hours",
          12,
          1,
          24 * 30,
          "A lock held from another host is taken over after this many hours (on the same host a"
              + " lock whose process is gone is taken over at once).");
  public static final Setting<Integer> RETENTION_DAYS =
      Setting.integer(
          "maintain.retention-days",
          60,
          7,
          3650,
          "VACUUM keeps table versions this many days (set as each table's file and log"
              + " retention), so as-of runs and week-on-week comparisons can time-travel that far"
              + " back.");

  public static final Setting<Integer> COMPACT_BELOW_MB =
      Setting.integer(
          "maintain.compact-below-mb",
          4,
          1,
          1024,
          "OPTIMIZE compacts the files smaller than this many MB (Spark's cost of opening one);"
              + " larger files keep their layout, such as conform's files of a few townships each"
              + " (conform.rows-per-file).");

  public static final List<Setting<?>> SETTINGS =
      List.of(STALE_LOCK_HOURS, RETENTION_DAYS, COMPACT_BELOW_MB);

  public static OpsConfig from(Settings s) {
    return new OpsConfig(
        Duration.ofHours(s.get(STALE_LOCK_HOURS)), s.get(RETENTION_DAYS), s.get(COMPACT_BELOW_MB));
  }
}
