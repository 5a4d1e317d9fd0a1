package org.dispersal.generate;

/**
 * The generator's defect kinds and the rule that must catch each, exactly as in
 * docs/quality-rules.md. An empty rule means no rule fires: conform must resolve it silently.
 */
enum DefectKind {
  DUPLICATE("duplicate", "duplicates / corrections"),
  CORRECTION("correction", "duplicates / corrections"),
  TOWNSHIP_MISSPELLED("township_misspelled", ""),
  TOWNSHIP_UNKNOWN("township_unknown", "township.unknown"),
  CREDIT_CODE_CHECK("credit_code_check", "credit_code.check"),
  ID_NUMBER_CHECK("id_number_check", "id_number.check"),
  AREA_NEGATIVE("area_negative", "area.range"),
  AREA_ABSURD("area_absurd", "area.range"),
  DATE_FUTURE("date_future", "date.range"),
  DATE_BEFORE_2000("date_before_2000", "date.range"),
  MISSING_REQUIRED("missing_required", "required.missing"),
  FILE_WRONG_ENCODING("file_wrong_encoding", "file.undecodable"),
  FILE_TRUNCATED("file_truncated", "file.truncated"),
  FILE_MISSING_COLUMN("file_missing_column", "file.missing_column"),
  FILE_EMPTY("file_empty", "file.empty");

  final String id;
  final String rule;

  DefectKind(String id, String rule) {
    this.id = id;
    this.rule = rule;
  }

  boolean wholeFile() {
    return id.startsWith("file_");
  }
}
