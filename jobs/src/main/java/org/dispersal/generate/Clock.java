package org.dispersal.generate;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Dates of events and the times clerks enter them: an event in the last month falls on or before
 * the as-of date, and nothing is entered after it.
 */
final class Clock {
  final LocalDate asOf;
  final int lastMonth;
  private final LocalDateTime asOfEnd;

  Clock(LocalDate asOf) {
    this.asOf = asOf;
    this.lastMonth = Months.index(asOf);
    this.asOfEnd = asOf.atTime(23, 59);
  }

  /** A random day of a month; in the as-of month, not after the as-of date. */
  LocalDate day(Rng r, int month) {
    int last = month == lastMonth ? asOf.getDayOfMonth() : Months.lengthOf(month);
    return Months.day(month, r.between(1, last));
  }

  /** A random day of a month not before a given day (which must be in or before that month). */
  LocalDate dayFrom(Rng r, int month, LocalDate earliest) {
    LocalDate d = day(r, month);
    return d.isBefore(earliest) ? earliest : d;
  }

  /**
   * When a clerk enters an event: the same day or a few days later, in office hours, and at least a
   * day after the record's previous entry (so later versions of a record sort later); never after
   * the end of the as-of date.
   *
   * @param notBefore minutes since {@link Months#EPOCH} of the previous entry plus a day, or 0
   */
  LocalDateTime entry(Rng r, LocalDate event, int notBefore) {
    double u = r.next();
    int lag = u < 0.55 ? 0 : u < 0.80 ? 1 : r.between(2, 6);
    LocalDateTime t =
        event
            .plusDays(lag)
            .atTime(8, 30)
            .plusMinutes(r.between(0, 570))
            .plusSeconds(r.between(0, 59));
    if (Months.minutes(t) < notBefore) {
      t = Months.fromMinutes(notBefore).plusMinutes(r.between(0, 90)).plusSeconds(r.between(0, 59));
    }
    return t.isAfter(asOfEnd) ? asOfEnd : t;
  }

  /** The minutes value a later entry of the same record must not precede. */
  static int dayAfter(LocalDateTime t) {
    return Months.minutes(t) + 24 * 60;
  }
}
