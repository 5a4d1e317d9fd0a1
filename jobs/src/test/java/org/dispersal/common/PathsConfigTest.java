package org.dispersal.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PathsConfigTest {

  @Test
  void urisWithASchemeAreKept() {
    assertThat(PathsConfig.qualify("hdfs://nn:8020/lake")).isEqualTo("hdfs://nn:8020/lake");
    assertThat(PathsConfig.qualify("s3a://bucket/lake")).isEqualTo("s3a://bucket/lake");
    assertThat(PathsConfig.qualify("file:/tmp/lake")).isEqualTo("file:/tmp/lake");
  }

  @Test
  void localPathsBecomeAbsoluteFileUris() {
    String expected = Path.of("data/lake").toAbsolutePath().normalize().toUri().toString();
    assertThat(PathsConfig.qualify("./data/lake")).isEqualTo(expected);
    assertThat(PathsConfig.qualify("/tmp/x/../lake")).isEqualTo("file:///tmp/lake");
  }
}
