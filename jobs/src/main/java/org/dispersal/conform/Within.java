package org.dispersal.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;

/**
 * A condition that a row lies in one of a set of townships, written so that Delta can skip the
 * files of the others. Delta reduces an IN list to the range between its least and greatest value
 * before it compares that with each file's minimum and maximum, so one list of the townships of 东城区
 * (110101…) and 通州区 (110112…) would keep every file of the nine districts between them; one list
 * per district (the first six digits of a township's code) keeps each range tight.
 */
final class Within {
  private static final int DISTRICT_DIGITS = 6;

  private Within() {}

  /** The townships grouped by district, each group sorted (the order makes plans repeatable). */
  static List<List<String>> byDistrict(Collection<String> townships) {
    Map<String, TreeSet<String>> groups = new TreeMap<>();
    for (String code : townships) {
      String district = code.length() > DISTRICT_DIGITS ? code.substring(0, DISTRICT_DIGITS) : code;
      groups.computeIfAbsent(district, k -> new TreeSet<>()).add(code);
    }
    return groups.values().stream().map(List::copyOf).toList();
  }

  /** The condition on a column of township codes; false for no townships. */
  static Column column(String name, Collection<String> townships) {
    Column any = lit(false);
    for (List<String> group : byDistrict(townships)) {
      any = any.or(col(name).isin(group.toArray()));
    }
    return any;
  }

  /**
   * The condition as SQL on a column (qualified by a table alias when one is given); the codes must
   * be quotable (no quote or backslash).
   */
  static String sql(String alias, String name, Collection<String> townships) {
    String column = (alias == null ? "" : alias + ".") + "`" + name + "`";
    if (townships.isEmpty()) {
      return "false";
    }
    return byDistrict(townships).stream()
        .map(group -> column + " IN (" + Fold.quoted(group) + ")")
        .collect(Collectors.joining(" OR ", "(", ")"));
  }
}
