package org.dispersal.ingest;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The rows the file readers emit, before any row rule: one per record (contract columns as text,
 * personal ones already hashed) and one per file (how reading it went).
 */
final class Staging {
  static final String KIND = "_kind";
  static final String RECORD = "record";
  static final String FILE = "file";

  static final String DELIVERY_ID = "delivery_id";
  static final String ROW_NUMBER = "row_number";
  static final String FIELD_COUNT = "_field_count";
  static final String HEADER_COUNT = "_header_count";

  /** Only for records that do not line up with the header: their cells, masked. */
  static final String RAW_CELLS = "_raw_cells";

  static final String FILE_STATUS = "_file_status";
  static final String FILE_RULE_ID = "_file_rule_id";
  static final String FILE_REASON = "_file_reason";
  static final String FILE_FORMAT = "_file_format";
  static final String FILE_ENCODING = "_file_encoding";
  static final String FILE_ROWS_READ = "_file_rows_read";
  static final String FILE_IGNORED = "_file_ignored_columns";

  static final String LOADED = "loaded";
  static final String REJECTED = "rejected";

  private static final int LEADING = 6;
  private static final int TRAILING = 7;

  private Staging() {}

  /** The staged schema of a ledger. */
  static StructType schema(Ledger ledger) {
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField(KIND, DataTypes.StringType, false));
    fields.add(DataTypes.createStructField(DELIVERY_ID, DataTypes.StringType, false));
    fields.add(DataTypes.createStructField(ROW_NUMBER, DataTypes.IntegerType, true));
    fields.add(DataTypes.createStructField(FIELD_COUNT, DataTypes.IntegerType, true));
    fields.add(DataTypes.createStructField(HEADER_COUNT, DataTypes.IntegerType, true));
    fields.add(DataTypes.createStructField(RAW_CELLS, DataTypes.StringType, true));
    for (Field f : ledger.fields()) {
      fields.add(DataTypes.createStructField(f.stagedName(), DataTypes.StringType, true));
      if (f.kind() == Field.Kind.ID_NUMBER) {
        fields.add(DataTypes.createStructField(f.validColumn(), DataTypes.BooleanType, true));
      }
    }
    fields.add(DataTypes.createStructField(FILE_STATUS, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(FILE_RULE_ID, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(FILE_REASON, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(FILE_FORMAT, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(FILE_ENCODING, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(FILE_ROWS_READ, DataTypes.LongType, true));
    fields.add(DataTypes.createStructField(FILE_IGNORED, DataTypes.StringType, true));
    return DataTypes.createStructType(fields);
  }

  /** Number of values of a staged row of this ledger. */
  static int width(Ledger ledger) {
    int n = LEADING + TRAILING;
    for (Field f : ledger.fields()) {
      n += f.kind() == Field.Kind.ID_NUMBER ? 2 : 1;
    }
    return n;
  }

  /**
   * A record lined up with the header: each contract column's cell, trimmed (empty becomes null),
   * personal values replaced by their keyed hash (and an ID's check-digit flag), free text masked.
   */
  static Row record(
      Ledger ledger, String deliveryId, int rowNumber, String[] cells, HeaderMap header, Pii pii) {
    Object[] v = new Object[width(ledger)];
    v[0] = RECORD;
    v[1] = deliveryId;
    v[2] = rowNumber;
    v[3] = header.width();
    v[4] = header.width();
    int i = LEADING;
    List<Field> fields = ledger.fields();
    boolean unlicensed = false;
    for (int f = 0; f < fields.size(); f++) {
      if (fields.get(f).name().equals("entity_type")) {
        int c = header.column(f);
        unlicensed = c < cells.length && Pii.UNLICENSED.equals(value(cells[c]));
      }
    }
    for (int f = 0; f < fields.size(); f++) {
      Field field = fields.get(f);
      int column = header.column(f);
      String cell = column < cells.length ? value(cells[column]) : null;
      switch (field.kind()) {
        case NAME, PHONE -> v[i++] = pii.hash(field.kind(), cell);
        case ID_NUMBER -> {
          v[i++] = pii.hash(field.kind(), cell);
          v[i++] = Pii.idValid(cell);
        }
        case FREE_TEXT -> v[i++] = Pii.scrub(cell);
        case ENTITY_NAME -> v[i++] = unlicensed ? Pii.maskPersonName(cell) : Pii.scrub(cell);
        default -> v[i++] = cell;
      }
    }
    return RowFactory.create(v);
  }

  /** A record whose number of fields differs from the header's: only its masked cells are kept. */
  static Row misaligned(
      Ledger ledger, String deliveryId, int rowNumber, String[] cells, HeaderMap header) {
    return misaligned(ledger, deliveryId, rowNumber, cells, cells.length, header);
  }

  /**
   * A record that does not line up with the header, counted as {@code fields} fields (more than its
   * cells when a quoted value swallowed whole lines).
   */
  static Row misaligned(
      Ledger ledger,
      String deliveryId,
      int rowNumber,
      String[] cells,
      int fields,
      HeaderMap header) {
    Object[] v = new Object[width(ledger)];
    v[0] = RECORD;
    v[1] = deliveryId;
    v[2] = rowNumber;
    v[3] = fields;
    v[4] = header.width();
    v[5] = header.rawJson(cells);
    return RowFactory.create(v);
  }

  /** How reading a file went: loaded (with rows read) or rejected (with rule and reason). */
  static Row file(
      Ledger ledger,
      String deliveryId,
      FileRejection rejection,
      String format,
      String encoding,
      long rowsRead,
      List<String> ignored) {
    Object[] v = new Object[width(ledger)];
    v[0] = FILE;
    v[1] = deliveryId;
    int t = v.length - TRAILING;
    v[t] = rejection == null ? LOADED : REJECTED;
    v[t + 1] = rejection == null ? null : rejection.ruleId();
    v[t + 2] = rejection == null ? null : rejection.reason();
    v[t + 3] = format;
    v[t + 4] = encoding;
    v[t + 5] = rejection == null ? rowsRead : 0L;
    v[t + 6] = ignored == null || ignored.isEmpty() ? null : String.join(", ", ignored);
    return RowFactory.create(v);
  }

  /** A cell's value: surrounding spaces of any kind removed; empty means unknown (null). */
  static String value(String cell) {
    if (cell == null) {
      return null;
    }
    String v = HeaderMap.clean(cell);
    if (v.indexOf('\uFEFF') >= 0 || v.indexOf('\u200B') >= 0) {
      // A byte-order mark or zero-width space inside a value (pasted, or files joined): invisible,
      // and it would make a key differ from the same key typed cleanly.
      v = HeaderMap.clean(v.replace("\uFEFF", "").replace("\u200B", ""));
    }
    return v.isEmpty() ? null : v;
  }

  /** Whether a record has no value at all (a blank line or an empty sheet row). */
  static boolean blank(String[] cells) {
    for (String c : cells) {
      if (c != null && !HeaderMap.clean(c).isEmpty()) {
        return false;
      }
    }
    return true;
  }
}
