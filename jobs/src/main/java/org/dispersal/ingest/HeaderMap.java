package org.dispersal.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where each contract column sits in a file's header: Chinese or English names, matched without
 * regard to surrounding spaces or case; unknown columns are ignored and noted.
 */
final class HeaderMap {
  private final String[] header;
  private final int[] fieldIndex; // per ledger field: its column in the file
  private final boolean[] personal; // per file column: holds personal data
  private final List<String> ignored = new ArrayList<>();

  private HeaderMap(Ledger ledger, String[] header) {
    this.header = header;
    this.fieldIndex = new int[ledger.fields().size()];
    this.personal = new boolean[header.length];
    Arrays.fill(fieldIndex, -1);
    Map<String, Integer> byName = new HashMap<>();
    for (int f = 0; f < ledger.fields().size(); f++) {
      Field field = ledger.fields().get(f);
      byName.put(normalise(field.zh()), f);
      byName.put(normalise(field.name()), f);
    }
    for (int i = 0; i < header.length; i++) {
      String name = clean(header[i]);
      Integer f = byName.get(normalise(name));
      if (f == null) {
        ignored.add(
            name.isEmpty() ? "(第 " + (i + 1) + " 列无表头 / column " + (i + 1) + " blank)" : name);
      } else if (fieldIndex[f] >= 0) {
        ignored.add(name + " (重复 / duplicate)");
      } else {
        fieldIndex[f] = i;
        personal[i] = ledger.fields().get(f).kind().maybePersonal();
      }
    }
  }

  /**
   * Maps a header row onto the ledger's columns.
   *
   * @throws FileRejection file.missing_column naming every contract column the header lacks
   */
  static HeaderMap of(Ledger ledger, String[] header) {
    HeaderMap map = new HeaderMap(ledger, header);
    List<String> missing = new ArrayList<>();
    for (int f = 0; f < map.fieldIndex.length; f++) {
      if (map.fieldIndex[f] < 0) {
        Field field = ledger.fields().get(f);
        missing.add(field.zh() + " (" + field.name() + ")");
      }
    }
    if (!missing.isEmpty()) {
      throw new FileRejection(
          Rules.FILE_MISSING_COLUMN,
          "表头缺少列: "
              + String.join(", ", missing)
              + " / the header lacks column(s) of the "
              + ledger.title()
              + " contract");
    }
    return map;
  }

  /** Trims spaces of any kind (full-width, no-break, a stray byte-order mark). */
  static String clean(String cell) {
    if (cell == null) {
      return "";
    }
    // A loop, not a regular expression: this runs for every cell of every file.
    int start = 0;
    int end = cell.length();
    while (start < end && space(cell.charAt(start))) {
      start++;
    }
    while (end > start && space(cell.charAt(end - 1))) {
      end--;
    }
    return start == 0 && end == cell.length() ? cell : cell.substring(start, end);
  }

  static boolean space(char c) {
    return Character.isWhitespace(c) || c == '\u3000' || c == '\u00A0' || c == '\uFEFF';
  }

  private static String normalise(String name) {
    return clean(name).toLowerCase(Locale.ROOT).replaceAll("[\\s\\u3000]+", "_");
  }

  int width() {
    return header.length;
  }

  /** The file column of a ledger field (by its position in {@link Ledger#fields()}). */
  int column(int field) {
    return fieldIndex[field];
  }

  /** Header cells that map to no contract column, as a note for the deliveries table. */
  List<String> ignored() {
    return ignored;
  }

  /**
   * A record that does not line up with the header, as JSON of header → value. Values are shifted
   * by up to the difference in field count, so every cell near a personal column is masked, and
   * anything that looks like an ID or phone number anywhere else is masked too.
   */
  String rawJson(String[] cells) {
    int shift = Math.abs(cells.length - header.length);
    StringBuilder sb = new StringBuilder("{");
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < cells.length; i++) {
      String key = i < header.length ? clean(header[i]) : "";
      if (key.isEmpty() || !keys.add(key)) {
        key = (i < header.length ? "_col_" : "_extra_") + (i + 1);
        keys.add(key);
      }
      String value =
          cells[i] == null ? null : nearPersonal(i, shift) ? Pii.MASK : Pii.scrub(cells[i]);
      if (i > 0) {
        sb.append(',');
      }
      appendJson(sb, key).append(':');
      if (value == null) {
        sb.append("null");
      } else {
        appendJson(sb, value);
      }
    }
    return sb.append('}').toString();
  }

  private boolean nearPersonal(int column, int shift) {
    for (int p = Math.max(0, column - shift);
        p <= Math.min(personal.length - 1, column + shift);
        p++) {
      if (personal[p]) {
        return true;
      }
    }
    return false;
  }

  private static StringBuilder appendJson(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"');
  }
}
