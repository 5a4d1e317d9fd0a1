package org.dispersal.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dispersal.common.RunConfig;

/**
 * The date forms of the contract: {@code YYYY-MM-DD}, {@code YYYY/M/D}, {@code YYYY年M月D日} (Excel
 * date cells arrive as {@code YYYY-MM-DD[ HH:MM:SS]}), datetimes adding {@code HH:MM[:SS]}, months
 * as {@code YYYY-MM}. Anything else is not a date.
 */
final class Dates {
  private static final String DAY =
      "(\\d{4})-(\\d{1,2})-(\\d{1,2})|(\\d{4})/(\\d{1,2})/(\\d{1,2})|(\\d{4})年(\\d{1,2})月(\\d{1,2})日";
  private static final Pattern DATETIME =
      Pattern.compile("(?:" + DAY + ")(?:\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?");
  private static final Pattern MONTH =
      Pattern.compile("(\\d{4})-(\\d{1,2})|(\\d{4})/(\\d{1,2})|(\\d{4})年(\\d{1,2})月");

  private Dates() {}

  /**
   * A date, or null if the text is in none of the forms or names no real day. A time of exactly
   * midnight is tolerated, as database exports write dates that way.
   */
  static LocalDate date(String text) {
    LocalDateTime t = dateTime(text);
    return t == null || !t.toLocalTime().equals(LocalTime.MIDNIGHT) ? null : t.toLocalDate();
  }

  /** A date with an optional time of day, or null. */
  static LocalDateTime dateTime(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = DATETIME.matcher(text.strip());
    if (!m.matches()) {
      return null;
    }
    int g = m.group(1) != null ? 1 : m.group(4) != null ? 4 : 7;
    try {
      LocalDate day = LocalDate.of(num(m, g), num(m, g + 1), num(m, g + 2));
      if (m.group(10) == null) {
        return day.atStartOfDay();
      }
      int seconds = m.group(12) == null ? 0 : num(m, 12);
      return day.atTime(num(m, 10), num(m, 11), seconds);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The instant of a datetime read as Beijing time, or null. */
  static Instant instant(String text) {
    LocalDateTime t = dateTime(text);
    return t == null ? null : t.atZone(RunConfig.ZONE).toInstant();
  }

  /** The first day of a month given as {@code YYYY-MM} (or any date form: its month), or null. */
  static LocalDate month(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = MONTH.matcher(text.strip());
    if (m.matches()) {
      int g = m.group(1) != null ? 1 : m.group(3) != null ? 3 : 5;
      try {
        return LocalDate.of(num(m, g), num(m, g + 1), 1);
      } catch (DateTimeException e) {
        return null;
      }
    }
    LocalDate day = date(text);
    return day == null ? null : day.withDayOfMonth(1);
  }

  private static int num(Matcher m, int group) {
    return Integer.parseInt(m.group(group));
  }
}
