package org.dispersal.export;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dispersal.common.DispersalException;
import org.dispersal.common.Setting;
import org.dispersal.common.Settings;
import org.dispersal.forecast.ForecastConfig;

/**
 * The export's settings: small-count suppression, status colours, chart font, and the forecast's
 * on-track and at-risk thresholds (settings of the forecast) for the conditional colours.
 */
public record ExportConfig(
    int smallCountThreshold,
    Map<String, String> statusColours,
    String fontSample,
    boolean chartsRequired,
    double onTrack,
    double atRisk) {

  public static final Setting<Integer> SMALL_COUNT_THRESHOLD =
      Setting.integer(
          "export.small-count-threshold",
          5,
          1,
          100,
          "Person counts below this in a linkage breakdown are shown as \"<N\" (no exact figure).");
  public static final Setting<String> STATUS_COLOURS =
      Setting.text(
          "export.status-colours",
          "on_track=C6EFCE,at_risk=FFEB9C,off_track=FFC7CE",
          true,
          "Fill colours (RGB hex) of the status cells: on_track (also met), at_risk, off_track"
              + " (also missed).");
  public static final Setting<String> FONT_SAMPLE =
      Setting.text(
          "export.font-sample",
          "常住人口万平方米",
          true,
          "Text the charts' font must display entirely; a font that cannot is not used.");

  public static final Setting<String> CHARTS =
      Setting.choice(
          "export.charts",
          "required",
          List.of("required", "when-font"),
          "required: fail when no CJK font is installed (charts must not show boxes); when-font:"
              + " without one, write the workbook, CSV and briefing without charts and warn"
              + " (the demo uses this, so it runs on a machine with only a JDK).");

  public static final List<Setting<?>> SETTINGS =
      List.of(SMALL_COUNT_THRESHOLD, STATUS_COLOURS, FONT_SAMPLE, CHARTS);

  private static final List<String> STATUSES = List.of("on_track", "at_risk", "off_track");

  public static ExportConfig from(Settings s) {
    ForecastConfig forecast = ForecastConfig.from(s);
    String raw = s.get(STATUS_COLOURS);
    Map<String, String> colours = new LinkedHashMap<>();
    for (String part : raw.split(",")) {
      String[] kv = part.trim().split("=", 2);
      if (kv.length != 2
          || !STATUSES.contains(kv[0].trim())
          || !kv[1].trim().matches("[0-9A-Fa-f]{6}")) {
        throw DispersalException.invalidValue(
            STATUS_COLOURS.key(), raw, "expected on_track=RRGGBB,at_risk=RRGGBB,off_track=RRGGBB");
      }
      colours.put(kv[0].trim(), kv[1].trim().toUpperCase(java.util.Locale.ROOT));
    }
    if (!colours.keySet().containsAll(STATUSES)) {
      throw DispersalException.invalidValue(
          STATUS_COLOURS.key(), raw, "all of on_track, at_risk and off_track need a colour");
    }
    return new ExportConfig(
        s.get(SMALL_COUNT_THRESHOLD),
        // sorted, not Map.copyOf: its order (and so toString, part of the stage's fingerprint)
        // changes from one JVM to the next
        Collections.unmodifiableMap(new TreeMap<>(colours)),
        s.get(FONT_SAMPLE),
        s.get(CHARTS).equals("required"),
        // the forecast's status thresholds, declared once there, colour the probability cells
        forecast.onTrack(),
        forecast.atRisk());
  }

  /** The colour of a status (met counts as on track, missed as off track); null when none. */
  String colour(String status) {
    if (status == null) {
      return null;
    }
    return switch (status) {
      case "met" -> statusColours.get("on_track");
      case "missed" -> statusColours.get("off_track");
      default -> statusColours.get(status);
    };
  }

  /** A person count as shown: the number, or "<N" below the threshold. */
  Object persons(Number n) {
    if (n == null) {
      return null;
    }
    return n.longValue() < smallCountThreshold ? "<" + smallCountThreshold : n.longValue();
  }
}
