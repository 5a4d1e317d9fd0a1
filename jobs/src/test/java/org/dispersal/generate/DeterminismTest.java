package org.dispersal.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same seed gives byte-identical files, XLSX included; another seed gives other data. */
class DeterminismTest {
  private static final LocalDate AS_OF = LocalDate.of(2017, 2, 28);

  @TempDir Path first;
  @TempDir Path second;
  @TempDir Path other;

  private static Map<String, String> hashes(Path root) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
        out.put(root.relativize(p).toString(), HexFormat.of().formatHex(digest));
      }
    }
    return out;
  }

  @Test
  void sameSeedSameBytes() throws Exception {
    GenerateConfig config = new GenerateConfig(7, false, 0.02, AS_OF, "110111");
    Generator.generate(config, first, (f, files, rows) -> {});
    Generator.generate(config, second, (f, files, rows) -> {});
    Map<String, String> a = hashes(first);
    assertThat(a).hasSizeGreaterThan(50);
    assertThat(a.keySet()).anyMatch(f -> f.endsWith(".xlsx"));
    assertThat(hashes(second)).isEqualTo(a);

    Generator.generate(
        new GenerateConfig(8, false, 0.02, AS_OF, "110111"), other, (f, files, rows) -> {});
    Map<String, String> b = hashes(other);
    assertThat(b.get("rental/出租房屋登记_2016-05.csv")).isNotEqualTo(a.get("rental/出租房屋登记_2016-05.csv"));
  }

  @Test
  void regeneratingIntoTheSameFolderReplacesTheEarlierOutput() throws Exception {
    GenerateConfig config = new GenerateConfig(7, false, 0.0, LocalDate.of(2015, 3, 31), "110111");
    Generator.generate(config, first, (f, files, rows) -> {});
    Map<String, String> a = hashes(first);
    Generator.generate(config, first, (f, files, rows) -> {});
    assertThat(hashes(first)).isEqualTo(a);
  }
}
