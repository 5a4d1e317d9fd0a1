package org.dispersal.common;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.net.URI;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which state of the lake a run as of a date reads, from the lake's own memory of its runs ({@code
 * _runs/runs}, {@code _runs/stages}):
 *
 * <ul>
 *   <li>{@link #CURRENT}: the date is not before the as-of date of the lake's latest successful run
 *       (or the lake has no run log): the tables as they are now;
 *   <li>{@link #TIME_TRAVEL}: the date is earlier; the tables as the latest successful run as of
 *       that date or earlier left them (Delta time travel to the versions recorded in its stages,
 *       or the latest version written at or before its end for tables it did not write);
 *   <li>{@link #MONTH_FILTER}: the date is earlier but no such run exists, or its versions are no
 *       longer readable (VACUUM, Delta log retention): the tables as they are now, which the reader
 *       cuts at the as-of month; later corrections and target revisions may be included.
 * </ul>
 *
 * Only runs "of their time" count: a run is back-dated (and ignored) when a successful run with a
 * later as-of date had already ended before it started, since it saw ledgers delivered after its
 * date.
 */
public record AsOfBasis(String basis, String runId, LocalDate runAsOf, Map<String, Long> versions) {
  private static final Logger LOG = LoggerFactory.getLogger(AsOfBasis.class);
  public static final String CURRENT = "current";
  public static final String TIME_TRAVEL = "time_travel";
  public static final String MONTH_FILTER = "month_filter";
  static final String RUNS_LAYER = "_runs";

  /** The run tables: one row per run event, one per stage attempt. */
  public static String runsTable(PathsConfig paths) {
    return Lake.table(paths, RUNS_LAYER, "runs");
  }

  public static String stagesTable(PathsConfig paths) {
    return Lake.table(paths, RUNS_LAYER, "stages");
  }

  public static AsOfBasis current() {
    return new AsOfBasis(CURRENT, null, null, Map.of());
  }

  public static AsOfBasis monthFilter() {
    return new AsOfBasis(MONTH_FILTER, null, null, Map.of());
  }

  /** The label stored with results: the basis, and for time travel the run whose state was read. */
  public String label() {
    return runId == null ? basis : basis + ":" + runId;
  }

  /** A successful run: id, as-of date, first event and successful end. */
  record FinishedRun(String runId, LocalDate asOf, Timestamp start, Timestamp end) {}

  /**
   * The basis for reading {@code tables} ("layer/name") as of a date; every time-travelled table is
   * checked to be readable, else the basis falls back to the month filter.
   */
  public static AsOfBasis of(
      SparkSession spark, PathsConfig paths, LocalDate asOf, List<String> tables) {
    if (!Lake.exists(spark, runsTable(paths)) || !Lake.exists(spark, stagesTable(paths))) {
      return current();
    }
    List<FinishedRun> runs = contemporary(finishedRuns(spark, paths));
    LocalDate latest =
        runs.stream().map(FinishedRun::asOf).max(Comparator.naturalOrder()).orElse(null);
    if (latest == null || !asOf.isBefore(latest)) {
      return current();
    }
    FinishedRun then =
        runs.stream()
            .filter(r -> !r.asOf().isAfter(asOf))
            .max(Comparator.comparing(FinishedRun::end))
            .orElse(null);
    if (then == null) {
      LOG.warn(
          "As of {}: the lake has no successful run as of that date or earlier (its latest run is"
              + " as of {}), so the current tables are read up to the as-of month; corrections and"
              + " target revisions delivered after {} may be included",
          asOf,
          latest,
          asOf);
      return monthFilter();
    }
    Map<String, Long> versions = versionsAt(spark, paths, then.end(), tables);
    String unreadable = unreadable(spark, paths, versions);
    if (unreadable != null) {
      LOG.warn(
          "As of {}: run {} (as of {}) is the lake's record of that date, but {} is no longer"
              + " readable at the version it saw (removed by maintain's VACUUM or Delta's log"
              + " retention); the current tables are read up to the as-of month instead, so later"
              + " corrections and target revisions may be included",
          asOf,
          then.runId(),
          then.asOf(),
          unreadable);
      return monthFilter();
    }
    LOG.info(
        "As of {}: reading the tables as run {} (as of {}) left them: {}",
        asOf,
        then.runId(),
        then.asOf(),
        versions);
    return new AsOfBasis(TIME_TRAVEL, then.runId(), then.asOf(), versions);
  }

  /** A table ("layer/name") in this state, or null if it did not exist then. */
  public Dataset<Row> read(SparkSession spark, PathsConfig paths, String table) {
    String location = location(paths, table);
    if (!TIME_TRAVEL.equals(basis)) {
      return Lake.exists(spark, location) ? Lake.read(spark, location) : null;
    }
    Long version = versions.get(table);
    return version == null ? null : Lake.readAt(spark, location, version);
  }

  /** The version of a table ("layer/name") to read in this state, or null if it did not exist. */
  public Long version(SparkSession spark, PathsConfig paths, String table) {
    if (TIME_TRAVEL.equals(basis)) {
      return versions.get(table);
    }
    String location = location(paths, table);
    return Lake.exists(spark, location) ? Lake.version(spark, location) : null;
  }

  /**
   * The tables a stage needs from one layer in this state, or the failure saying which stage must
   * run first (as {@link Lake#readAll}).
   */
  public Map<String, Dataset<Row>> readAll(
      SparkSession spark,
      PathsConfig paths,
      String layer,
      List<String> names,
      String stage,
      String producer) {
    Map<String, Dataset<Row>> out = new LinkedHashMap<>();
    for (String name : names) {
      Dataset<Row> data = read(spark, paths, layer + "/" + name);
      if (data == null) {
        throw Lake.notWritten(stage, layer, name, producer, Lake.table(paths, layer, name));
      }
      out.put(name, data);
    }
    return out;
  }

  /** The location of a table named "layer/name". */
  static String location(PathsConfig paths, String table) {
    int slash = table.indexOf('/');
    return Lake.table(paths, table.substring(0, slash), table.substring(slash + 1));
  }

  static List<FinishedRun> finishedRuns(SparkSession spark, PathsConfig paths) {
    Map<String, Timestamp> start = new HashMap<>();
    Map<String, FinishedRun> ended = new TreeMap<>();
    for (Row r :
        Lake.read(spark, runsTable(paths))
            .select("run_id", "as_of", "event", "status", "at")
            .collectAsList()) {
      String id = r.getString(0);
      Timestamp at = r.getTimestamp(4);
      start.merge(id, at, (a, b) -> a.before(b) ? a : b);
      boolean succeeded = "ended".equals(r.getString(2)) && !"failed".equals(r.getString(3));
      if (succeeded && !r.isNullAt(1)) {
        FinishedRun seen = ended.get(id);
        if (seen == null || seen.end().before(at)) {
          ended.put(id, new FinishedRun(id, r.getDate(1).toLocalDate(), null, at));
        }
      }
    }
    return ended.values().stream()
        .map(r -> new FinishedRun(r.runId(), r.asOf(), start.get(r.runId()), r.end()))
        .toList();
  }

  /** The runs that are not back-dated: no run with a later as-of date had ended when they began. */
  static List<FinishedRun> contemporary(List<FinishedRun> runs) {
    return runs.stream()
        .filter(
            r ->
                runs.stream()
                    .noneMatch(s -> s.asOf().isAfter(r.asOf()) && s.end().before(r.start())))
        .toList();
  }

  /**
   * Per table, the latest version a stage recorded writing up to {@code end}; for a table no stage
   * recorded, the latest Delta commit made by then; none if the table did not exist then.
   */
  static Map<String, Long> versionsAt(
      SparkSession spark, PathsConfig paths, Timestamp end, List<String> tables) {
    Map<String, Long> out = new TreeMap<>();
    for (Row r :
        Lake.read(spark, stagesTable(paths))
            .filter(col("status").equalTo("succeeded").and(col("ended_at").leq(lit(end))))
            .select(explode(col("table_versions")).as(new String[] {"table", "version"}))
            .filter(col("table").isin(tables.toArray()))
            .groupBy("table")
            .agg(max("version"))
            .collectAsList()) {
      out.put(r.getString(0), r.getLong(1));
    }
    for (String table : tables) {
      String location = location(paths, table);
      if (!out.containsKey(table) && Lake.exists(spark, location)) {
        Row v =
            DeltaTable.forPath(spark, location)
                .history()
                .filter(col("timestamp").leq(lit(end)))
                .agg(max("version"))
                .first();
        if (!v.isNullAt(0)) {
          out.put(table, v.getLong(0));
        }
      }
    }
    return out;
  }

  /** The first table whose recorded version cannot be read any more, or null. */
  private static String unreadable(
      SparkSession spark, PathsConfig paths, Map<String, Long> versions) {
    for (Map.Entry<String, Long> v : versions.entrySet()) {
      String name = v.getKey() + " version " + v.getValue();
      try {
        String[] files = Lake.readAt(spark, location(paths, v.getKey()), v.getValue()).inputFiles();
        for (String file : files) {
          Path p = new Path(URI.create(file));
          if (!p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p)) {
            return name;
          }
        }
      } catch (IOException | RuntimeException e) {
        LOG.debug("Cannot read {}", name, e);
        return name;
      }
    }
    return null;
  }
}
