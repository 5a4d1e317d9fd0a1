package org.dispersal.forecast;

import java.time.LocalDate;
import java.time.YearMonth;

/** Month arithmetic on the forecast's time axis: index 0 is 2017-01, the action's first month. */
final class Months {
  static final YearMonth START = YearMonth.of(2017, 1);

  private Months() {}

  static int index(YearMonth month) {
    return (month.getYear() - START.getYear()) * 12 + month.getMonthValue() - 1;
  }

  static int index(String yyyyMm) {
    return index(YearMonth.parse(yyyyMm.substring(0, 7)));
  }

  static YearMonth of(int index) {
    return START.plusMonths(index);
  }

  static LocalDate end(int index) {
    return of(index).atEndOfMonth();
  }

  /** Index of December of a year: the deadline of that year's targets. */
  static int december(int year) {
    return (year - START.getYear()) * 12 + 11;
  }

  static int january(int year) {
    return (year - START.getYear()) * 12;
  }

  static int monthOfYear(int index) {
    return Math.floorMod(index, 12) + 1;
  }
}
