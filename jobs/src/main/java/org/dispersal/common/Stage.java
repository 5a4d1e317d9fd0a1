package org.dispersal.common;

import org.apache.spark.sql.SparkSession;

/** One step of the nightly pipeline (ingest, conform, panel, …); every stage is idempotent. */
public interface Stage {

  /** The stage's name as the CLI and the run tables show it. */
  String name();

  /**
   * Checks what the stage needs before anything starts (no Spark, no lock, nothing written); throws
   * a {@link DispersalException} when it is missing.
   */
  default void preflight(Settings settings, RunContext run) {}

  /** Runs the stage for one run; IO happens here, transformations stay pure. */
  StageOutcome run(SparkSession spark, Settings settings, RunContext run);
}
