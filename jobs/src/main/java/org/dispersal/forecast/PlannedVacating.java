package org.dispersal.forecast;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dispersal.common.DispersalException;

/**
 * The vacating still planned per township and kind (m², from the as-of date to the year's end): by
 * default what the open targets of the as-of year imply, or a scenario file's figures.
 */
final class PlannedVacating {
  /** Which estimate kinds a task metric vacates (T1's area splits by the township's history). */
  static final Map<String, List<String>> KINDS_OF_METRIC =
      Map.of(
          "T1|拆除面积", List.of("residential", "business_demolition", "other_structure"),
          "T4|散乱污企业", List.of("business_closure"),
          "T4|一般制造业企业", List.of("business_closure"),
          "T5|区域性专业市场", List.of("business_closure"),
          "T7|群租房", List.of("group_rental"),
          "T7|地下空间", List.of("basement"));

  private PlannedVacating() {}

  /**
   * @param history area and count vacated per township × kind since 2017 ({@code [area, count]})
   */
  static Map<String, Map<String, Double>> fromTargets(
      List<TaskSeries> series,
      List<Target> targets,
      Map<String, Map<String, double[]>> history,
      String district,
      int year) {
    Map<String, Map<String, Double>> planned = new TreeMap<>();
    for (TaskSeries s : series) {
      List<String> kinds = KINDS_OF_METRIC.get(s.task() + "|" + s.metric());
      if (kinds == null) {
        continue;
      }
      List<Target> open =
          targets.stream()
              .filter(
                  t ->
                      t.task().equals(s.task())
                          && t.metric().equals(s.metric())
                          && Target.YEAR.equals(t.scope())
                          && t.year() == year
                          && t.atLeast())
              .toList();
      Map<String, Double> remaining = new TreeMap<>();
      double districtLeft = 0;
      for (Target t : open) {
        double[] h = t.district() ? s.district() : s.townships().get(t.township());
        double left =
            h == null
                ? 0
                : Math.max(0, t.value() - Attainment.sum(h, t.firstMonth(), h.length - 1));
        if (t.township().equals(district)) {
          districtLeft = left;
        } else {
          remaining.put(t.township(), left);
        }
      }
      double[] total = s.district();
      double all = Attainment.sum(total, 0, total.length - 1);
      for (Map.Entry<String, double[]> town : s.townships().entrySet()) {
        double left = remaining.getOrDefault(town.getKey(), Double.NaN);
        if (Double.isNaN(left)) {
          double done = Attainment.sum(town.getValue(), 0, town.getValue().length - 1);
          left = all > 0 ? districtLeft * done / all : districtLeft / s.townships().size();
        }
        Map<String, double[]> mine = history.getOrDefault(town.getKey(), Map.of());
        double areaAll = kinds.stream().mapToDouble(k -> area(mine, k)).sum();
        for (String kind : kinds) {
          if (kind.equals("other_structure")) {
            continue;
          }
          double share = kinds.size() == 1 ? 1 : areaAll > 0 ? area(mine, kind) / areaAll : 0;
          double perUnit = "平方米".equals(s.unit()) ? 1 : areaPerUnit(history, kind);
          double amount = left * share * perUnit;
          if (amount > 0) {
            planned
                .computeIfAbsent(town.getKey(), k -> new TreeMap<>())
                .merge(kind, amount, Double::sum);
          }
        }
      }
    }
    return planned;
  }

  private static double area(Map<String, double[]> byKind, String kind) {
    double[] v = byKind.get(kind);
    return v == null ? 0 : v[0];
  }

  /** Mean floor area per vacated unit of a kind over all townships; 0 when none was counted. */
  private static double areaPerUnit(Map<String, Map<String, double[]>> history, String kind) {
    double area = 0;
    double count = 0;
    for (Map<String, double[]> t : history.values()) {
      double[] v = t.get(kind);
      if (v != null) {
        area += v[0];
        count += v[1];
      }
    }
    return count > 0 ? area / count : 0;
  }

  /** Reads a scenario: CSV with a header township_code,kind,planned_area_m2 (m² per kind). */
  static Map<String, Map<String, Double>> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw DispersalException.usage(
          "cannot read the scenario file " + file,
          e.getMessage(),
          "give a readable CSV file with --scenario");
    }
    Map<String, Map<String, Double>> planned = new TreeMap<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split(",", -1);
      String kind = f.length == 3 ? f[1].strip() : "";
      double amount;
      try {
        amount = f.length == 3 ? Double.parseDouble(f[2].strip()) : Double.NaN;
      } catch (NumberFormatException e) {
        amount = Double.NaN;
      }
      if (!ForecastColumns.KINDS.contains(kind) || !(amount >= 0)) {
        throw DispersalException.usage(
            "line " + (i + 1) + " of the scenario file " + file + " is not usable: " + line,
            "expected township_code,kind,planned_area_m2 with a kind among "
                + String.join(", ", ForecastColumns.KINDS)
                + " and an area of at least 0",
            "correct the line; the header is township_code,kind,planned_area_m2");
      }
      planned.computeIfAbsent(f[0].strip(), k -> new TreeMap<>()).merge(kind, amount, Double::sum);
    }
    return planned;
  }
}
