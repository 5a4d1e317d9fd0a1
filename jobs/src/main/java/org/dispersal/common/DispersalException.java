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

  /**
   * The filesystem of the lake (or of a run's other output) has no space left.
   *
   * @param where the location being written, e.g. the lake
   * @param during what failed, e.g. "run X at stage conform"
   * @param resume what the next run does once space is freed
   */
  public static DispersalException diskFull(
      String where, String during, String resume, Throwable t) {
    return new DispersalException(
        ExitCode.FAILURE,
        compose(
            "The disk is full: " + during + " could not write to " + where,
            "no space left on its filesystem" + freeSpace(where),
            "free space there (or set paths.lake to a larger filesystem) and run again; " + resume),
        t);
  }

  /** Whether a failure, or any cause of it, is a full disk or an exhausted quota (ENOSPC). */
  public static boolean isDiskFull(Throwable t) {
    java.util.Set<Throwable> seen =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
      String m = c.getMessage();
      if (m != null
          && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
        return true;
      }
    }
    return false;
  }

  private static String freeSpace(String where) {
    try {
      java.nio.file.Path path =
          where.startsWith("file:")
              ? java.nio.file.Path.of(java.net.URI.create(where))
              : java.nio.file.Path.of(where);
      while (path != null && !java.nio.file.Files.exists(path)) {
        path = path.getParent();
      }
      if (path == null) {
        return "";
      }
      long free = java.nio.file.Files.getFileStore(path).getUsableSpace();
      return String.format(Locale.ROOT, " (%.1f MB free there now)", free / 1048576.0);
    } catch (java.io.IOException | RuntimeException e) {
      return "";
    }
  }

  /** Neither pii.key nor the key file gives the key of the personal-data hashes. */
  public static DispersalException piiKeyMissing(String keyFile) {
    return new DispersalException(
        ExitCode.USAGE,
        compose(
            "No key for hashing personal data",
            "pii.key (DISPERSAL_PII_KEY) is empty and the key file " + keyFile + " does not exist",
            "set DISPERSAL_PII_KEY to the district's key, or put it in that file (or point"
                + " pii.key-file at it); './dispersal demo' creates a local key for trying the system"),
        null);
  }

  /** The key of the personal-data hashes is too short to protect 18-digit ID numbers. */
  public static DispersalException piiKeyTooShort(String where, int minLength) {
    return new DispersalException(
        ExitCode.USAGE,
        compose(
            "The key for hashing personal data is too short",
            "the key from " + where + " has fewer than " + minLength + " characters",
            "use a random key of at least 32 characters, e.g. the output of 'openssl rand"
                + " -base64 32'"),
        null);
  }

  /** The key file lies inside a folder whose contents are shared. */
  public static DispersalException piiKeyInsideData(String keyFile, String folderKey) {
    return new DispersalException(
        ExitCode.USAGE,
        compose(
            "The key file " + keyFile + " is inside the folder of " + folderKey,
            "whoever can read the data could then reverse the hashes of ID and phone numbers",
            "move the key file elsewhere (default ~/.config/dispersal/pii.key) and set"
                + " pii.key-file"),
        null);
  }

  /** The key file exists but cannot be read or created. */
  public static DispersalException piiKeyUnreadable(String keyFile, Throwable t) {
    return new DispersalException(
        ExitCode.FAILURE,
        compose(
            "Cannot read or create the key file " + keyFile,
            t.getMessage(),
            "check that the file and its folder belong to the user running the job"),
        t);
  }

  /** The configured landing folder does not exist. */
  public static DispersalException landingMissing(String landing) {
    return new DispersalException(
        ExitCode.USAGE,
        compose(
            "The landing folder " + landing + " does not exist",
            "paths.landing must name the folder holding rental/, license/, demolition/,"
                + " population/, targets/ and progress/",
            "create it, or set paths.landing (or DISPERSAL_PATHS_LANDING) to the right place"),
        null);
  }

  /** Rows read, loaded and quarantined do not add up for a delivery: nothing is recorded. */
  public static DispersalException ingestAccounting(String detail) {
    return new DispersalException(
        ExitCode.FAILURE,
        compose(
            "Ingest accounting does not add up, so the deliveries were not recorded",
            detail,
            "rerun ingest (a rerun completes an interrupted one); if it repeats, keep the lake"
                + " as it is and report it with the log"),
        null);
  }
}
