package org.dispersal.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.dispersal.common.DispersalException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run at a time per lake: a lock file on the lake's own filesystem, created atomically, that
 * names its holder (run, command, host, pid, start time). A lock whose holder is gone is taken over
 * with a warning.
 */
public final class RunLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String FILE = "_dispersal.lock";

  private final FileSystem fs;
  private final Path path;
  private final String runId;

  private RunLock(FileSystem fs, Path path, String runId) {
    this.fs = fs;
    this.path = path;
    this.runId = runId;
  }

  /**
   * Takes the lock of a lake or fails with exit code 75 naming the holder.
   *
   * @param staleAfter a lock held from another host is presumed dead after this long
   */
  public static RunLock acquire(String lake, String runId, String command, Duration staleAfter) {
    try {
      FileSystem fs = FileSystem.get(URI.create(lake), new Configuration());
      Path dir = new Path(URI.create(lake));
      fs.mkdirs(dir);
      Path path = new Path(dir, FILE);
      for (int attempt = 0; attempt < 3; attempt++) {
        if (create(fs, path, JSON.writeValueAsBytes(holder(runId, command)))) {
          return new RunLock(fs, path, runId);
        } else {
          Map<String, Object> holder = read(fs, path);
          boolean fresh = holder.isEmpty() && ageOf(fs, path).compareTo(Duration.ofSeconds(30)) < 0;
          if (fresh || !isStale(holder, staleAfter)) {
            throw DispersalException.locked(path.toString(), describe(holder));
          }
          LOG.warn("Taking over a stale lock {} (holder gone: {})", path, describe(holder));
          fs.delete(path, false);
        }
      }
      throw DispersalException.locked(path.toString(), "another run that keeps re-taking it");
    } catch (IOException e) {
      if (DispersalException.isDiskFull(e)) {
        throw DispersalException.diskFull(lake, "taking the lock", "nothing ran", e);
      }
      throw DispersalException.failure(
          "Cannot take the lock of the lake " + lake,
          e.getMessage(),
          "check that the lake's location exists and is writable",
          e);
    }
  }

  /**
   * Creates the lock file only if absent, atomically: O_EXCL on a local disk (Hadoop's local
   * filesystem checks, then creates), the NameNode's create-if-absent on HDFS.
   */
  private static boolean create(FileSystem fs, Path path, byte[] content) throws IOException {
    if ("file".equals(fs.getUri().getScheme())) {
      java.nio.file.Path local = java.nio.file.Path.of(path.toUri());
      try {
        java.nio.file.Files.write(
            local,
            content,
            java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE);
        return true;
      } catch (java.nio.file.FileAlreadyExistsException e) {
        return false;
      }
    }
    try (OutputStream out = fs.create(path, false)) {
      out.write(content);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }

  /** The current holder of a lake's lock, or null when nobody holds it. */
  public static Map<String, Object> holder(String lake) {
    try {
      FileSystem fs = FileSystem.get(URI.create(lake), new Configuration());
      Path path = new Path(new Path(URI.create(lake)), FILE);
      return fs.exists(path) ? read(fs, path) : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static Map<String, Object> holder(String runId, String command) {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("run_id", runId);
    h.put("command", command);
    h.put("host", host());
    h.put("pid", ProcessHandle.current().pid());
    h.put("started_at", Instant.now().toString());
    return h;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> read(FileSystem fs, Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      return JSON.readValue(in.readAllBytes(), Map.class);
    } catch (IOException e) {
      // A lock file cut short by a crash while being written holds nothing valid: stale.
      return Map.of();
    }
  }

  // A lock file just created by another process may not hold its content yet.
  private static Duration ageOf(FileSystem fs, Path path) {
    try {
      return Duration.ofMillis(
          System.currentTimeMillis() - fs.getFileStatus(path).getModificationTime());
    } catch (IOException e) {
      return Duration.ZERO;
    }
  }

  static boolean isStale(Map<String, Object> holder, Duration staleAfter) {
    if (holder.isEmpty() || !(holder.get("pid") instanceof Number pid)) {
      return true;
    }
    if (host().equals(holder.get("host"))) {
      return ProcessHandle.of(pid.longValue()).map(p -> !p.isAlive()).orElse(true);
    }
    try {
      Instant started = Instant.parse(String.valueOf(holder.get("started_at")));
      return started.plus(staleAfter).isBefore(Instant.now());
    } catch (RuntimeException e) {
      return true;
    }
  }

  static String describe(Map<String, Object> holder) {
    if (holder == null || holder.isEmpty()) {
      return "an unreadable lock file";
    }
    return String.format(
        "run %s (%s) on host %s, pid %s, since %s",
        holder.get("run_id"),
        holder.get("command"),
        holder.get("host"),
        holder.get("pid"),
        holder.get("started_at"));
  }

  static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }

  /** Releases the lock if it is still this run's. */
  @Override
  public void close() {
    try {
      Map<String, Object> h = fs.exists(path) ? read(fs, path) : Map.of();
      if (runId.equals(h.get("run_id"))) {
        fs.delete(path, false);
      }
    } catch (IOException e) {
      LOG.warn("Could not release the lock {}: {}", path, e.getMessage());
    }
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
