package org.dispersal.forecast;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dispersal.common.AsOfBasis;
import org.dispersal.common.PathsConfig;
import org.dispersal.conform.Vintages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task series as they were known when each backtest origin's forecast was made: today's monthly
 * figures with the revisions that arrived later taken back out (see {@link Vintages}).
 */
final class KnownHistory {
  private static final Logger LOG = LoggerFactory.getLogger(KnownHistory.class);

  /** The silver tables the vintages come from. */
  static final List<String> INPUTS =
      List.of(
          "silver/rental_history",
          "silver/license_history",
          "silver/demolition_history",
          "silver/progress_history");

  /** The column of gold/task_progress naming where a metric's figures come from. */
  static final String PROGRESS_SOURCE = "source";

  /** origin → task|metric → township → month index → revision. */
  private final Map<Integer, Map<String, Map<String, Map<Integer, Double>>>> revisions;

  private KnownHistory(Map<Integer, Map<String, Map<String, Map<Integer, Double>>>> revisions) {
    this.revisions = revisions;
  }

  /** No vintages: every origin sees today's figures. */
  static KnownHistory none() {
    return new KnownHistory(Map.of());
  }

  /**
   * Reads the vintages of the origins' report days from the histories (as the basis gives them).
   * Without the histories, or histories from before they kept {@code known_at}, no figure is
   * revised and the backtest says so in the log.
   */
  static KnownHistory read(
      SparkSession spark,
      PathsConfig paths,
      AsOfBasis basis,
      Dataset<Row> taskProgress,
      List<Integer> origins,
      int reportDay) {
    List<Dataset<Row>> tables = new ArrayList<>();
    for (String table : INPUTS) {
      Dataset<Row> t = basis.read(spark, paths, table);
      if (t == null || !Arrays.asList(t.columns()).contains("known_at")) {
        LOG.warn(
            "Forecast: {} is missing or has no known_at (conformed by an older version); the"
                + " backtest uses today's figures for the months before each origin",
            table);
        return none();
      }
      tables.add(t);
    }
    List<Integer> dated = dated(tables.get(3), origins, reportDay);
    if (dated.isEmpty()) {
      return none();
    }
    List<Timestamp> moments = new ArrayList<>();
    List<String> lastMonths = new ArrayList<>();
    for (int origin : dated) {
      moments.add(new Timestamp(KnownTargets.madeAt(origin, reportDay)));
      lastMonths.add(Months.of(origin).toString());
    }
    Dataset<Row> sources =
        taskProgress
            .select(
                col(ForecastColumns.TASK),
                col(ForecastColumns.METRIC),
                col(PROGRESS_SOURCE).as(Vintages.SOURCE))
            .distinct();
    List<Row> rows =
        Vintages.revisions(
                tables.get(0), tables.get(1), tables.get(2), tables.get(3), moments, lastMonths)
            .join(sources, new String[] {"task", "metric", Vintages.SOURCE}, "left_semi")
            .collectAsList();
    return of(rows, dated);
  }

  /**
   * The origins made after the first progress report became known. Before it nothing at all was
   * known, which means the files lost their save times (copied without keeping them), not that the
   * district had no figures: those origins use today's figures, and the log says why.
   */
  private static List<Integer> dated(Dataset<Row> progressHistory, List<Integer> origins, int day) {
    Timestamp first = progressHistory.agg(min(col("known_at"))).first().getTimestamp(0);
    List<Integer> out =
        origins.stream()
            .filter(o -> first != null && KnownTargets.madeAt(o, day) >= first.getTime())
            .toList();
    if (out.size() < origins.size()) {
      LOG.warn(
          "Forecast: no progress report was known before {} ({} of {} backtest origins); the"
              + " files' save times are probably lost (copied without keeping modification"
              + " times), so those origins use today's figures. Fix: deliver files with their"
              + " save times (cp -p, rsync -t)",
          first,
          origins.size() - out.size(),
          origins.size());
    }
    return out;
  }

  /** From collected rows of (vintage, task, metric, township_code, month, revision). */
  static KnownHistory of(List<Row> rows, List<Integer> origins) {
    Map<Integer, Map<String, Map<String, Map<Integer, Double>>>> out = new HashMap<>();
    for (Row r : rows) {
      int origin = origins.get(r.<Integer>getAs(Vintages.VINTAGE));
      out.computeIfAbsent(origin, k -> new HashMap<>())
          .computeIfAbsent(r.getAs("task") + "|" + r.getAs("metric"), k -> new HashMap<>())
          .computeIfAbsent(r.getAs(ForecastColumns.TOWNSHIP_CODE), k -> new HashMap<>())
          .merge(
              Months.index((String) r.getAs(ForecastColumns.MONTH)),
              r.<Double>getAs(Vintages.REVISION),
              Double::sum);
    }
    return new KnownHistory(out);
  }

  /** How many figures differ from today's at any origin. */
  long revised() {
    return revisions.values().stream()
        .flatMap(m -> m.values().stream())
        .flatMap(m -> m.values().stream())
        .mapToLong(Map::size)
        .sum();
  }

  /** A series cut at an origin, with the figures as they were known then. */
  TaskSeries at(int origin, TaskSeries cut) {
    Map<String, Map<Integer, Double>> byTownship =
        revisions
            .getOrDefault(origin, Map.of())
            .getOrDefault(cut.task() + "|" + cut.metric(), Map.of());
    if (byTownship.isEmpty()) {
      return cut;
    }
    Map<String, double[]> known = new LinkedHashMap<>();
    cut.townships()
        .forEach(
            (township, h) -> {
              double[] y = h.clone();
              byTownship
                  .getOrDefault(township, Map.of())
                  .forEach(
                      (t, delta) -> {
                        if (t >= 0 && t < y.length) {
                          y[t] += delta;
                        }
                      });
              known.put(township, y);
            });
    return new TaskSeries(cut.task(), cut.metric(), cut.unit(), known);
  }
}
