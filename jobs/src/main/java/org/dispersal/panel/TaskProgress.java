package org.dispersal.panel;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Task × metric × township × month progress: completed in the month, cumulative in the year and
 * since 2017-01, the yearly and whole-period targets that apply and the share reached. A figure
 * comes from a record ledger where the ledgers can derive it, else as the township reported it.
 */
final class TaskProgress {
  static final String SOURCE_LEDGER = "ledger";
  static final String SOURCE_REPORTED = "reported";
  static final String FIRST_MONTH = "2017-01";

  private TaskProgress() {}

  /**
   * @param spine townships × months from 2017-01 (month, month_index, township_code)
   * @param keys task, metric, unit of every metric that has a target or a report
   * @param derived silver comparison rows (task, metric, township_code, month, derived) for
   *     ledger-derivable metrics
   * @param reported silver progress (task, metric, township_code, month, completed)
   * @param targets silver targets (task, metric, township_code, year, cumulative, target_value,
   *     direction, unit)
   */
  static Dataset<Row> build(
      Dataset<Row> spine,
      Dataset<Row> keys,
      Dataset<Row> derived,
      Dataset<Row> reported,
      Dataset<Row> targets,
      String districtCode) {
    Dataset<Row> derivable =
        derived.select("task", "metric").distinct().withColumn("_derivable", lit(true));
    Dataset<Row> grid =
        spine.crossJoin(keys).join(derivable, new String[] {"task", "metric"}, "left");
    Dataset<Row> d =
        derived.select(
            col("task"), col("metric"), col("township_code"), col("month"), col("derived"));
    Dataset<Row> r =
        reported.select(
            col("task"),
            col("metric"),
            col("township_code"),
            col("month"),
            col("completed").cast("double").as(PanelColumns.REPORTED));
    String[] on = {"task", "metric", "township_code", "month"};
    Column isDerivable = coalesce(col("_derivable"), lit(false));
    Dataset<Row> monthly =
        grid.join(d, on, "left")
            .join(r, on, "left")
            .withColumn(
                PanelColumns.COMPLETED,
                when(isDerivable, coalesce(col("derived"), lit(0.0)))
                    .otherwise(coalesce(col(PanelColumns.REPORTED), lit(0.0))))
            .withColumn(
                PanelColumns.SOURCE,
                when(isDerivable, lit(SOURCE_LEDGER)).otherwise(lit(SOURCE_REPORTED)))
            .drop("derived", "_derivable")
            .withColumn("year", substring(col("month"), 1, 4).cast("int"));
    Dataset<Row> district =
        monthly
            .groupBy(
                "task",
                "metric",
                "unit",
                "month",
                PanelColumns.MONTH_INDEX,
                PanelColumns.MONTH_END,
                "year",
                PanelColumns.SOURCE)
            .agg(
                sum(PanelColumns.COMPLETED).as(PanelColumns.COMPLETED),
                sum(PanelColumns.REPORTED).as(PanelColumns.REPORTED))
            .withColumn("township_code", lit(districtCode));
    return withTargets(cumulate(monthly.unionByName(district)), targets)
        .withColumn(PanelColumns.IS_DISTRICT, col("township_code").equalTo(districtCode));
  }

  private static Dataset<Row> cumulate(Dataset<Row> monthly) {
    WindowSpec all =
        Window.partitionBy("task", "metric", "township_code")
            .orderBy(PanelColumns.MONTH_INDEX)
            .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    WindowSpec year =
        Window.partitionBy(col("task"), col("metric"), col("township_code"), col("year"))
            .orderBy(PanelColumns.MONTH_INDEX)
            .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    return monthly
        .withColumn(PanelColumns.CUMULATIVE, sum(col(PanelColumns.COMPLETED)).over(all))
        .withColumn(PanelColumns.CUMULATIVE_YEAR, sum(col(PanelColumns.COMPLETED)).over(year));
  }

  private static Dataset<Row> withTargets(Dataset<Row> progress, Dataset<Row> targets) {
    Dataset<Row> yearly =
        targets
            .filter(col("cumulative").equalTo(false))
            .groupBy("task", "metric", "township_code", "year")
            .agg(
                first(col("target_value")).cast("double").as(PanelColumns.YEAR_TARGET),
                first(col("direction")).as("_year_direction"));
    Dataset<Row> period =
        targets
            .filter(col("cumulative").equalTo(true))
            .groupBy("task", "metric", "township_code")
            .agg(
                first(col("target_value")).cast("double").as(PanelColumns.PERIOD_TARGET),
                first(col("direction")).as("_period_direction"));
    return progress
        .join(yearly, new String[] {"task", "metric", "township_code", "year"}, "left")
        .join(period, new String[] {"task", "metric", "township_code"}, "left")
        .withColumn(
            PanelColumns.DIRECTION, coalesce(col("_period_direction"), col("_year_direction")))
        .withColumn(
            PanelColumns.SHARE_OF_YEAR,
            when(
                col(PanelColumns.YEAR_TARGET).gt(0),
                col(PanelColumns.CUMULATIVE_YEAR).divide(col(PanelColumns.YEAR_TARGET))))
        .withColumn(
            PanelColumns.SHARE_OF_PERIOD,
            when(
                col(PanelColumns.PERIOD_TARGET).gt(0),
                col(PanelColumns.CUMULATIVE).divide(col(PanelColumns.PERIOD_TARGET))))
        .drop("_period_direction", "_year_direction");
  }
}
