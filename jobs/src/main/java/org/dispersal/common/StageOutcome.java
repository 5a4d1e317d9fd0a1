package org.dispersal.common;

import java.util.Map;

/**
 * What a stage did, for the run tables and the operator: row counts, rejected files and the Delta
 * table versions it wrote.
 */
public record StageOutcome(
    String stage,
    long rowsIn,
    long rowsOut,
    long rowsQuarantined,
    int filesRejected,
    Map<String, Long> tableVersions,
    String summary) {

  public StageOutcome {
    tableVersions = Map.copyOf(tableVersions);
  }
}
