package org.dispersal.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** How each row-level defect kind changes a row; every change keeps the true value. */
final class RowDefects {
  private static final LocalDate Y2000 = LocalDate.of(2000, 1, 1);

  private RowDefects() {}

  /** Applies a defect if the row offers what it needs (an area, a date, an alias). */
  static void apply(DefectKind kind, Row row, Rng r, TownshipSpeller speller, LocalDate asOf) {
    switch (kind) {
      case TOWNSHIP_MISSPELLED -> {
        if (isTownship(row) && speller.hasWrongForm(row.townshipCode)) {
          flaw(row, kind, Columns.TOWNSHIP, row.townshipCode);
          row.set(Columns.TOWNSHIP, speller.wrongForm(row.townshipCode, r));
        }
      }
      case TOWNSHIP_UNKNOWN -> {
        if (isTownship(row)) {
          flaw(row, kind, Columns.TOWNSHIP, row.townshipCode);
          row.set(Columns.TOWNSHIP, speller.unknownName(r));
        }
      }
      case AREA_NEGATIVE, AREA_ABSURD -> area(kind, row, r);
      case DATE_FUTURE, DATE_BEFORE_2000 -> date(kind, row, r, asOf);
      case MISSING_REQUIRED -> missing(row, r);
      default -> throw new IllegalArgumentException(kind + " is not a row defect");
    }
  }

  private static boolean isTownship(Row row) {
    return row.townshipCode != null && row.townshipCode.length() == 9;
  }

  private static String areaColumn(Ledger l) {
    return switch (l) {
      case RENTAL -> Columns.RENTED_AREA;
      case LICENSE -> Columns.FLOOR_AREA;
      case DEMOLITION -> Columns.DEMOLISHED_AREA;
      default -> null;
    };
  }

  private static String dateColumn(Ledger l) {
    return switch (l) {
      case RENTAL -> Columns.REGISTERED_ON;
      case LICENSE -> Columns.ESTABLISHED_ON;
      case DEMOLITION -> Columns.DEMOLISHED_ON;
      default -> null;
    };
  }

  private static void area(DefectKind kind, Row row, Rng r) {
    String column = areaColumn(row.ledger);
    if (column == null || !(row.get(column) instanceof Double area)) {
      return;
    }
    double bad;
    if (kind == DefectKind.AREA_NEGATIVE) {
      bad = r.chance(0.2) ? 0.0 : -area;
    } else {
      // A unit slip (hectares typed as square metres, or extra zeros) or a placeholder.
      bad = area * 10_000 > 1_000_000 ? area * 10_000 : 9_999_999.0;
    }
    flaw(row, kind, column, FileStyle.number(area));
    row.set(column, bad);
  }

  private static void date(DefectKind kind, Row row, Rng r, LocalDate asOf) {
    String column = dateColumn(row.ledger);
    if (column == null || !(row.get(column) instanceof LocalDate d)) {
      return;
    }
    LocalDate bad;
    if (kind == DefectKind.DATE_FUTURE) {
      // Swapped year digits (2019 -> 2091) when that lands after the as-of date, else +10 years.
      int y = d.getYear();
      int swapped = y / 100 * 100 + (y % 10) * 10 + (y / 10) % 10;
      bad = d.withYear(swapped);
      if (!bad.isAfter(asOf)) {
        bad = asOf.plusYears(10).withDayOfYear(Math.min(d.getDayOfYear(), 365));
      }
    } else {
      int choice = r.between(0, 2);
      bad =
          choice == 0
              ? LocalDate.of(1900, 1, 1)
              : choice == 1 ? LocalDate.of(1970, 1, 1) : d.minusYears(r.between(20, 40));
      if (!bad.isBefore(Y2000)) {
        bad = LocalDate.of(1999, d.getMonthValue(), Math.min(d.getDayOfMonth(), 28));
      }
    }
    flaw(row, kind, column, d.toString());
    row.set(column, bad);
  }

  private static void missing(Row row, Rng r) {
    List<Integer> candidates = new ArrayList<>();
    for (int c : row.ledger.required()) {
      boolean township = c == row.ledger.townshipColumn();
      if (row.cells[c] != null && (!township || isTownship(row))) {
        candidates.add(c);
      }
    }
    if (candidates.isEmpty()) {
      return;
    }
    int c = candidates.get(r.between(0, candidates.size() - 1));
    Object value = row.cells[c];
    String truth =
        c == row.ledger.townshipColumn()
            ? row.townshipCode
            : value instanceof Double d ? FileStyle.number(d) : value.toString();
    flaw(row, DefectKind.MISSING_REQUIRED, row.ledger.columnName(c), truth);
    row.cells[c] = null;
  }

  private static void flaw(Row row, DefectKind kind, String column, String truth) {
    row.flaws.add(new Row.Flaw(kind.id, column, truth, ""));
  }
}
