package org.dispersal.export;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.dispersal.export.ExportColumns.*;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Pure shaping of the export's figures: the forecasts of this export and of the previous one, the
 * change between them, the latest run of the append-per-run tables and the per-township figures.
 *
 * <p>The previous export's rows come from gold/forecasts as that export read it (the version logged
 * in gold/export_log, see {@link ExportLog}); {@link #previousAsOf} is the fallback for a lake
 * without a logged earlier export: the newest as-of date before this one in the current table.
 */
final class ExportData {
  private ExportData() {}

  static final List<String> TARGET_KEY = List.of(TASK, METRIC, TOWNSHIP_CODE, SCOPE, TARGET_YEAR);

  /** The default scenario's rows of one as-of date, newest run only. */
  static Dataset<Row> forecastsOf(Dataset<Row> forecasts, LocalDate asOf) {
    Dataset<Row> day =
        forecasts
            .filter(col(SCENARIO).equalTo(lit(DEFAULT_SCENARIO)))
            .filter(col(AS_OF).equalTo(lit(Date.valueOf(asOf))));
    return latestRun(day);
  }

  /** The rows of the newest run_id (run ids sort by start time). */
  static Dataset<Row> latestRun(Dataset<Row> in) {
    return in.withColumn("_latest", max(col(RUN_ID)).over(Window.partitionBy()))
        .filter(col(RUN_ID).equalTo(col("_latest")))
        .drop("_latest");
  }

  /** Without a logged earlier export: the newest as-of date before {@code asOf}, or null. */
  static Dataset<Row> previousAsOf(Dataset<Row> forecasts, LocalDate asOf) {
    return forecasts
        .filter(col(SCENARIO).equalTo(lit(DEFAULT_SCENARIO)))
        .filter(col(AS_OF).lt(lit(Date.valueOf(asOf))))
        .agg(max(col(AS_OF)).as(AS_OF));
  }

  /** Current forecasts with the previous export's achieved, P50 and probability beside them. */
  static Dataset<Row> withPrevious(Dataset<Row> current, Dataset<Row> previous) {
    // The key columns are renamed on the previous side: both sides come from one table, and a
    // join on same-named columns of one lineage is a self-join Spark cannot tell apart.
    List<Column> cols = new java.util.ArrayList<>();
    for (String k : TARGET_KEY) {
      cols.add(col(k).as("_prev_" + k));
    }
    cols.add(col(AS_OF).as(PREV_AS_OF));
    cols.add(col(ACHIEVED).as(PREV_ACHIEVED));
    cols.add(col(P50).as(PREV_P50));
    cols.add(col(PROBABILITY).as(PREV_PROBABILITY));
    Dataset<Row> prev = previous.select(cols.toArray(new Column[0]));
    Column on = null;
    for (String k : TARGET_KEY) {
      Column eq = col(k).eqNullSafe(col("_prev_" + k));
      on = on == null ? eq : on.and(eq);
    }
    Dataset<Row> joined = current.join(prev, on, "left");
    for (String k : TARGET_KEY) {
      joined = joined.drop("_prev_" + k);
    }
    return joined;
  }

  /** District rows of the tasks (not the population cap), ordered for the overview. */
  static Dataset<Row> overview(Dataset<Row> withPrevious) {
    return withPrevious
        .filter(col(IS_DISTRICT))
        .filter(col(SCOPE).notEqual(lit(SCOPE_CAP)))
        .orderBy(TASK, METRIC, SCOPE, TARGET_YEAR);
  }

  /** Township rows of the tasks: one status per township, task and metric (the 2020 target). */
  static Dataset<Row> townshipStatus(Dataset<Row> current) {
    return current
        .filter(col(IS_DISTRICT).equalTo(lit(false)))
        .filter(col(SCOPE).notEqual(lit(SCOPE_CAP)))
        .filter(col(TARGET_YEAR).equalTo(lit(2020)))
        .select(TOWNSHIP_CODE, TASK, METRIC, SCOPE, STATUS, PROBABILITY)
        .orderBy(TOWNSHIP_CODE, TASK, METRIC, SCOPE);
  }

  /**
   * Per township and the district: the latest official population and year, the latest
   * administrative estimate and the linked tenants and employees since 2017, up to the as-of month.
   */
  static Dataset<Row> population(Dataset<Row> townshipMonth, String asOfMonth) {
    Dataset<Row> upTo = townshipMonth.filter(col(MONTH).leq(lit(asOfMonth)));
    Dataset<Row> official =
        latestPer(upTo.filter(col(POPULATION_OFFICIAL).isNotNull()))
            .select(
                col(TOWNSHIP_CODE),
                col(MONTH).substr(1, 4).cast("int").as(YEAR),
                col(POPULATION_OFFICIAL));
    boolean hasAdmin = List.of(townshipMonth.columns()).contains(POPULATION_ADMIN);
    Dataset<Row> admin =
        hasAdmin
            ? latestPer(upTo.filter(col(POPULATION_ADMIN).isNotNull()))
                .select(col(TOWNSHIP_CODE), col(POPULATION_ADMIN))
            : official.select(col(TOWNSHIP_CODE), lit(null).cast("double").as(POPULATION_ADMIN));
    Dataset<Row> linked =
        upTo.groupBy(TOWNSHIP_CODE, IS_DISTRICT)
            .agg(
                sum(optional(townshipMonth, LINKED_TENANTS)).as(LINKED_TENANTS),
                sum(optional(townshipMonth, LINKED_EMPLOYEES)).as(LINKED_EMPLOYEES));
    return linked
        .join(official, TOWNSHIP_CODE)
        .join(admin, new String[] {TOWNSHIP_CODE}, "left")
        .orderBy(col(IS_DISTRICT).desc(), col(TOWNSHIP_CODE));
  }

  /** Per township, the attribution of the latest run's latest year. */
  static Dataset<Row> latestAttribution(Dataset<Row> attribution) {
    Dataset<Row> run = latestRun(attribution);
    return run.withColumn("_y", max(col(YEAR)).over(Window.partitionBy(TOWNSHIP_CODE)))
        .filter(col(YEAR).equalTo(col("_y")))
        .select(
            TOWNSHIP_CODE, YEAR, OBSERVED_CHANGE, EXPLAINED_CHANGE, EXPLAINED_LOW, EXPLAINED_HIGH);
  }

  /** City–district comparison of the latest month, per task and metric. */
  static Dataset<Row> comparison(Dataset<Row> cmp) {
    return cmp.withColumn("_m", max(col(MONTH)).over(Window.partitionBy()))
        .filter(col(MONTH).equalTo(col("_m")))
        .groupBy(TASK, METRIC, MONTH)
        .agg(
            sum("derived").as("derived"),
            sum("reported").as("reported"),
            sum("difference").as("difference"),
            sum(col("flagged").cast("int")).as("flagged"))
        .orderBy(TASK, METRIC);
  }

  /** Per ledger: rows read, loaded and quarantined at ingest, over every delivery. */
  static Dataset<Row> deliveriesPerLedger(Dataset<Row> quality) {
    return quality
        .groupBy(LEDGER)
        .agg(
            sum("rows_read").as("rows_read"),
            sum("rows_loaded").as("rows_loaded"),
            sum("rows_quarantined").as("rows_quarantined"))
        .orderBy(LEDGER);
  }

  /** Per ledger: rows conform set aside. */
  static Dataset<Row> quarantinePerLedger(Dataset<Row> quarantine) {
    return quarantine.groupBy(LEDGER).count().orderBy(LEDGER);
  }

  /** Per ledger: the newest ingest (the data cut-off of this export) and the deliveries loaded. */
  static Dataset<Row> cutOff(Dataset<Row> deliveries) {
    return deliveries
        .filter(col(STATUS).equalTo(lit("loaded")))
        .groupBy(LEDGER)
        .agg(
            max("ingested_at").as("ingested_at"), org.apache.spark.sql.functions.count("*").as("n"))
        .orderBy(LEDGER);
  }

  private static Dataset<Row> latestPer(Dataset<Row> in) {
    return in.withColumn("_m", max(col(MONTH)).over(Window.partitionBy(TOWNSHIP_CODE)))
        .filter(col(MONTH).equalTo(col("_m")))
        .drop("_m");
  }

  private static Column optional(Dataset<Row> in, String name) {
    return List.of(in.columns()).contains(name) ? col(name) : lit(0L);
  }
}
