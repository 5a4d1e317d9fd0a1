package org.dispersal.conform;

import java.io.Serializable;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.dispersal.common.RunConfig;

/**
 * Maps what clerks write in the township column — 9- or 12-digit codes, full names, names without
 * their suffix, older forms and known misspellings — to the 9-digit code, within one district (or
 * city-wide for {@link RunConfig#CITY}, where a name shared by townships of two districts is
 * ambiguous).
 */
final class TownshipResolver implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String[] SUFFIXES = {"街道办事处", "街道", "地区", "镇", "乡"};

  /** One township of the reference list. */
  record Township(String code, String name, String kind, String districtCode)
      implements Serializable {}

  /** A known alternative spelling: short name, older form or misspelling. */
  record Alias(String alias, String code, String kind) implements Serializable {}

  /** The outcome: a code and how it was found, or null code with a status and candidates. */
  record Resolution(String code, String method, String status, List<String> candidates)
      implements Serializable {}

  static final String RESOLVED = "resolved";
  static final String UNKNOWN = "unknown";
  static final String AMBIGUOUS = "ambiguous";

  private static final int MEMO_LIMIT = 100_000;

  private final String districtCode;
  private transient Map<String, Resolution> memo;
  private final Map<String, String> codes = new HashMap<>();
  private final Map<String, Set<String>> names = new HashMap<>();
  private final Map<String, String> methods = new HashMap<>();
  private final Map<String, String> displayNames = new HashMap<>();

  TownshipResolver(List<Township> townships, List<Alias> aliases, String districtCode) {
    this.districtCode = districtCode;
    for (Township t : townships) {
      if (!RunConfig.covers(districtCode, t.districtCode())) {
        continue;
      }
      codes.put(t.code(), t.code());
      displayNames.put(t.code(), t.name());
      addName(t.name(), t.code(), "name");
      String shortName = shortName(t.name());
      if (!shortName.equals(t.name())) {
        addName(shortName, t.code(), "short_name");
      }
    }
    for (Alias a : aliases) {
      if (codes.containsKey(a.code())) {
        addName(clean(a.alias()), a.code(), a.kind());
      }
    }
  }

  private void addName(String name, String code, String method) {
    names.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(code);
    methods.putIfAbsent(name, method);
  }

  /** Every spelling the district's addresses may start with (for address keys). */
  List<String> spellings() {
    return new ArrayList<>(names.keySet());
  }

  /** The official name of a code of this district, or null. */
  String nameOf(String code) {
    return displayNames.get(code);
  }

  /**
   * The resolution of a raw value. Ledgers repeat the same few thousand spellings, and an unknown
   * one costs a comparison with every township (349 in a city run), so each task remembers what it
   * resolved (up to {@link #MEMO_LIMIT} values).
   */
  Resolution resolve(String raw) {
    Map<String, Resolution> m = memo;
    if (m == null) {
      m = new ConcurrentHashMap<>();
      memo = m;
    }
    String key = raw == null ? "" : raw;
    Resolution r = m.get(key);
    if (r == null) {
      r = resolveAnew(raw);
      if (m.size() < MEMO_LIMIT) {
        m.put(key, r);
      }
    }
    return r;
  }

  private Resolution resolveAnew(String raw) {
    String s = clean(raw);
    if (s.isEmpty()) {
      return new Resolution(null, null, UNKNOWN, List.of());
    }
    if (s.matches("\\d{12}") && s.endsWith("000")) {
      s = s.substring(0, 9);
    }
    if (s.matches("\\d{9}")) {
      return codes.containsKey(s)
          ? new Resolution(s, "code", RESOLVED, List.of())
          : new Resolution(null, null, UNKNOWN, List.of());
    }
    Set<String> found = names.get(s);
    if (found == null) {
      found = names.get(shortName(s));
    }
    if (found == null) {
      return new Resolution(null, null, UNKNOWN, closest(s));
    }
    if (found.size() > 1) {
      return new Resolution(null, null, AMBIGUOUS, List.copyOf(found));
    }
    String method = methods.getOrDefault(s, methods.get(shortName(s)));
    return new Resolution(found.iterator().next(), method, RESOLVED, List.of());
  }

  private List<String> closest(String s) {
    LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
    // Each township's distance once, not once per comparison of the sort.
    return codes.keySet().stream()
        .map(
            c ->
                Map.entry(
                    c,
                    Math.min(
                        distance.apply(s, displayNames.get(c)),
                        distance.apply(s, shortName(displayNames.get(c))))))
        .sorted(
            Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .limit(3)
        .map(e -> displayNames.get(e.getKey()) + " (" + e.getKey() + ")")
        .toList();
  }

  String districtCode() {
    return districtCode;
  }

  static String shortName(String name) {
    for (String suffix : SUFFIXES) {
      if (name.endsWith(suffix) && name.length() > suffix.length() + 1) {
        return name.substring(0, name.length() - suffix.length());
      }
    }
    return name;
  }

  private static String clean(String raw) {
    if (raw == null) {
      return "";
    }
    return Normalizer.normalize(raw, Normalizer.Form.NFKC).replaceAll("[\\s\\u3000]+", "");
  }
}
