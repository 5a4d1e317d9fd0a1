package org.dispersal.ingest;

/** Why a whole file cannot be ingested: a whole-file rule id and a reason a clerk can act on. */
final class FileRejection extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String ruleId;

  FileRejection(String ruleId, String reason) {
    super(reason, null, false, false);
    this.ruleId = ruleId;
  }

  String ruleId() {
    return ruleId;
  }

  String reason() {
    return getMessage();
  }
}
