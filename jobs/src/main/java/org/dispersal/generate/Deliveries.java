package org.dispersal.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Opens the delivery files of a district under the landing folder and decides, up front, which of
 * them get a whole-file fault: the faulty file takes the regular name and the department's
 * corrected resubmission follows as {@code _重报}; an empty file comes as an extra {@code _补充}.
 */
final class Deliveries {
  static final String RESUBMITTED = "_重报";
  static final String SUPPLEMENT = "_补充";

  /** Files and data rows written per ledger. */
  record Count(long files, long rows) {}

  private final Path root;
  private final Defects defects;
  private final Map<Ledger, long[]> counts = new EnumMap<>(Ledger.class);
  private final Map<String, DefectKind> faults = new HashMap<>();
  private final Set<String> empties = new HashSet<>();
  private final LocalDateTime notAfter;
  private String prefix = "";

  /**
   * @param notAfter the end of the as-of date: no file is saved later
   */
  Deliveries(Path root, Defects defects, LocalDateTime notAfter) {
    this.root = root;
    this.defects = defects;
    this.notAfter = notAfter;
    for (Ledger l : Ledger.values()) {
      counts.put(l, new long[2]);
    }
  }

  /** Plans a district's whole-file faults over its deliveries. */
  void startDistrict(String filePrefix, List<Schedule.Slot> slots, Rng r, double rate) {
    this.prefix = filePrefix;
    faults.clear();
    empties.clear();
    if (rate <= 0) {
      return;
    }
    List<Schedule.Slot> csv = new ArrayList<>();
    List<Schedule.Slot> gbk = new ArrayList<>();
    for (Schedule.Slot s : slots) {
      // Early demolition months may be empty: a fault needs rows to show.
      boolean hasRows = s.ledger() != Ledger.DEMOLITION || !s.style().isGbk();
      if (!s.style().xlsx() && hasRows && s.ledger() != Ledger.TARGETS) {
        csv.add(s);
        if (s.style().isGbk()) {
          gbk.add(s);
        }
      }
    }
    choose(gbk, DefectKind.FILE_WRONG_ENCODING, r, rate);
    choose(csv, DefectKind.FILE_TRUNCATED, r, rate);
    choose(csv, DefectKind.FILE_MISSING_COLUMN, r, rate);
    int n = Math.max(1, (int) Math.round(rate * slots.size()));
    List<Schedule.Slot> all = new ArrayList<>(slots);
    for (int i = 0; i < n && !all.isEmpty(); i++) {
      empties.add(all.remove(r.between(0, all.size() - 1)).id());
    }
  }

  private void choose(List<Schedule.Slot> eligible, DefectKind kind, Rng r, double rate) {
    List<Schedule.Slot> free = new ArrayList<>();
    for (Schedule.Slot s : eligible) {
      if (!faults.containsKey(s.id())) {
        free.add(s);
      }
    }
    int n = Math.max(1, (int) Math.round(rate * eligible.size()));
    for (int i = 0; i < n && !free.isEmpty(); i++) {
      faults.put(free.remove(r.between(0, free.size() - 1)).id(), kind);
    }
  }

  /** Opens a delivery; a planned fault or extra empty file is produced when it is closed. */
  Delivery open(Schedule.Slot slot) throws IOException {
    String base = slot.ledger().folder + "/" + prefix + slot.ledger().stem + "_" + slot.period();
    String ext = "." + slot.style().extension();
    DefectKind fault = faults.get(slot.id());
    String name = fault == null ? base + ext : base + RESUBMITTED + ext;
    String[] header = slot.ledger().header(slot.style().english());
    Delivery d =
        slot.style().xlsx()
            ? new XlsxDelivery(root.resolve(name), name, slot.style(), header, slot.stamp())
            : new CsvDelivery(root.resolve(name), name, slot.style(), header, -1);
    counts.get(slot.ledger())[0]++;
    if (empties.contains(slot.id())) {
      String empty = base + SUPPLEMENT + ext;
      Files.createDirectories(root.resolve(empty).getParent());
      Files.write(root.resolve(empty), new byte[0]);
      saved(empty, slot.stamp().plusDays(1));
      defects.record(
          slot.ledger(),
          empty,
          null,
          DefectKind.FILE_EMPTY,
          "",
          "",
          "",
          "an extra delivery with no bytes");
      counts.get(slot.ledger())[0]++;
    }
    if (fault == null) {
      return new Counted(d, slot, List.of(name));
    }
    counts.get(slot.ledger())[0]++;
    return new Counted(
        new FaultyDelivery(d, root, base + ext, slot, fault, defects),
        slot,
        List.of(base + ext, name));
  }

  /**
   * Dates a file as saved when the department delivered it (in Asia/Shanghai): the backtest's
   * "known then" reads it from the delivery's modification time.
   */
  private void saved(String name, LocalDateTime when) throws IOException {
    LocalDateTime t = when.isAfter(notAfter) ? notAfter : when;
    Files.setLastModifiedTime(
        root.resolve(name),
        java.nio.file.attribute.FileTime.from(
            t.atZone(org.dispersal.common.RunConfig.ZONE).toInstant()));
  }

  Map<Ledger, Count> counts() {
    Map<Ledger, Count> out = new EnumMap<>(Ledger.class);
    counts.forEach((l, c) -> out.put(l, new Count(c[0], c[1])));
    return out;
  }

  /** Adds a delivery's rows to the ledger's count when it is closed. */
  private final class Counted implements Delivery {
    private final Delivery inner;
    private final Schedule.Slot slot;
    private final List<String> files;

    /**
     * @param files the regular file, then the corrected resubmission of a faulty one
     */
    Counted(Delivery inner, Schedule.Slot slot, List<String> files) {
      this.inner = inner;
      this.slot = slot;
      this.files = files;
    }

    @Override
    public int write(Object[] cells) throws IOException {
      return inner.write(cells);
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public long rows() {
      return inner.rows();
    }

    @Override
    public void close() throws IOException {
      inner.close();
      counts.get(slot.ledger())[1] += inner.rows();
      // A resubmission follows the rejected file by a few days.
      for (int i = 0; i < files.size(); i++) {
        saved(files.get(i), slot.stamp().plusDays(3L * i));
      }
    }
  }
}
