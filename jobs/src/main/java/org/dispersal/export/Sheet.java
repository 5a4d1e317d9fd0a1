package org.dispersal.export;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One sheet of the export as plain values (its blocks of columns and rows), written the same way to
 * XLSX, CSV and HTML.
 */
record Sheet(String name, String file, List<Block> blocks) {

  /** How a column's values are shown: the kind and the unit printed after the number. */
  enum Kind {
    TEXT,
    NUMBER,
    DECIMAL,
    PERCENT,
    /** A probability of meeting a target, shown as a percentage and coloured by threshold. */
    PROBABILITY,
    AREA_WAN,
    /** A number in the unit named by the row's 单位 column. */
    ROW_UNIT,
    STATUS
  }

  /** A column: Chinese header, kind, unit (e.g. 人, 家, 万平方米) and width in characters. */
  record Column(String header, Kind kind, String unit, int width) {
    static Column text(String header, int width) {
      return new Column(header, Kind.TEXT, "", width);
    }

    static Column number(String header, String unit) {
      return new Column(header, Kind.NUMBER, unit == null ? "" : unit, 14);
    }

    /** The header with its unit, e.g. "完成（人）". */
    String title() {
      return unit.isEmpty() ? header : header + "（" + unit + "）";
    }
  }

  /** A titled table; rows hold String, Number or null; STATUS cells hold the English status. */
  record Block(String title, List<Column> columns, List<List<Object>> rows) {
    Block(String title, List<Column> columns) {
      this(title, columns, new ArrayList<>());
    }

    void add(Object... values) {
      rows.add(new ArrayList<>(Arrays.asList(values)));
    }
  }

  /** The Chinese word of a status. */
  static String statusText(Object status) {
    if (status == null) {
      return "";
    }
    return switch (status.toString()) {
      case "on_track" -> "正常推进";
      case "at_risk" -> "存在风险";
      case "off_track" -> "进度滞后";
      case "met" -> "已完成";
      case "missed" -> "未完成";
      default -> status.toString();
    };
  }

  /** A cell as text for CSV and HTML: numbers in their unit (area in 万平方米), statuses in Chinese. */
  static String text(Column c, Object v) {
    if (v == null) {
      return "";
    }
    if (!(v instanceof Number n)) {
      return c.kind() == Kind.STATUS ? statusText(v) : v.toString();
    }
    double d = n.doubleValue();
    return switch (c.kind()) {
      case AREA_WAN -> String.format(java.util.Locale.ROOT, "%.2f", d / 10_000);
      case PERCENT, PROBABILITY -> String.format(java.util.Locale.ROOT, "%.1f%%", d * 100);
      case ROW_UNIT -> String.format(java.util.Locale.ROOT, d == Math.rint(d) ? "%.0f" : "%.2f", d);
      case DECIMAL -> String.format(java.util.Locale.ROOT, "%.2f", d);
      default -> String.format(java.util.Locale.ROOT, "%.0f", d);
    };
  }
}
