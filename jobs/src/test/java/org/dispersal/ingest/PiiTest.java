package org.dispersal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.dispersal.common.DispersalException;
import org.dispersal.common.ExitCode;
import org.dispersal.common.PathsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

@Isolated
class PiiTest {
  private static final Pii PII = new Pii(Fixtures.KEY.getBytes(StandardCharsets.UTF_8));

  @TempDir Path dir;

  @Test
  void hashesAreKeyedStableAndNormalised() {
    String id = Fixtures.id("11011119800101123");
    String h = PII.hash(Field.Kind.ID_NUMBER, id);
    assertThat(h).hasSize(26).matches("[a-z2-7]+");
    assertThat(PII.hash(Field.Kind.ID_NUMBER, " " + id.toLowerCase() + " ")).isEqualTo(h);
    assertThat(
            new Pii("another-key-0123456789".getBytes(StandardCharsets.UTF_8))
                .hash(Field.Kind.ID_NUMBER, id))
        .isNotEqualTo(h);
    assertThat(PII.hash(Field.Kind.PHONE, "+86 138-1234-5678"))
        .isEqualTo(PII.hash(Field.Kind.PHONE, "13812345678"));
    assertThat(PII.hash(Field.Kind.NAME, "王 秀英")).isEqualTo(PII.hash(Field.Kind.NAME, "王秀英"));
    assertThat(PII.hash(Field.Kind.NAME, "  ")).isNull();
    // The same text as a different kind of value is a different hash.
    assertThat(PII.hash(Field.Kind.PHONE, "13812345678"))
        .isNotEqualTo(PII.hash(Field.Kind.NAME, "13812345678"));
  }

  @Test
  void hashesCannotLookLikeIdOrPhoneNumbers() {
    for (int i = 0; i < 2000; i++) {
      String h = PII.hash(Field.Kind.PHONE, "1381234" + i);
      assertThat(h).doesNotContainPattern("1[3-9]\\d{9}").doesNotContainPattern("\\d{15}");
    }
  }

  @Test
  void idCheckDigitIsKeptAsAFlag() {
    assertThat(Pii.idValid(Fixtures.id("11011119800101123"))).isTrue();
    assertThat(Pii.idValid(Fixtures.badId("11011119800101123"))).isFalse();
    assertThat(Pii.idValid("11010519491231002x")).isTrue();
    assertThat(Pii.idValid("110105490101002")).isFalse();
    assertThat(Pii.idValid("")).isNull();
  }

  @Test
  void scrubMasksIdAndPhoneNumbersInFreeText() {
    assertThat(Pii.scrub("稻田村3号 王先生 13812345678")).isEqualTo("稻田村3号 王先生 <masked>");
    assertThat(Pii.scrub("证件 11010519491231002X 已核")).isEqualTo("证件 <masked> 已核");
    assertThat(Pii.scrub("+86-13812345678")).isEqualTo("<masked>");
    // Codes with letters, and longer digit runs, are not personal numbers.
    assertThat(Pii.scrub("91110111MA01ABCD2X")).isEqualTo("91110111MA01ABCD2X");
    assertThat(Pii.scrub("R2019000001381234567801")).isEqualTo("R2019000001381234567801");
  }

  @Test
  void unlicensedOperatorsNamesKeepOnlyTheirDescription() {
    assertThat(Pii.maskPersonName("张伟（无照餐饮）")).isEqualTo("<masked>（无照餐饮）");
    assertThat(Pii.maskPersonName("张伟(占道经营)")).isEqualTo("<masked>(占道经营)");
    assertThat(Pii.maskPersonName("张伟")).isEqualTo("<masked>");
    assertThat(Pii.maskPersonName(null)).isNull();
  }

  @Test
  void keyComesFromTheSettingFirstThenTheFile() throws Exception {
    PathsConfig paths = paths();
    IngestConfig fromEnv = config(Fixtures.KEY, dir.resolve("none.key").toString());
    assertThat(PiiKey.load(fromEnv, paths, false))
        .isEqualTo(Fixtures.KEY.getBytes(StandardCharsets.UTF_8));

    Path file = dir.resolve("k/pii.key");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "file-key-0123456789abcdef\n");
    assertThat(PiiKey.load(config("", file.toString()), paths, false))
        .isEqualTo("file-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void missingKeyFailsWithProblemCauseAndFix() {
    IngestConfig none = config("", dir.resolve("absent/pii.key").toString());
    assertThatThrownBy(() -> PiiKey.load(none, paths(), false))
        .isInstanceOfSatisfying(
            DispersalException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageContaining("No key for hashing personal data")
        .hasMessageContaining("DISPERSAL_PII_KEY")
        .hasMessageContaining("Fix:");
    assertThat(dir.resolve("absent")).doesNotExist();
  }

  @Test
  void theDemoCreatesAnOwnerOnlyKeyOnceAndNeverLogsIt() throws Exception {
    Path file = dir.resolve("home/.config/dispersal/pii.key");
    IngestConfig config = config("", file.toString());
    try (CapturedLogs logs = CapturedLogs.start()) {
      byte[] first = PiiKey.load(config, paths(), true);
      byte[] second = PiiKey.load(config, paths(), true);
      assertThat(second).isEqualTo(first);
      assertThat(first.length).isGreaterThanOrEqualTo(32);
      assertThat(Files.getPosixFilePermissions(file))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      String key = new String(first, StandardCharsets.UTF_8);
      assertThat(logs.text()).containsOnlyOnce("Created a new key").doesNotContain(key);
    }
  }

  @Test
  void shortKeysAndKeysInsideTheLakeAreRefused() throws Exception {
    assertThatThrownBy(() -> PiiKey.load(config("short", "x"), paths(), false))
        .hasMessageContaining("too short");
    Path inLake = dir.resolve("lake/pii.key");
    Files.createDirectories(inLake.getParent());
    Files.writeString(inLake, Fixtures.KEY);
    assertThatThrownBy(() -> PiiKey.load(config("", inLake.toString()), paths(), false))
        .hasMessageContaining("inside the folder of paths.lake");
  }

  @Test
  void configNeverShowsTheKey() {
    assertThat(config(Fixtures.KEY, "x").toString()).doesNotContain(Fixtures.KEY);
    assertThat(PII.toString()).doesNotContain(Fixtures.KEY);
  }

  private PathsConfig paths() {
    return new PathsConfig(
        PathsConfig.qualify(dir.resolve("landing").toString()),
        PathsConfig.qualify(dir.resolve("lake").toString()),
        PathsConfig.qualify(dir.resolve("exports").toString()),
        PathsConfig.qualify(dir.resolve("runs").toString()),
        "077");
  }

  private static IngestConfig config(String key, String file) {
    return new IngestConfig(10, 64, 1000, 1_048_576, 0.01, 4096, 1e6, key, file, 0, false);
  }
}
