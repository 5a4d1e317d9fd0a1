package org.dispersal.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Who may read what the system writes: every file and folder created in the lake, the exports and
 * the run summaries gets the permissions left by {@code paths.umask} (default 077: owner only).
 */
public final class FilePermissions {
  /** Hadoop's own key: every Hadoop filesystem applies it when it creates a file or folder. */
  static final String HADOOP_UMASK = "fs.permissions.umask-mode";

  private FilePermissions() {}

  /**
   * Applies the mask to the Hadoop configuration (filesystems opened later) and to the cached
   * filesystems of the lake, exports and runs, which keep the configuration they were opened with.
   */
  public static void apply(Configuration hadoop, PathsConfig paths) {
    hadoop.set(HADOOP_UMASK, paths.umask());
    for (String location : List.of(paths.lake(), paths.exports(), paths.runs())) {
      try {
        new Path(location).getFileSystem(hadoop).getConf().set(HADOOP_UMASK, paths.umask());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot reach the filesystem of " + location, e);
      }
    }
  }
}
