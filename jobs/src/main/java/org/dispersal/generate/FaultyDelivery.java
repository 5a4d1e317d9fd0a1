package org.dispersal.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A delivery written correctly (as the resubmission) that also leaves, under the regular name, the
 * faulty first version: GBK bytes behind a UTF-8 byte-order mark, a file cut inside its last
 * record, or one without a required column.
 */
final class FaultyDelivery implements Delivery {
  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final Delivery good;
  private final Path root;
  private final String faultyName;
  private final DefectKind fault;
  private final Defects defects;
  private final Ledger ledger;
  private final CsvDelivery twin;
  private final String droppedColumn;

  FaultyDelivery(
      Delivery good,
      Path root,
      String faultyName,
      Schedule.Slot slot,
      DefectKind fault,
      Defects defects)
      throws IOException {
    this.good = good;
    this.root = root;
    this.faultyName = faultyName;
    this.fault = fault;
    this.defects = defects;
    this.ledger = slot.ledger();
    if (fault == DefectKind.FILE_MISSING_COLUMN) {
      int[] required = ledger.required();
      int drop = required[Math.floorMod(faultyName.hashCode(), required.length)];
      this.droppedColumn = ledger.columnName(drop);
      this.twin =
          new CsvDelivery(
              root.resolve(faultyName),
              faultyName,
              slot.style(),
              ledger.header(slot.style().english()),
              drop);
    } else {
      this.droppedColumn = "";
      this.twin = null;
    }
  }

  @Override
  public int write(Object[] cells) throws IOException {
    if (twin != null) {
      twin.write(cells);
    }
    return good.write(cells);
  }

  @Override
  public String name() {
    return good.name();
  }

  @Override
  public long rows() {
    return good.rows();
  }

  @Override
  public void close() throws IOException {
    good.close();
    Path target = root.resolve(faultyName);
    switch (fault) {
      case FILE_MISSING_COLUMN -> twin.close();
      case FILE_WRONG_ENCODING -> {
        byte[] gbk = Files.readAllBytes(root.resolve(good.name()));
        byte[] out = new byte[gbk.length + 3];
        System.arraycopy(UTF8_BOM, 0, out, 0, 3);
        System.arraycopy(gbk, 0, out, 3, gbk.length);
        Files.write(target, out);
      }
      case FILE_TRUNCATED ->
          Files.write(target, truncate(Files.readAllBytes(root.resolve(good.name()))));
      default -> throw new IllegalStateException(fault.id);
    }
    defects.record(
        ledger,
        faultyName,
        null,
        fault,
        "",
        droppedColumn,
        "",
        "corrected copy delivered as " + good.name());
  }

  /** Cuts the last record before its last comma: fewer fields and no line end. */
  static byte[] truncate(byte[] bytes) {
    int end = bytes.length;
    while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
      end--;
    }
    int start = end;
    while (start > 0 && bytes[start - 1] != '\n') {
      start--;
    }
    int cut = end;
    for (int i = end - 1; i > start; i--) {
      if (bytes[i] == ',') {
        cut = i;
        break;
      }
    }
    byte[] out = new byte[cut];
    System.arraycopy(bytes, 0, out, 0, cut);
    return out;
  }
}
