package org.dispersal.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
  private static final Setting<String> LAKE = Setting.location("paths.lake", "./lake", "lake");
  private static final Setting<Integer> PARTS = Setting.integer("spark.parts", 4, 1, 64, "parts");
  private static final Setting<Boolean> FLAG = Setting.flag("x.flag", false, "flag");
  private static final Setting<String> KEY = Setting.secret("pii.key", "secret key");
  private static final Setting<LocalDate> AS_OF = Setting.date("run.as-of", "", "as of");
  private static final List<Setting<?>> ALL = List.of(LAKE, PARTS, FLAG, KEY, AS_OF);

  @TempDir Path dir;

  private Path file(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void builtInDefaultsApplyWhenNothingElseIsGiven() {
    Settings s = SettingsLoader.load(ALL, null, null, Map.of(), List.of());
    assertThat(s.get(LAKE)).isEqualTo("./lake");
    assertThat(s.get(PARTS)).isEqualTo(4);
    assertThat(s.get(AS_OF)).isNull();
    assertThat(s.source(PARTS)).isEqualTo("built-in default");
  }

  @Test
  void precedenceIsDefaultFileThenConfigFileThenEnvironmentThenSet() throws IOException {
    Path defaults = file("defaults.conf", "spark.parts = 5\npaths.lake = /a\nx.flag = true\n");
    Path user = file("user.conf", "# comment\nspark.parts = 6\npaths.lake = /b\n");
    Map<String, String> env = Map.of("DISPERSAL_SPARK_PARTS", "7", "UNRELATED", "1");

    Settings fileOnly = SettingsLoader.load(ALL, defaults, null, Map.of(), List.of());
    assertThat(fileOnly.get(PARTS)).isEqualTo(5);
    assertThat(fileOnly.source(PARTS)).isEqualTo(defaults + ":1");

    Settings both = SettingsLoader.load(ALL, defaults, user, Map.of(), List.of());
    assertThat(both.get(PARTS)).isEqualTo(6);
    assertThat(both.source(PARTS)).isEqualTo(user + ":2");
    assertThat(both.get(FLAG)).isTrue();

    Settings withEnv = SettingsLoader.load(ALL, defaults, user, env, List.of());
    assertThat(withEnv.get(PARTS)).isEqualTo(7);
    assertThat(withEnv.source(PARTS)).isEqualTo("env DISPERSAL_SPARK_PARTS");
    assertThat(withEnv.get(LAKE)).isEqualTo("/b");

    Settings all = SettingsLoader.load(ALL, defaults, user, env, List.of("spark.parts=8"));
    assertThat(all.get(PARTS)).isEqualTo(8);
    assertThat(all.source(PARTS)).isEqualTo("--set");
  }

  @Test
  void laterSetWinsOverEarlierSet() {
    Settings s =
        SettingsLoader.load(ALL, null, null, Map.of(), List.of("spark.parts=2", "spark.parts=3"));
    assertThat(s.get(PARTS)).isEqualTo(3);
  }

  @Test
  void emptyLocationIsRejectedWithKeyValueAndExpectation() {
    assertThatThrownBy(() -> SettingsLoader.load(ALL, null, null, Map.of(), List.of("paths.lake=")))
        .isInstanceOfSatisfying(
            DispersalException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageStartingWith("Invalid value for 'paths.lake': ''")
        .hasMessageContaining("expected a directory");
  }

  @Test
  void outOfRangeNumberFromEnvironmentIsRejected() {
    assertThatThrownBy(
            () ->
                SettingsLoader.load(
                    ALL, null, null, Map.of("DISPERSAL_SPARK_PARTS", "0"), List.of()))
        .hasMessage(
            "Invalid value for 'spark.parts': '0' — expected a whole number between 1 and 64");
  }

  @Test
  void malformedUriAndBadDateAndBadBooleanAreRejected() {
    assertThatThrownBy(
            () -> SettingsLoader.load(ALL, null, null, Map.of(), List.of("paths.lake=hdfs://a b/")))
        .hasMessageContaining("expected a valid URI");
    assertThatThrownBy(
            () -> SettingsLoader.load(ALL, null, null, Map.of(), List.of("run.as-of=2020-13-01")))
        .hasMessageContaining("YYYY-MM-DD");
    assertThatThrownBy(
            () -> SettingsLoader.load(ALL, null, null, Map.of(), List.of("x.flag=maybe")))
        .hasMessageContaining("expected true or false");
  }

  @Test
  void unknownKeyInFileNamesFileLineAndSuggestion() throws IOException {
    Path user = file("user.conf", "spark.parts = 6\npaths.lak = /b\n");
    assertThatThrownBy(() -> SettingsLoader.load(ALL, null, user, Map.of(), List.of()))
        .hasMessageContaining("Unknown configuration key 'paths.lak'")
        .hasMessageContaining(user + ":2")
        .hasMessageContaining("did you mean paths.lake");
  }

  @Test
  void missingConfigFileAndBrokenSyntaxAreUsageErrors() throws IOException {
    assertThatThrownBy(
            () -> SettingsLoader.load(ALL, null, dir.resolve("nope.conf"), Map.of(), List.of()))
        .hasMessageContaining("Configuration file not found");
    Path broken = file("broken.conf", "spark.parts = {\n");
    assertThatThrownBy(() -> SettingsLoader.load(ALL, null, broken, Map.of(), List.of()))
        .isInstanceOf(DispersalException.class)
        .hasMessageContaining("Cannot read configuration file");
  }

  @Test
  void setWithoutEqualsIsRejected() {
    assertThatThrownBy(() -> SettingsLoader.load(ALL, null, null, Map.of(), List.of("spark.parts")))
        .hasMessageContaining("Malformed --set");
  }

  @Test
  void secretsAreMaskedForDisplay() {
    Settings s =
        SettingsLoader.load(ALL, null, null, Map.of("DISPERSAL_PII_KEY", "hunter2"), List.of());
    Settings.Entry entry =
        s.entries().stream().filter(e -> e.setting() == KEY).findFirst().orElseThrow();
    assertThat(s.get(KEY)).isEqualTo("hunter2");
    assertThat(entry.display()).doesNotContain("hunter2").contains("set");
  }

  @Test
  void aKeyDeclaredTwiceIsAProgrammingError() {
    assertThatThrownBy(
            () -> SettingsLoader.load(List.of(LAKE, LAKE), null, null, Map.of(), List.of()))
        .isInstanceOf(IllegalStateException.class);
  }
}
