package org.dispersal.ops;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dispersal.common.DispersalException;
import org.dispersal.common.ExitCode;
import org.dispersal.common.FilePermissions;
import org.dispersal.common.Lake;
import org.dispersal.common.RunContext;
import org.dispersal.common.Settings;
import org.dispersal.common.SparkConfig;
import org.dispersal.common.SparkSessions;
import org.dispersal.common.Stage;
import org.dispersal.common.StageOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs stages as one run of the lake: takes the lock, records every stage in the run tables,
 * resumes a nightly run that did not finish from the stage that failed, and ends with one log line
 * stating the outcome.
 */
public final class Runner {
  private static final Logger LOG = LoggerFactory.getLogger(Runner.class);

  private Runner() {}

  /**
   * @param resume a run id to resume, or null: a nightly then resumes the last nightly run if it
   *     did not finish
   */
  public static ExitCode run(
      Settings settings, String command, boolean full, String resume, List<Stage> stages) {
    RunContext fresh = RunContext.start(settings, full);
    OpsConfig ops = OpsConfig.from(settings);
    for (Stage stage : stages) {
      stage.preflight(settings, fresh);
    }
    try (RunLock lock =
        RunLock.acquire(fresh.paths().lake(), fresh.runId(), command, ops.staleLockAfter())) {
      SparkSession spark = SparkSessions.open(SparkConfig.from(settings), command);
      FilePermissions.apply(spark.sparkContext().hadoopConfiguration(), fresh.paths());
      RunLog log = new RunLog(spark, fresh.paths());
      RunAttempt attempt = attempt(log, fresh, command, resume);
      RunContext run =
          new RunContext(
              attempt.runId(),
              fresh.startedAt(),
              new org.dispersal.common.RunConfig(attempt.asOf(), fresh.run().districtCode()),
              fresh.paths(),
              attempt.full());
      // Every Delta commit of this run carries its id, whichever stage makes it.
      return Lake.withRunId(
          spark, run.runId(), () -> stages(spark, log, attempt, run, settings, stages));
    } catch (DispersalException e) {
      throw e;
    } catch (Exception e) {
      // Outside a stage (the run tables): a full disk gets the same clear message. Spark throws
      // its checked SparkException undeclared, so Exception, not RuntimeException, is caught.
      if (DispersalException.isDiskFull(e)) {
        throw DispersalException.diskFull(
            fresh.paths().lake(),
            "the " + command + " run",
            "the next run resumes where this one stopped",
            e);
      }
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw DispersalException.failure(
          "The " + command + " run failed", oneLine(e), "fix the cause and run again", e);
    }
  }

  private static ExitCode stages(
      SparkSession spark,
      RunLog log,
      RunAttempt attempt,
      RunContext run,
      Settings settings,
      List<Stage> stages) {
    List<String> done =
        attempt.resumedFrom() == null ? List.of() : log.succeededStages(attempt.runId());
    log.runEvent(
        attempt,
        "started",
        "running",
        null,
        attempt.resumedFrom() == null ? null : "resumed from " + attempt.resumedFrom());
    int rejected = attempt.resumedFrom() == null ? 0 : log.filesRejected(attempt.runId());
    for (Stage stage : stages) {
      if (done.contains(stage.name())) {
        LOG.info(
            "Stage {} skipped: it succeeded in an earlier attempt of run {}",
            stage.name(),
            run.runId());
        continue;
      }
      Instant start = Instant.now();
      LOG.info(
          "Stage {} started (run {}, attempt {}, as of {})",
          stage.name(),
          run.runId(),
          attempt.attempt(),
          run.run().asOf());
      StageOutcome outcome;
      try {
        outcome = stage.run(spark, settings, run);
      } catch (Exception e) {
        // Exception: a failed Spark job throws SparkException, checked but undeclared; caught as
        // RuntimeException only, it bypassed the run tables and the stage's message.
        RuntimeException failure = failed(attempt, run, stage.name(), e);
        String message = oneLine(e);
        try {
          log.stage(attempt, stage.name(), "failed", start, null, message);
          log.runEvent(
              attempt,
              "ended",
              "failed",
              exitCodeOf(e).code(),
              "stage " + stage.name() + ": " + message);
        } catch (Exception unrecorded) {
          // E.g. the disk is full: the run tables then still show the attempt as running, so
          // the next nightly resumes it all the same.
          LOG.warn("Could not record the failure in the run tables: {}", oneLine(unrecorded));
          failure.addSuppressed(unrecorded);
        }
        throw failure;
      }
      rejected += outcome.filesRejected();
      log.stage(attempt, stage.name(), "succeeded", start, outcome, outcome.summary());
      LOG.info(
          "Stage {} finished in {} s: {} rows in, {} out, {} quarantined, {} files rejected. {}",
          stage.name(),
          String.format(
              "%.1f", java.time.Duration.between(start, Instant.now()).toMillis() / 1000.0),
          outcome.rowsIn(),
          outcome.rowsOut(),
          outcome.rowsQuarantined(),
          outcome.filesRejected(),
          outcome.summary());
    }
    ExitCode code = rejected > 0 ? ExitCode.REJECTED_INPUT : ExitCode.SUCCESS;
    String status = rejected > 0 ? "rejected_input" : "succeeded";
    log.runEvent(attempt, "ended", status, code.code(), rejected + " files rejected");
    LOG.info(
        "Run {} ({}) {} for as-of {}: exit code {}{}.",
        run.runId(),
        attempt.command(),
        rejected > 0 ? "finished, but some input files were rejected" : "succeeded",
        run.run().asOf(),
        code.code(),
        rejected > 0 ? " (" + rejected + " files rejected; see the deliveries table)" : "");
    return code;
  }

  private static RunAttempt attempt(RunLog log, RunContext fresh, String command, String resume) {
    Row unfinished =
        resume != null
            ? log.lastAttempt(resume)
            : "nightly".equals(command) ? log.unfinishedNightly() : null;
    if (resume != null && unfinished == null) {
      throw DispersalException.usage(
          "Cannot resume run " + resume,
          "the run tables do not know it",
          "list runs with './dispersal runs'");
    }
    if (unfinished == null) {
      return new RunAttempt(fresh.runId(), 1, command, fresh.run().asOf(), fresh.full(), null);
    }
    String runId = unfinished.getAs("run_id");
    int attempt = (Integer) unfinished.getAs("attempt") + 1;
    LocalDate asOf = ((java.sql.Date) unfinished.getAs("as_of")).toLocalDate();
    LOG.warn("Resuming run {} (attempt {}): its last attempt did not finish", runId, attempt);
    if ("started".equals(unfinished.getAs("event"))) {
      // The last attempt never recorded an end: its process was killed or its machine stopped.
      // Recorded now, so the run tables show what happened to it.
      log.runEvent(
          new RunAttempt(
              runId,
              attempt - 1,
              unfinished.getAs("command"),
              asOf,
              unfinished.getAs("full"),
              null),
          "ended",
          RunLog.INTERRUPTED,
          null,
          "the process ended without recording an outcome (killed, or its machine stopped);"
              + " resumed by attempt "
              + attempt);
    }
    return new RunAttempt(
        runId,
        attempt,
        unfinished.getAs("command"),
        asOf,
        unfinished.getAs("full"),
        "attempt " + (attempt - 1));
  }

  private static ExitCode exitCodeOf(Exception e) {
    return e instanceof DispersalException de ? de.exitCode() : ExitCode.FAILURE;
  }

  private static RuntimeException failed(
      RunAttempt attempt, RunContext run, String stage, Exception e) {
    if (e instanceof DispersalException de && de.exitCode() != ExitCode.FAILURE) {
      return de;
    }
    if (DispersalException.isDiskFull(e)) {
      return DispersalException.diskFull(
          run.paths().lake(),
          "run " + attempt.runId() + " at stage " + stage,
          "the next run resumes at " + stage,
          e);
    }
    return DispersalException.failure(
        "Run " + attempt.runId() + " failed at stage " + stage,
        oneLine(e),
        "fix the cause and run again: the next run resumes at " + stage,
        e);
  }

  /**
   * A failure's message on one line: Spark's messages span lines (plans, stack excerpts), but the
   * run's last log line must state the outcome in one sentence.
   */
  static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    String line = message.strip().replaceAll("\\s*\\R\\s*", " ");
    return line.length() <= 400 ? line : line.substring(0, 397) + "...";
  }
}
