package org.dispersal.common;

/** The process exit codes the operator's scheduler can rely on. */
public enum ExitCode {
  /** Everything ran and every input was accepted. */
  SUCCESS(0),
  /** The run failed; nothing after the failing stage ran. */
  FAILURE(1),
  /** Bad command line or configuration; nothing ran. */
  USAGE(2),
  /** The run finished, but some input files were rejected as a whole. */
  REJECTED_INPUT(3),
  /** Another run holds the lake's lock (EX_TEMPFAIL: try again later). */
  LOCKED(75);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
