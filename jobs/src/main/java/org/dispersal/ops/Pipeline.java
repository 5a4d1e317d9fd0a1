package org.dispersal.ops;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.dispersal.common.ExitCode;
import org.dispersal.common.FilePermissions;
import org.dispersal.common.RunContext;
import org.dispersal.common.Settings;
import org.dispersal.common.Stage;
import org.dispersal.common.StageOutcome;
import org.dispersal.conform.ConformStage;
import org.dispersal.estimate.EstimateStage;
import org.dispersal.export.ExportStage;
import org.dispersal.forecast.ForecastStage;
import org.dispersal.ingest.IngestStage;
import org.dispersal.panel.PanelStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs stages in order for one run and turns their outcomes into the run's exit code. */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private Pipeline() {}

  /** The stages that exist today, in pipeline order. Later issues append theirs. */
  public static List<Stage> stages() {
    return List.of(
        new IngestStage(),
        new ConformStage(),
        new PanelStage(),
        new EstimateStage(),
        new ForecastStage(),
        new ExportStage());
  }

  /** The same stages for the demo, which may create a local key for personal-data hashes. */
  public static List<Stage> demoStages() {
    return List.of(
        IngestStage.creatingKeyIfMissing(),
        new ConformStage(),
        new PanelStage(),
        new EstimateStage(),
        new ForecastStage(),
        new ExportStage());
  }

  /**
   * Runs stages one after the other in an open session, without the lake's lock or the run tables
   * (tests use it; commands go through {@link Runner}).
   */
  public static ExitCode run(
      SparkSession spark, Settings settings, RunContext run, List<Stage> stages) {
    FilePermissions.apply(spark.sparkContext().hadoopConfiguration(), run.paths());
    int rejected = 0;
    for (Stage stage : stages) {
      long start = System.nanoTime();
      LOG.info("Stage {} started (run {}, as of {})", stage.name(), run.runId(), run.run().asOf());
      StageOutcome outcome = stage.run(spark, settings, run);
      rejected += outcome.filesRejected();
      LOG.info(
          "Stage {} finished in {} s: {} rows in, {} out, {} quarantined, {} files rejected. {}",
          stage.name(),
          String.format("%.1f", (System.nanoTime() - start) / 1e9),
          outcome.rowsIn(),
          outcome.rowsOut(),
          outcome.rowsQuarantined(),
          outcome.filesRejected(),
          outcome.summary());
    }
    return rejected > 0 ? ExitCode.REJECTED_INPUT : ExitCode.SUCCESS;
  }
}
