package org.dispersal.generate;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Injects row defects at the configured rate per kind and records every defect, with file and row,
 * in {@code _truth/defects.csv}. At most one row-level defect is injected per row, so a row can
 * always be repaired from the truth.
 */
final class Defects implements Closeable {
  private static final List<DefectKind> ROW_KINDS =
      List.of(
          DefectKind.TOWNSHIP_MISSPELLED,
          DefectKind.TOWNSHIP_UNKNOWN,
          DefectKind.AREA_NEGATIVE,
          DefectKind.AREA_ABSURD,
          DefectKind.DATE_FUTURE,
          DefectKind.DATE_BEFORE_2000,
          DefectKind.MISSING_REQUIRED);

  private final double rate;
  private final LocalDate asOf;
  private final TruthTable table;
  private final Map<DefectKind, Long> counts = new EnumMap<>(DefectKind.class);
  private final Map<Ledger, Rng> streams = new EnumMap<>(Ledger.class);
  private TownshipSpeller speller;

  Defects(Path file, double rate, LocalDate asOf) throws IOException {
    this.rate = rate;
    this.asOf = asOf;
    this.table =
        new TruthTable(
            file,
            "ledger",
            "file",
            "row",
            "kind",
            "business_key",
            "expected_rule",
            "field",
            "true_value",
            "detail");
    for (DefectKind k : DefectKind.values()) {
      counts.put(k, 0L);
    }
  }

  /** Switches to a district: its township names and fresh decision streams. */
  void startDistrict(TownshipSpeller districtSpeller, long seed, String districtCode) {
    this.speller = districtSpeller;
    for (Ledger l : Ledger.values()) {
      streams.put(l, Rng.derive(seed, "defects", districtCode, l));
    }
  }

  double rate() {
    return rate;
  }

  /** A decision at the defect rate, drawn from the ledger's own stream. */
  boolean chance(Ledger ledger) {
    return rate > 0 && streams.get(ledger).chance(rate);
  }

  Rng stream(Ledger ledger) {
    return streams.get(ledger);
  }

  /** Maybe injects one row-level defect into the row, recording it among the row's flaws. */
  void inject(Row row) {
    if (rate <= 0) {
      return;
    }
    Rng r = streams.get(row.ledger);
    double u = r.next();
    double step = Math.min(rate, 1.0 / ROW_KINDS.size());
    int k = (int) (u / step);
    if (k < ROW_KINDS.size()) {
      RowDefects.apply(ROW_KINDS.get(k), row, r, speller, asOf);
    }
  }

  /** Records the flaws of a row just written at the given file and row number. */
  void recorded(Row row, String file, int rowNumber) throws IOException {
    for (Row.Flaw f : row.flaws) {
      DefectKind kind = kindOf(f.kind());
      record(row.ledger, file, rowNumber, kind, row.key, f.field(), f.trueValue(), f.detail());
    }
  }

  void record(
      Ledger ledger,
      String file,
      Integer row,
      DefectKind kind,
      String key,
      String field,
      String trueValue,
      String detail)
      throws IOException {
    table.row(ledger.folder, file, row, kind.id, key, kind.rule, field, trueValue, detail);
    counts.merge(kind, 1L, Long::sum);
  }

  Map<DefectKind, Long> counts() {
    return counts;
  }

  private static DefectKind kindOf(String id) {
    for (DefectKind k : DefectKind.values()) {
      if (k.id.equals(id)) {
        return k;
      }
    }
    throw new IllegalArgumentException(id);
  }

  @Override
  public void close() throws IOException {
    table.close();
  }
}
