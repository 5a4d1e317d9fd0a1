package org.dispersal.common;

import java.util.List;
import java.util.Locale;

/**
 * The one exception for failures a user must act on; every instance is built by a factory method
 * here, so each message says the problem, its cause and the fix.
 */
public final class DispersalException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ExitCode exitCode;

  private DispersalException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }

  private static String compose(String problem, String cause, String fix) {
    StringBuilder sb = new StringBuilder(problem);
    if (cause != null && !cause.isBlank()) {
      sb.append(" — ").append(cause);
    }
    if (fix != null && !fix.isBlank()) {
      sb.append(". Fix: ").append(fix);
    }
    return sb.toString();
  }

  /** A configuration value that does not parse or validate. */
  public static DispersalException invalidValue(String key, String value, String expected) {
    return new DispersalException(
        ExitCode.USAGE,
        String.format(Locale.ROOT, "Invalid value for '%s': '%s' — %s", key, value, expected),
        null);
  }

  /** A configuration key nobody declared. */
  public static DispersalException unknownKey(String key, String where, List<String> closest) {
    String fix =
        closest.isEmpty()
            ? "run './dispersal config' to list the known keys"
            : "did you mean " + String.join(" or ", closest) + "? ('./dispersal config' lists all)";
    return new DispersalException(
        ExitCode.USAGE,
        compose("Unknown configuration key '" + key + "'", "found in " + where, fix),
        null);
  }

  /** A configuration or command-line problem that is not a single bad value. */
  public static DispersalException usage(String problem, String cause, String fix) {
    return new DispersalException(ExitCode.USAGE, compose(problem, cause, fix), null);
  }

  /** A command whose issue has not landed yet. */
  public static DispersalException notAvailable(String command, String arrivesWith) {
    return new DispersalException(
        ExitCode.USAGE,
        compose(
            "The command '" + command + "' is not available yet",
            "it arrives with " + arrivesWith,
            "use one of the commands listed by './dispersal --help' that is available"),
        null);
  }

  /** A run-time failure: the run stops and exits 1. */
  public static DispersalException failure(String problem, String cause, String fix, Throwable t) {
    return new DispersalException(ExitCode.FAILURE, compose(problem, cause, fix), t);
  }

  /** Another run holds the lake's lock. */
  public static DispersalException locked(String lockPath, String holder) {
    return new DispersalException(
        ExitCode.LOCKED,
        compose(
            "Another run holds the lock " + lockPath,
            "held by " + holder,
            "wait for it to finish; if its process is gone, the next run takes the lock over"),
        null);
  }
}
