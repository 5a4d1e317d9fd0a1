package org.dispersal.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.dispersal.TestSettings;
import org.dispersal.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fingerprint changes with an input's version, the basis, the as-of date, the district, the
 * settings or an extra input, and a recorded one lets the stage skip unless --full or its output
 * changed.
 */
class StageFingerprintTest {
  @TempDir Path dir;

  private RunContext run(String asOf, String district, boolean full) {
    Settings settings =
        TestSettings.of(
            List.of(RunConfig.SETTINGS, PathsConfig.SETTINGS),
            List.of(
                "paths.lake=" + dir.resolve("lake"),
                "run.as-of=" + asOf,
                "run.district=" + district));
    return RunContext.start(settings, full);
  }

  private static StageFingerprint fp(
      RunContext run, Map<String, String> versions, String basis, Object settings) {
    return StageFingerprint.of(run, "estimate", versions, basis, settings);
  }

  @Test
  void changesWithEveryInputAndOnlyThen() {
    RunContext run = run("2020-06-30", "110111", false);
    Map<String, String> versions = Map.of("gold/township_month", "3", "silver/links", "7");
    String same = fp(run, versions, "current", "Config[a=1]").text();

    assertThat(
            fp(
                    run("2020-06-30", "110111", false),
                    Map.of("silver/links", "7", "gold/township_month", "3"),
                    "current",
                    "Config[a=1]")
                .text())
        .as("another run, the same inputs in another order")
        .isEqualTo(same);
    assertThat(
            List.of(
                fp(
                    run,
                    Map.of("gold/township_month", "4", "silver/links", "7"),
                    "current",
                    "Config[a=1]"),
                fp(run, Map.of("gold/township_month", "3"), "current", "Config[a=1]"),
                fp(run, versions, "time_travel:20200630T010000-ab12", "Config[a=1]"),
                fp(run("2020-06-29", "110111", false), versions, "current", "Config[a=1]"),
                fp(run("2020-06-30", "110105", false), versions, "current", "Config[a=1]"),
                fp(run, versions, "current", "Config[a=2]"),
                fp(run, versions, "current", "Config[a=1]").with("scenario", "abc")))
        .extracting(StageFingerprint::text)
        .doesNotContain(same)
        .doesNotHaveDuplicates();
    assertThat(same).contains("code=" + StageFingerprint.codeStamp());
    assertThat(fp(run, versions, "current", "Config[a=2]").changed(same)).isEqualTo("settings");
    assertThat(fp(run, versions, "current", "Config[a=1]").changed(same)).isNull();
    assertThat(
            fp(run, versions, "current", "Config[a=1]")
                .with("gold/forecasts", "6")
                .changed(
                    fp(run, versions, "current", "Config[a=1]").with("gold/forecasts", "5").text()))
        .isEqualTo("gold/forecasts");
  }

  @Test
  void aRecordedRunIsSkippedUnlessFullOrItsOutputChanged() {
    SparkSession spark = TestSpark.session();
    RunContext run = run("2020-06-30", "110111", false);
    String input = Lake.table(run.paths(), "silver", "links");
    String output = Lake.table(run.paths(), "gold", "effect_estimates");
    Lake.overwrite(spark.sql("SELECT 1 AS x"), input, "test");
    List<String> inputs = List.of("silver/links");
    StageFingerprint before =
        StageFingerprint.of(spark, run, "estimate", AsOfBasis.current(), inputs, "Config[a=1]");
    assertThat(before.skip(spark, run, "gold")).as("nothing recorded yet").isEmpty();

    long written = Lake.overwrite(spark.sql("SELECT 2 AS y"), output, "test");
    before.record(spark, run, Map.of("gold/effect_estimates", written));
    RunContext next = run("2020-06-30", "110111", false);
    StageFingerprint again =
        StageFingerprint.of(spark, next, "estimate", AsOfBasis.current(), inputs, "Config[a=1]");
    assertThat(again.text()).isEqualTo(before.text());
    assertThat(again.skip(spark, next, "gold"))
        .hasValueSatisfying(
            o -> {
              assertThat(o.summary()).isEqualTo("nothing new since the last estimate (gold kept)");
              assertThat(o.tableVersions()).isEmpty();
            });
    assertThat(again.skip(spark, run("2020-06-30", "110111", true), "gold")).as("--full").isEmpty();
    assertThat(
            StageFingerprint.of(spark, next, "forecast", AsOfBasis.current(), inputs, "Config[a=1]")
                .skip(spark, next, "gold"))
        .as("another stage's record")
        .isEmpty();

    Lake.append(spark.sql("SELECT 3 AS y"), output, "someone");
    assertThat(again.skip(spark, next, "gold")).as("output rewritten since").isEmpty();

    Lake.append(spark.sql("SELECT 2 AS x"), input, "test");
    StageFingerprint newInput =
        StageFingerprint.of(spark, next, "estimate", AsOfBasis.current(), inputs, "Config[a=1]");
    assertThat(newInput.text()).isNotEqualTo(before.text());
  }

  @Test
  void aFileHashFollowsItsContents() throws Exception {
    Path file = dir.resolve("scenario.csv");
    Files.writeString(file, "township_code,kind,planned_area_m2\n");
    String first = StageFingerprint.fileHash(file);
    assertThat(StageFingerprint.fileHash(file)).isEqualTo(first);
    Files.writeString(file, "township_code,kind,planned_area_m2\n110111001,residential,10\n");
    assertThat(StageFingerprint.fileHash(file)).isNotEqualTo(first).hasSize(64);
  }
}
