package org.dispersal.generate;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;

/** The generator's calendar: month 0 is 2015-01, the baseline; the action starts at month 24. */
final class Months {
  static final YearMonth FIRST = YearMonth.of(2015, 1);

  /** 2017-01, the first month of the special action. */
  static final int ACTION_START = 24;

  /** Minutes are counted from this instant; every timestamp the generator writes is after it. */
  static final LocalDateTime EPOCH = LocalDateTime.of(2000, 1, 1, 0, 0);

  private Months() {}

  static YearMonth of(int index) {
    return FIRST.plusMonths(index);
  }

  static int index(LocalDate date) {
    return (date.getYear() - FIRST.getYear()) * 12 + date.getMonthValue() - 1;
  }

  static int index(YearMonth month) {
    return (month.getYear() - FIRST.getYear()) * 12 + month.getMonthValue() - 1;
  }

  static int year(int index) {
    return FIRST.getYear() + Math.floorDiv(index, 12);
  }

  /** Month of the year, 1–12, of a month index. */
  static int monthOfYear(int index) {
    return Math.floorMod(index, 12) + 1;
  }

  static LocalDate day(int index, int dayOfMonth) {
    return of(index).atDay(dayOfMonth);
  }

  static int lengthOf(int index) {
    return of(index).lengthOfMonth();
  }

  static String label(int index) {
    return of(index).toString();
  }

  /** A timestamp as whole minutes since {@link #EPOCH}: compact to store per record. */
  static int minutes(LocalDateTime t) {
    return (int) java.time.Duration.between(EPOCH, t).toMinutes();
  }

  static LocalDateTime fromMinutes(int minutes) {
    return EPOCH.plusMinutes(minutes);
  }

  /** The epoch day of a date, as an int. */
  static int epochDay(LocalDate d) {
    return (int) d.toEpochDay();
  }

  static LocalDate fromEpochDay(int day) {
    return LocalDate.ofEpochDay(day);
  }
}
