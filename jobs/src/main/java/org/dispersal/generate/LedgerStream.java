package org.dispersal.generate;

import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The monthly deliveries of one keyed ledger (rental, licence, demolition). A row goes into the
 * delivery of the month it was entered in, so late entries wait for the next file; on the way it
 * may be repeated in a later delivery (duplicate), first delivered wrong and corrected later
 * (correction), or given a row defect.
 */
final class LedgerStream {
  private final Ledger ledger;
  private final Deliveries deliveries;
  private final Defects defects;
  private final Clock clock;

  /** A row waiting for a later delivery; copies (duplicates, corrections) are written as is. */
  private record Waiting(Row row, boolean copy) {}

  private final Map<Integer, List<Waiting>> waiting = new TreeMap<>();
  private Delivery current;
  private int month = -1;

  LedgerStream(Ledger ledger, Deliveries deliveries, Defects defects, Clock clock) {
    this.ledger = ledger;
    this.deliveries = deliveries;
    this.defects = defects;
    this.clock = clock;
  }

  /** Opens the month's delivery and writes what waited for it. */
  void open(int m) throws IOException {
    month = m;
    current = deliveries.open(Schedule.monthly(ledger, m, clock));
    List<Waiting> due = waiting.remove(m);
    if (due != null) {
      for (Waiting w : due) {
        if (w.copy()) {
          write(w.row());
        } else {
          fresh(w.row());
        }
      }
    }
  }

  void close() throws IOException {
    current.close();
    current = null;
  }

  /** Emits a row entered at its 更新时间: now, or in the delivery of the month it was entered. */
  void emit(Row row) throws IOException {
    int entered = Months.index(row.updatedAt().toLocalDate());
    if (entered > month) {
      later(entered, row);
    } else {
      fresh(row);
    }
  }

  /** Keeps a row (e.g. a later status update) for the delivery of a later month. */
  void later(int m, Row row) {
    if (m <= clock.lastMonth) {
      waiting.computeIfAbsent(m, k -> new ArrayList<>()).add(new Waiting(row, false));
    }
  }

  private void fresh(Row row) throws IOException {
    if (defects.chance(ledger) && Corrections.applicable(row)) {
      correction(row);
      return;
    }
    defects.inject(row);
    int n = write(row);
    if (row.clean() && month < clock.lastMonth && defects.chance(ledger)) {
      Row copy = row.copy();
      copy.flaws.add(
          new Row.Flaw(DefectKind.DUPLICATE.id, "", "", "repeats " + current.name() + " row " + n));
      int target = Math.min(clock.lastMonth, month + defects.stream(ledger).between(1, 4));
      waiting.computeIfAbsent(target, k -> new ArrayList<>()).add(new Waiting(copy, true));
    }
  }

  // The row goes out wrong now and right a few hours later, in the next delivery.
  private void correction(Row row) throws IOException {
    Row wrong = row.copy();
    String[] change = Corrections.mutate(wrong, defects.stream(ledger));
    int n = write(wrong);
    Row fixed = row.copy();
    LocalDateTime at = row.updatedAt().plusMinutes(defects.stream(ledger).between(60, 360));
    fixed.set(Columns.UPDATED_AT, at);
    fixed.flaws.add(
        new Row.Flaw(
            DefectKind.CORRECTION.id,
            change[0],
            change[1],
            "corrects "
                + current.name()
                + " row "
                + n
                + " ("
                + change[0]
                + " was "
                + change[2]
                + ")"));
    if (month < clock.lastMonth) {
      waiting.computeIfAbsent(month + 1, k -> new ArrayList<>()).add(new Waiting(fixed, true));
    } else {
      write(fixed);
    }
  }

  private int write(Row row) throws IOException {
    int n = current.write(row.cells);
    defects.recorded(row, current.name(), n);
    return n;
  }
}
