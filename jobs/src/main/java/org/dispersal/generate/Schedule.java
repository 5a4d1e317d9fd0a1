package org.dispersal.generate;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Which deliveries a district makes and how each is written: monthly files for rental, licence,
 * demolition and (from 2017) progress; yearly population files for completed years; the targets
 * once in 2017 and a revision in mid-2019.
 */
final class Schedule {
  /** One planned delivery: its ledger, the period in its name, its style and save time. */
  record Slot(Ledger ledger, String period, FileStyle style, LocalDateTime stamp) {
    String id() {
      return ledger.folder + "/" + period;
    }
  }

  /** The month rental moved from the legacy GBK export to the new UTF-8 system (2018-07). */
  static final int RENTAL_NEW_SYSTEM = 42;

  static final String TARGETS_PERIOD = "2017-2020";
  static final String REVISION_PERIOD = "2019";
  static final LocalDateTime TARGETS_ISSUED = LocalDateTime.of(2017, 2, 28, 16, 20);
  static final LocalDateTime REVISION_ISSUED = LocalDateTime.of(2019, 7, 15, 10, 5);

  private Schedule() {}

  static List<Slot> slots(Clock clock) {
    List<Slot> out = new ArrayList<>();
    for (int m = 0; m <= clock.lastMonth; m++) {
      for (Ledger l : List.of(Ledger.RENTAL, Ledger.LICENSE, Ledger.DEMOLITION, Ledger.PROGRESS)) {
        if (l != Ledger.PROGRESS || m >= Months.ACTION_START) {
          out.add(monthly(l, m, clock));
        }
      }
    }
    for (int y = 2015; y < clock.asOf.getYear(); y++) {
      out.add(yearly(y));
    }
    if (!clock.asOf.isBefore(TARGETS_ISSUED.toLocalDate())) {
      out.add(
          new Slot(
              Ledger.TARGETS,
              TARGETS_PERIOD,
              FileStyle.xlsx(true, FileStyle.DateForm.ISO),
              TARGETS_ISSUED));
    }
    if (!clock.asOf.isBefore(REVISION_ISSUED.toLocalDate())) {
      FileStyle english = FileStyle.utf8Csv(FileStyle.DateForm.ISO, false).withEnglishHeaders();
      out.add(new Slot(Ledger.TARGETS, "调整_" + REVISION_PERIOD, english, REVISION_ISSUED));
    }
    return out;
  }

  static Slot monthly(Ledger l, int m, Clock clock) {
    LocalDate saved = m == clock.lastMonth ? clock.asOf : Months.day(m + 1, Math.min(5, 1 + m % 4));
    LocalDateTime stamp = saved.atTime(9 + m % 8, 10 + m % 40);
    return new Slot(l, Months.label(m), monthlyStyle(l, m), stamp);
  }

  static FileStyle monthlyStyle(Ledger l, int m) {
    return switch (l) {
      case RENTAL ->
          m < RENTAL_NEW_SYSTEM
              ? FileStyle.gbkCsv(FileStyle.DateForm.SLASH)
              : FileStyle.utf8Csv(FileStyle.DateForm.ISO, false);
      case LICENSE ->
          m == 0
              ? FileStyle.xlsx(true, FileStyle.DateForm.ISO)
              : FileStyle.utf8Csv(FileStyle.DateForm.CHINESE, true);
      case DEMOLITION ->
          m < Months.ACTION_START
              ? FileStyle.gbkCsv(FileStyle.DateForm.CHINESE)
              : FileStyle.xlsx(m % 6 != 5, FileStyle.DateForm.SLASH);
      case PROGRESS ->
          Months.monthOfYear(m) % 3 == 0
              ? FileStyle.xlsx(true, FileStyle.DateForm.ISO)
              : FileStyle.utf8Csv(FileStyle.DateForm.ISO, true);
      default -> throw new IllegalArgumentException(l + " is not monthly");
    };
  }

  static Slot yearly(int year) {
    FileStyle style =
        year <= 2016
            ? FileStyle.gbkCsv(FileStyle.DateForm.ISO)
            : FileStyle.xlsx(true, FileStyle.DateForm.ISO);
    return new Slot(
        Ledger.POPULATION, String.valueOf(year), style, LocalDateTime.of(year + 1, 3, 20, 15, 30));
  }

  /** Whether the population file of a year uses codes for townships (the older exports). */
  static boolean populationByCode(int year) {
    return year <= 2016;
  }
}
