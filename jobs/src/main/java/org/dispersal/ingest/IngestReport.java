package org.dispersal.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one ingest did, per ledger: files new, skipped and rejected, rows loaded and quarantined,
 * the most frequent quarantine reasons; and the summary table the CLI prints from it.
 */
public final class IngestReport {

  /** One ledger's figures; {@code filesNew} counts rejected files too. */
  record Line(
      Ledger ledger,
      int filesNew,
      int filesSkipped,
      int filesRejected,
      long rowsRead,
      long rowsLoaded,
      long rowsQuarantined,
      List<String> topReasons) {}

  /** A file rejected as a whole, and why. */
  record Rejected(Ledger ledger, String fileName, String ruleId, String reason) {}

  private final List<Line> lines;
  private final List<Rejected> rejected;

  IngestReport(List<Line> lines, List<Rejected> rejected) {
    this.lines = List.copyOf(lines);
    this.rejected = List.copyOf(rejected);
  }

  List<Line> lines() {
    return lines;
  }

  List<Rejected> rejected() {
    return rejected;
  }

  public int filesRejected() {
    return rejected.size();
  }

  public long rowsRead() {
    return lines.stream().mapToLong(Line::rowsRead).sum();
  }

  public long rowsLoaded() {
    return lines.stream().mapToLong(Line::rowsLoaded).sum();
  }

  public long rowsQuarantined() {
    return lines.stream().mapToLong(Line::rowsQuarantined).sum();
  }

  /** The one summary table of {@code ./dispersal ingest}, then the rejected files if any. */
  public String table() {
    String format = "%-11s %5s %8s %9s %12s %12s  %s%n";
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            format,
            "LEDGER",
            "NEW",
            "SKIPPED",
            "REJECTED",
            "ROWS LOADED",
            "QUARANTINED",
            "TOP QUARANTINE REASONS"));
    int filesNew = 0;
    int skipped = 0;
    for (Line l : lines) {
      filesNew += l.filesNew();
      skipped += l.filesSkipped();
      sb.append(
          String.format(
              Locale.ROOT,
              format,
              l.ledger().folder(),
              l.filesNew(),
              l.filesSkipped(),
              l.filesRejected(),
              Rules.count(l.rowsLoaded()),
              Rules.count(l.rowsQuarantined()),
              String.join("; ", l.topReasons())));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            format,
            "total",
            filesNew,
            skipped,
            filesRejected(),
            Rules.count(rowsLoaded()),
            Rules.count(rowsQuarantined()),
            ""));
    if (!rejected.isEmpty()) {
      sb.append(String.format(Locale.ROOT, "%nRejected files (nothing of them was loaded):%n"));
      for (Rejected r : rejected) {
        sb.append(
            String.format(
                Locale.ROOT,
                "  %s/%s  %s  %s%n",
                r.ledger().folder(),
                r.fileName(),
                r.ruleId(),
                r.reason()));
      }
    }
    return sb.toString();
  }

  /** Collects the lines as ledgers finish. */
  static final class Builder {
    private final List<Line> lines = new ArrayList<>();
    private final List<Rejected> rejected = new ArrayList<>();

    void line(Line line) {
      lines.add(line);
    }

    void rejected(Rejected r) {
      rejected.add(r);
    }

    IngestReport build() {
      return new IngestReport(lines, rejected);
    }
  }
}
