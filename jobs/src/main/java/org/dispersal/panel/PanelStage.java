package org.dispersal.panel;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dispersal.common.Lake;
import org.dispersal.common.RunContext;
import org.dispersal.common.Settings;
import org.dispersal.common.Stage;
import org.dispersal.common.StageOutcome;
import org.dispersal.common.Townships;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Panel: silver → the gold township × month and task-progress tables. Incremental by default: only
 * months touched by data ingested since the last build are merged; --full rebuilds.
 */
public final class PanelStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(PanelStage.class);
  static final String TOWNSHIP_MONTH = "township_month";
  static final String ENTITIES_BY_CATEGORY = "township_month_entities";
  static final String TASK_PROGRESS = "task_progress";
  static final String WATERMARK = "panel_watermark";

  @Override
  public String name() {
    return "panel";
  }

  @Override
  public StageOutcome run(SparkSession spark, Settings settings, RunContext run) {
    PanelConfig config = PanelConfig.from(settings);
    String district = run.run().districtCode();
    Map<String, Dataset<Row>> silver = readSilver(spark, run);
    YearMonth last = YearMonth.from(run.run().asOf());
    List<String> townships =
        Townships.load().ofDistrict(district).stream().map(Townships.Township::code).toList();
    Dataset<Row> spine = MonthSpine.spine(spark, townships, config.firstMonth(), last);
    Map<String, Dataset<Row>> gold = new LinkedHashMap<>();
    gold.put(
        TOWNSHIP_MONTH,
        PanelBuild.townshipMonth(
            spine,
            silver.get("vacating_events"),
            silver.get("rental"),
            silver.get("license"),
            silver.get("demolition"),
            silver.get("population"),
            district,
            config.firstMonth().toString()));
    gold.put(
        ENTITIES_BY_CATEGORY,
        PanelBuild.entitiesByCategory(
            spine, silver.get("license"), config.firstMonth().toString()));
    gold.put(TASK_PROGRESS, taskProgress(spark, silver, townships, config, last, district));

    Timestamp newest = Watermark.newest(silver);
    long eventsVersion = Lake.version(spark, Lake.table(run.paths(), "silver", "vacating_events"));
    Incremental plan = Incremental.plan(spark, run, silver, newest, eventsVersion, last);
    Map<String, Long> versions = new LinkedHashMap<>();
    long rowsOut = 0;
    for (Map.Entry<String, Dataset<Row>> table : gold.entrySet()) {
      String location = Lake.table(run.paths(), "gold", table.getKey());
      Dataset<Row> rows = table.getValue();
      if (plan.full()) {
        versions.put("gold/" + table.getKey(), Lake.overwrite(rows, location, run.runId()));
      } else if (plan.fromMonth() != null) {
        versions.put(
            "gold/" + table.getKey(), replaceFrom(rows, location, plan.fromMonth(), run.runId()));
      } else {
        continue;
      }
      rowsOut += Lake.rowsWritten(spark, location, run.runId());
    }
    if (plan.full() || plan.fromMonth() != null) {
      Watermark.write(spark, run, newest, eventsVersion);
    }
    String summary =
        plan.full()
            ? "full rebuild (" + plan.reason() + ")"
            : plan.fromMonth() == null
                ? "nothing new since the last build"
                : "rewrote months from " + plan.fromMonth();
    LOG.info("Panel: {}", summary);
    return new StageOutcome(name(), Watermark.rowsIn(silver), rowsOut, 0, 0, versions, summary);
  }

  private static Dataset<Row> taskProgress(
      SparkSession spark,
      Map<String, Dataset<Row>> silver,
      List<String> townships,
      PanelConfig config,
      YearMonth last,
      String district) {
    Dataset<Row> progressSpine = MonthSpine.spine(spark, townships, config.progressFrom(), last);
    Dataset<Row> targets = silver.get("targets").filter(col("task").notEqual("P"));
    Dataset<Row> progress = silver.get("progress").filter(col("task").notEqual("P"));
    Dataset<Row> keys =
        targets
            .select("task", "metric", "unit")
            .unionByName(progress.select("task", "metric", "unit"))
            .groupBy("task", "metric")
            .agg(org.apache.spark.sql.functions.first("unit", true).as("unit"));
    Dataset<Row> derived =
        silver.get("city_district_comparison").filter(col("derived").isNotNull());
    return TaskProgress.build(progressSpine, keys, derived, progress, targets, district);
  }

  /**
   * Replaces the table's rows of months ≥ from with the recomputed ones; returns the new version. A
   * replaceWhere, not a MERGE on the key: it also drops the rows of those months whose key is gone
   * (a task or category no longer reported), as a full rebuild would, and needs no join with the
   * table.
   */
  static long replaceFrom(Dataset<Row> rows, String location, String from, String runId) {
    SparkSession spark = rows.sparkSession();
    if (!Lake.exists(spark, location) || !from.matches("\\d{4}-\\d{2}")) {
      return Lake.overwrite(rows, location, runId);
    }
    return Lake.replace(
        rows.filter(col(PanelColumns.MONTH).geq(lit(from))),
        location,
        runId,
        "`" + PanelColumns.MONTH + "` >= '" + from + "'");
  }

  private static Map<String, Dataset<Row>> readSilver(SparkSession spark, RunContext run) {
    return Lake.readAll(
        spark,
        run.paths(),
        "silver",
        List.of(
            "vacating_events",
            "rental",
            "license",
            "demolition",
            "population",
            "targets",
            "progress",
            "city_district_comparison",
            "rental_history",
            "license_history",
            "demolition_history"),
        "Panel",
        "conform");
  }
}
