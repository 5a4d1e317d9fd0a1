package org.dispersal.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** {@code paths.umask} reaches the Hadoop filesystems that write the lake, exports and runs. */
@Isolated
class FilePermissionsTest {
  @TempDir Path dir;

  private PathsConfig paths(String... sets) {
    List<String> all = new java.util.ArrayList<>(List.of("paths.lake=" + dir.resolve("lake")));
    all.addAll(List.of(sets));
    return PathsConfig.from(SettingsLoader.load(PathsConfig.SETTINGS, null, null, Map.of(), all));
  }

  private String created(PathsConfig paths, String name) throws Exception {
    Configuration conf = new Configuration();
    FilePermissions.apply(conf, paths);
    // The cached filesystem (opened earlier with another configuration) is the one that writes.
    FileSystem fs = FileSystem.get(java.net.URI.create(paths.lake()), new Configuration());
    try (var out = fs.create(new org.apache.hadoop.fs.Path(paths.lake() + "/" + name + "/f"))) {
      out.write(1);
    }
    return PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dir.resolve("lake").resolve(name)))
        + " "
        + PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dir.resolve("lake").resolve(name).resolve("f")));
  }

  @Test
  void ownerOnlyByDefaultAndConfigurable() throws Exception {
    try {
      assertThat(PathsConfig.UMASK.defaultValue()).isEqualTo("077");
      assertThat(created(paths(), "default")).isEqualTo("rwx------ rw-------");
      assertThat(created(paths("paths.umask=027"), "group")).isEqualTo("rwxr-x--- rw-r-----");
    } finally {
      FilePermissions.apply(new Configuration(), paths());
    }
  }

  @Test
  void onlyThreeOctalDigitsAreAMask() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> paths("paths.umask=rwx------"))
        .hasMessageContaining("octal");
  }
}
