package org.dispersal.ops;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dispersal.common.AsOfBasis;
import org.dispersal.common.Lake;
import org.dispersal.common.PathsConfig;
import org.dispersal.common.StageOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each run did, kept in two append-only Delta tables of the lake ({@code _runs/runs}, {@code
 * _runs/stages}) and in a JSON summary per run under {@code paths.runs}.
 */
public final class RunLog {
  private static final Logger LOG = LoggerFactory.getLogger(RunLog.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  static final StructType RUNS =
      new StructType()
          .add("run_id", DataTypes.StringType, false)
          .add("attempt", DataTypes.IntegerType, false)
          .add("command", DataTypes.StringType)
          .add("as_of", DataTypes.DateType)
          .add("full", DataTypes.BooleanType)
          .add("host", DataTypes.StringType)
          .add("event", DataTypes.StringType)
          .add("status", DataTypes.StringType)
          .add("exit_code", DataTypes.IntegerType)
          .add("message", DataTypes.StringType)
          .add("at", DataTypes.TimestampType);
  static final StructType STAGES =
      new StructType()
          .add("run_id", DataTypes.StringType, false)
          .add("attempt", DataTypes.IntegerType, false)
          .add("stage", DataTypes.StringType, false)
          .add("status", DataTypes.StringType)
          .add("started_at", DataTypes.TimestampType)
          .add("ended_at", DataTypes.TimestampType)
          .add("rows_in", DataTypes.LongType)
          .add("rows_out", DataTypes.LongType)
          .add("rows_quarantined", DataTypes.LongType)
          .add("files_rejected", DataTypes.IntegerType)
          .add("table_versions", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType))
          .add("message", DataTypes.StringType);

  /** The status of an attempt whose process ended without recording an outcome. */
  static final String INTERRUPTED = "interrupted";

  private final SparkSession spark;
  private final PathsConfig paths;
  private final Map<String, Object> summary = new LinkedHashMap<>();
  private final List<Map<String, Object>> stages = new ArrayList<>();

  RunLog(SparkSession spark, PathsConfig paths) {
    this.spark = spark;
    this.paths = paths;
  }

  static String runsTable(PathsConfig paths) {
    return AsOfBasis.runsTable(paths);
  }

  static String stagesTable(PathsConfig paths) {
    return AsOfBasis.stagesTable(paths);
  }

  void runEvent(RunAttempt run, String event, String status, Integer exitCode, String message) {
    append(
        runsTable(paths),
        RUNS,
        RowFactory.create(
            run.runId(),
            run.attempt(),
            run.command(),
            java.sql.Date.valueOf(run.asOf()),
            run.full(),
            RunLock.host(),
            event,
            status,
            exitCode,
            message,
            Timestamp.from(Instant.now())),
        run.runId());
    summary.put("run_id", run.runId());
    summary.put("attempt", run.attempt());
    summary.put("command", run.command());
    summary.put("as_of", run.asOf().toString());
    summary.put("full", run.full());
    summary.put("status", status);
    summary.put("exit_code", exitCode);
    summary.put("message", message);
    summary.put("resumed_from", run.resumedFrom());
    summary.put("updated_at", Instant.now().toString());
    writeSummary(run.runId());
  }

  void stage(
      RunAttempt run,
      String stage,
      String status,
      Instant start,
      StageOutcome outcome,
      String message) {
    Map<String, Long> versions = outcome == null ? Map.of() : outcome.tableVersions();
    append(
        stagesTable(paths),
        STAGES,
        RowFactory.create(
            run.runId(),
            run.attempt(),
            stage,
            status,
            Timestamp.from(start),
            Timestamp.from(Instant.now()),
            outcome == null ? null : outcome.rowsIn(),
            outcome == null ? null : outcome.rowsOut(),
            outcome == null ? null : outcome.rowsQuarantined(),
            outcome == null ? null : outcome.filesRejected(),
            versions,
            message),
        run.runId());
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("stage", stage);
    s.put("attempt", run.attempt());
    s.put("status", status);
    s.put("started_at", start.toString());
    s.put("ended_at", Instant.now().toString());
    if (outcome != null) {
      s.put("rows_in", outcome.rowsIn());
      s.put("rows_out", outcome.rowsOut());
      s.put("rows_quarantined", outcome.rowsQuarantined());
      s.put("files_rejected", outcome.filesRejected());
      s.put("table_versions", versions);
    }
    s.put("message", message);
    stages.add(s);
    summary.put("stages", stages);
    writeSummary(run.runId());
  }

  /** Stages of a run that succeeded in any attempt: a resumed run skips them. */
  List<String> succeededStages(String runId) {
    String location = stagesTable(paths);
    if (!Lake.exists(spark, location)) {
      return List.of();
    }
    return Lake.read(spark, location)
        .filter(col("run_id").equalTo(runId).and(col("status").equalTo("succeeded")))
        .select("stage")
        .distinct()
        .collectAsList()
        .stream()
        .map(r -> r.getString(0))
        .toList();
  }

  /** Files rejected by the stages of a run that already succeeded (for a resumed run's code). */
  int filesRejected(String runId) {
    String location = stagesTable(paths);
    if (!Lake.exists(spark, location)) {
      return 0;
    }
    Row r =
        Lake.read(spark, location)
            .filter(col("run_id").equalTo(runId).and(col("status").equalTo("succeeded")))
            .agg(org.apache.spark.sql.functions.sum("files_rejected"))
            .first();
    return r.isNullAt(0) ? 0 : (int) r.getLong(0);
  }

  /** The latest event of a run's last attempt, or null if the run is unknown. */
  Row lastAttempt(String runId) {
    String location = runsTable(paths);
    if (!Lake.exists(spark, location)) {
      return null;
    }
    List<Row> rows =
        Lake.read(spark, location)
            .filter(col("run_id").equalTo(runId))
            .orderBy(col("at").desc())
            .limit(1)
            .collectAsList();
    return rows.isEmpty() ? null : rows.get(0);
  }

  /** The last attempt of the most recent nightly run, if it did not finish: (run_id, attempt). */
  Row unfinishedNightly() {
    String location = runsTable(paths);
    if (!Lake.exists(spark, location)) {
      return null;
    }
    Dataset<Row> nightly = Lake.read(spark, location).filter(col("command").equalTo("nightly"));
    Row latest = nightly.agg(max("at")).first();
    if (latest.isNullAt(0)) {
      return null;
    }
    Row last = nightly.filter(col("at").equalTo(latest.getTimestamp(0))).first();
    boolean finished =
        "ended".equals(last.getAs("event"))
            && !"failed".equals(last.getAs("status"))
            && !INTERRUPTED.equals(last.getAs("status"));
    return finished ? null : last;
  }

  private void append(String location, StructType schema, Row row, String runId) {
    spark
        .createDataFrame(List.of(row), schema)
        .coalesce(1)
        .write()
        .format("delta")
        .mode("append")
        .option("userMetadata", runId)
        .save(location);
  }

  private void writeSummary(String runId) {
    try {
      String dir = paths.runs().endsWith("/") ? paths.runs() : paths.runs() + "/";
      Path file = new Path(URI.create(dir + runId + ".json"));
      FileSystem fs = FileSystem.get(file.toUri(), new Configuration());
      fs.mkdirs(file.getParent());
      try (OutputStream out = fs.create(file, true)) {
        out.write(JSON.writeValueAsBytes(summary));
      }
    } catch (IOException e) {
      LOG.warn("Could not write the run summary for {}: {}", runId, e.getMessage());
    }
  }
}
