package org.dispersal.generate;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One record of a ledger as it will be written: cells in the contract's column order (text,
 * numbers, dates), the true business key and township code, and the defects already built into it
 * (a wrong check digit belongs to the record, not to one delivery).
 */
final class Row {
  /** A defect carried by a row: its kind, the column it is in, and the true value. */
  record Flaw(String kind, String field, String trueValue, String detail) {}

  final Ledger ledger;
  final String key;
  final String townshipCode;
  final Object[] cells;
  final List<Flaw> flaws;

  Row(Ledger ledger, String key, String townshipCode, Object[] cells) {
    this(ledger, key, townshipCode, cells, new ArrayList<>(0));
  }

  private Row(Ledger ledger, String key, String townshipCode, Object[] cells, List<Flaw> flaws) {
    this.ledger = ledger;
    this.key = key;
    this.townshipCode = townshipCode;
    this.cells = cells;
    this.flaws = flaws;
  }

  Object get(String column) {
    return cells[ledger.column(column)];
  }

  void set(String column, Object value) {
    cells[ledger.column(column)] = value;
  }

  LocalDateTime updatedAt() {
    return (LocalDateTime) get(Columns.UPDATED_AT);
  }

  /** An independent copy, so a later delivery can change it without touching this one. */
  Row copy() {
    return new Row(ledger, key, townshipCode, cells.clone(), new ArrayList<>(flaws));
  }

  /** Whether the row carries no defect at all. */
  boolean clean() {
    return flaws.isEmpty();
  }
}
