package org.dispersal.ingest;

import java.text.NumberFormat;
import java.util.Locale;

/**
 * The rule ids of {@code docs/quality-rules.md} that ingest applies, and the wording shared by
 * their reasons (Chinese first, then English).
 */
final class Rules {
  // Whole-file rules: the delivery is rejected.
  static final String FILE_EMPTY = "file.empty";
  static final String FILE_UNDECODABLE = "file.undecodable";
  static final String FILE_TRUNCATED = "file.truncated";
  static final String FILE_MISSING_COLUMN = "file.missing_column";
  static final String FILE_UNREADABLE = "file.unreadable";
  static final String FILE_TOO_LARGE = "file.too_large";

  // Row rules: the row is quarantined.
  static final String ROW_COLUMNS = "row.columns";
  static final String REQUIRED_MISSING = "required.missing";
  static final String NUMBER_INVALID = "number.invalid";
  static final String AREA_RANGE = "area.range";
  static final String COUNT_RANGE = "count.range";
  static final String DATE_INVALID = "date.invalid";
  static final String DATE_RANGE = "date.range";
  static final String ENUM_INVALID = "enum.invalid";
  static final String CREDIT_CODE_CHECK = "credit_code.check";

  // Flag kept on loaded rows.
  static final String ID_NUMBER_CHECK = "id_number.check";

  private Rules() {}

  /** {@code 第 1,204 行} — the row number as a clerk sees it in Excel. */
  static String row(long rowNumber) {
    return "第 " + NumberFormat.getIntegerInstance(Locale.ROOT).format(rowNumber) + " 行";
  }

  /** Thousands separated, as in reasons and the summary. */
  static String count(long n) {
    return NumberFormat.getIntegerInstance(Locale.ROOT).format(n);
  }
}
