package org.dispersal.conform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dispersal.TestSettings;
import org.dispersal.TestSpark;
import org.dispersal.common.Lake;
import org.dispersal.common.PathsConfig;
import org.dispersal.common.RunConfig;
import org.dispersal.common.RunContext;
import org.dispersal.common.Settings;
import org.dispersal.common.StageOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A nightly with nothing new skips conform; new bronze, another as-of date or --full do not. */
class ConformSkipTest {
  @TempDir static Path dir;
  private static SparkSession spark;

  private static Settings settings(String asOf) {
    return TestSettings.of(
        List.of(RunConfig.SETTINGS, PathsConfig.SETTINGS, ConformConfig.SETTINGS),
        List.of("paths.lake=" + dir.resolve("lake"), "run.as-of=" + asOf));
  }

  private static RunContext run(String asOf) {
    return RunContext.start(settings(asOf), false);
  }

  @BeforeAll
  static void bronze() {
    spark = TestSpark.session();
    // Conform's skip only looks at the bronze tables' versions, not their content.
    Dataset<Row> one = spark.sql("SELECT 1 AS x");
    for (String table : ConformStage.BRONZE) {
      Lake.overwrite(one, Lake.table(run("2020-06-30").paths(), "bronze", table), "test");
    }
  }

  private static String fingerprint(RunContext run) {
    return Inputs.fingerprint(
        spark, run, ConformConfig.from(settings(run.run().asOf().toString())), ConformStage.BRONZE);
  }

  @Test
  void theSameBronzeAsOfAndSettingsSkipConformAndKeepSilver() {
    RunContext run = run("2020-06-30");
    String location = Lake.table(run.paths(), "silver", Inputs.TABLE);
    Lake.overwrite(
        Inputs.row(spark, run, fingerprint(run), "basis", List.of()), location, run.runId());
    long version = Lake.version(spark, location);

    StageOutcome outcome = new ConformStage().run(spark, settings("2020-06-30"), run);

    assertThat(outcome.summary()).startsWith("nothing new since the last conform");
    assertThat(outcome.tableVersions()).isEmpty();
    assertThat(Lake.version(spark, location)).isEqualTo(version);
  }

  @Test
  void aNewDeliveryAnotherAsOfDateOrOtherSettingsChangeTheFingerprint() {
    RunContext run = run("2020-06-30");
    String before = fingerprint(run);
    assertThat(fingerprint(run("2020-06-30"))).isEqualTo(before);
    assertThat(fingerprint(run("2020-07-01"))).isNotEqualTo(before);
    Settings otherLinks = settings("2020-06-30").with(ConformConfig.LINK_DAYS_AFTER, "1");
    assertThat(Inputs.fingerprint(spark, run, ConformConfig.from(otherLinks), ConformStage.BRONZE))
        .isNotEqualTo(before);
    String rental = Lake.table(run.paths(), "bronze", "rental");
    spark.sql("SELECT 2 AS x").write().format("delta").mode("append").save(rental);
    assertThat(fingerprint(run)).isNotEqualTo(before);
  }
}
