package org.dispersal.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dispersal.TestSpark;
import org.dispersal.common.DispersalException;
import org.dispersal.common.ExitCode;
import org.dispersal.common.Lake;
import org.dispersal.common.PathsConfig;
import org.dispersal.common.RunConfig;
import org.dispersal.common.RunContext;
import org.dispersal.common.Setting;
import org.dispersal.common.Settings;
import org.dispersal.common.SettingsLoader;
import org.dispersal.common.SparkConfig;
import org.dispersal.common.Stage;
import org.dispersal.common.StageOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

@Execution(ExecutionMode.CONCURRENT)
class RunnerTest {
  @TempDir Path dir;

  private Settings settings() {
    List<Setting<?>> all = new ArrayList<>();
    all.addAll(RunConfig.SETTINGS);
    all.addAll(PathsConfig.SETTINGS);
    all.addAll(SparkConfig.SETTINGS);
    all.addAll(OpsConfig.SETTINGS);
    return SettingsLoader.load(
        all,
        null,
        null,
        Map.of(),
        List.of(
            "paths.lake=" + dir.resolve("lake"),
            "paths.runs=" + dir.resolve("runs"),
            "run.as-of=2020-06-30"));
  }

  /** Writes one row to its own table, so commits can be inspected. */
  private record Writer(String name) implements Stage {
    @Override
    public StageOutcome run(SparkSession spark, Settings settings, RunContext run) {
      String location = Lake.table(run.paths(), "test", name);
      spark.range(3).write().format("delta").mode("overwrite").save(location);
      return new StageOutcome(
          name, 3, 3, 0, 0, Map.of("test/" + name, Lake.version(spark, location)), "wrote 3");
    }
  }

  private record Flaky(AtomicBoolean fail) implements Stage {
    @Override
    public String name() {
      return "flaky";
    }

    @Override
    public StageOutcome run(SparkSession spark, Settings settings, RunContext run) {
      if (fail.get()) {
        throw new IllegalStateException("disk on fire");
      }
      return new StageOutcome("flaky", 1, 1, 0, 2, Map.of(), "ok");
    }
  }

  @Test
  void aFailedNightlyIsResumedFromTheFailingStage() throws Exception {
    TestSpark.session();
    AtomicBoolean fail = new AtomicBoolean(true);
    List<Stage> stages = List.of(new Writer("a"), new Flaky(fail), new Writer("c"));
    Settings settings = settings();

    assertThatThrownBy(() -> Runner.run(settings, "nightly", false, null, stages))
        .isInstanceOfSatisfying(
            DispersalException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.FAILURE))
        .hasMessageContaining("failed at stage flaky")
        .hasMessageContaining("disk on fire");
    PathsConfig paths = PathsConfig.from(settings);
    assertThat(Lake.exists(TestSpark.session(), Lake.table(paths, "test", "c"))).isFalse();
    assertThat(RunLock.holder(paths.lake())).as("lock released after a failure").isNull();

    fail.set(false);
    ExitCode code = Runner.run(settings, "nightly", false, null, stages);
    assertThat(code).as("flaky rejected 2 files").isEqualTo(ExitCode.REJECTED_INPUT);

    SparkSession spark = TestSpark.session();
    List<Row> stageRows =
        Lake.read(spark, RunLog.stagesTable(paths)).orderBy("ended_at").collectAsList();
    assertThat(stageRows)
        .extracting(r -> r.getAs("stage") + ":" + r.getAs("status") + ":" + r.getAs("attempt"))
        .containsExactly("a:succeeded:1", "flaky:failed:1", "flaky:succeeded:2", "c:succeeded:2");
    String runId = stageRows.get(0).getAs("run_id");
    assertThat(stageRows).allMatch(r -> runId.equals(r.getAs("run_id")));

    // Every commit of the run carries its id.
    Row commit =
        spark.sql("DESCRIBE HISTORY delta.`" + Lake.table(paths, "test", "c") + "`").first();
    assertThat(commit.<String>getAs("userMetadata")).isEqualTo(runId);

    Path summary = dir.resolve("runs").resolve(runId + ".json");
    assertThat(summary).exists();
    assertThat(Files.readString(summary))
        .contains("\"attempt\" : 2", "\"resumed_from\" : \"attempt 1\"", "\"stage\" : \"c\"");
  }

  @Test
  void aFinishedRunIsNotResumed() {
    Settings settings = settings();
    assertThat(Runner.run(settings, "nightly", false, null, List.of(new Writer("x"))))
        .isEqualTo(ExitCode.SUCCESS);
    assertThat(Runner.run(settings, "nightly", false, null, List.of(new Writer("x"))))
        .isEqualTo(ExitCode.SUCCESS);
    PathsConfig paths = PathsConfig.from(settings);
    long runs =
        Lake.read(TestSpark.session(), RunLog.runsTable(paths)).select("run_id").distinct().count();
    assertThat(runs).isEqualTo(2);
  }

  @Test
  void aFailureIsReportedOnOneLine() {
    assertThat(Runner.oneLine(new IllegalStateException("Table not found:\n  plan\r\n  Scan x")))
        .isEqualTo("Table not found: plan Scan x");
    assertThat(Runner.oneLine(new IllegalStateException("x".repeat(1000)))).hasSize(400);
    assertThat(Runner.oneLine(new NullPointerException()))
        .isEqualTo("java.lang.NullPointerException");
  }
}
