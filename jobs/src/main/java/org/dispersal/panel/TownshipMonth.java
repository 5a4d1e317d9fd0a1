package org.dispersal.panel;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The township × month facts: vacated space by kind with the people linked to it, the stock of
 * active registrations and market entities, and new illegal structures. Zeros are explicit.
 */
final class TownshipMonth {
  private TownshipMonth() {}

  /** Vacated area and counts per kind, and linked tenants and employees, per township-month. */
  static Dataset<Row> vacated(Dataset<Row> events) {
    List<Column> aggs = new ArrayList<>();
    for (String kind : PanelColumns.KINDS) {
      Column isKind = col("kind").equalTo(kind);
      aggs.add(
          sum(when(isKind, coalesce(col("floor_area_m2"), lit(0.0)))).as(PanelColumns.area(kind)));
      aggs.add(count(when(isKind, 1)).as(PanelColumns.count(kind)));
    }
    aggs.add(sum(col("linked_tenants")).as(PanelColumns.LINKED_TENANTS));
    aggs.add(sum(col("linked_employees")).as(PanelColumns.LINKED_EMPLOYEES));
    return events
        .groupBy(
            col("township_code").as(PanelColumns.TOWNSHIP_CODE),
            col("event_month").as(PanelColumns.MONTH))
        .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
  }

  /**
   * Month-end stocks from start and end dates: +1 in the month a record starts, −1 in the month it
   * ends, summed over time. Records older than the panel count from its first month. Per township,
   * month and the values of the columns {@code by}.
   */
  static Dataset<Row> stock(
      Dataset<Row> records,
      List<String> by,
      Column start,
      Column end,
      Column weight,
      String countName,
      String weightName,
      String firstMonth) {
    Column startMonth = greatest(date_format(start, "yyyy-MM"), lit(firstMonth));
    Dataset<Row> plus =
        records
            .filter(start.isNotNull())
            .select(
                columns(
                    by,
                    col("township_code"),
                    startMonth.as("m"),
                    lit(1L).as("dc"),
                    weight.as("dw")));
    Dataset<Row> minus =
        records
            .filter(start.isNotNull().and(end.isNotNull()))
            .select(
                columns(
                    by,
                    col("township_code"),
                    greatest(date_format(end, "yyyy-MM"), lit(firstMonth)).as("m"),
                    lit(-1L).as("dc"),
                    weight.multiply(-1).as("dw")));
    return plus.unionByName(minus)
        .groupBy(
            columns(
                by,
                col("township_code").as(PanelColumns.TOWNSHIP_CODE),
                col("m").as(PanelColumns.MONTH)))
        .agg(sum("dc").as("_dc_" + countName), sum("dw").as("_dw_" + weightName));
  }

  private static Column[] columns(List<String> by, Column... first) {
    List<Column> out = new ArrayList<>(List.of(first));
    by.forEach(c -> out.add(col(c)));
    return out.toArray(Column[]::new);
  }

  /** Running sums of the stock deltas along the spine's months, per township and columns by. */
  static Dataset<Row> cumulate(
      Dataset<Row> spine,
      Dataset<Row> deltas,
      List<String> by,
      String countName,
      String weightName) {
    WindowSpec upTo =
        Window.partitionBy(columns(by, col(PanelColumns.TOWNSHIP_CODE)))
            .orderBy(PanelColumns.MONTH_INDEX)
            .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    List<String> keys = new ArrayList<>(List.of(PanelColumns.TOWNSHIP_CODE, PanelColumns.MONTH));
    keys.addAll(by);
    return spine
        .join(deltas, keys.toArray(String[]::new), "left")
        .withColumn(countName, sum(coalesce(col("_dc_" + countName), lit(0L))).over(upTo))
        .withColumn(
            weightName, sum(coalesce(col("_dw_" + weightName), lit(0L))).over(upTo).cast("long"))
        .drop("_dc_" + countName, "_dw_" + weightName);
  }

  /** New illegal structures (是否新增=是) demolished per township-month: the zero-growth figure. */
  static Dataset<Row> newIllegal(Dataset<Row> demolitions) {
    return demolitions
        .filter(col("newly_built").equalTo(true).and(col("demolished_on").isNotNull()))
        .groupBy(
            col("township_code").as(PanelColumns.TOWNSHIP_CODE),
            date_format(col("demolished_on"), "yyyy-MM").as(PanelColumns.MONTH))
        .agg(count(lit(1)).as(PanelColumns.NEW_ILLEGAL_STRUCTURES));
  }

  /** Left-joins monthly facts onto the spine with zeros where nothing happened. */
  static Dataset<Row> withZeros(Dataset<Row> spine, Dataset<Row> facts, List<String> columns) {
    Dataset<Row> joined =
        spine.join(facts, new String[] {PanelColumns.TOWNSHIP_CODE, PanelColumns.MONTH}, "left");
    for (String c : columns) {
      joined = joined.withColumn(c, coalesce(col(c), lit(0)));
    }
    return joined;
  }

  /** The additive columns of the township-month table (summed for the district row). */
  static List<String> additiveColumns() {
    List<String> cols = new ArrayList<>();
    for (String kind : PanelColumns.KINDS) {
      cols.add(PanelColumns.area(kind));
      cols.add(PanelColumns.count(kind));
    }
    cols.add(PanelColumns.LINKED_TENANTS);
    cols.add(PanelColumns.LINKED_EMPLOYEES);
    cols.add(PanelColumns.ACTIVE_REGISTRATIONS);
    cols.add(PanelColumns.REGISTERED_TENANTS);
    cols.add(PanelColumns.ACTIVE_ENTITIES);
    cols.add(PanelColumns.ACTIVE_EMPLOYEES);
    cols.add(PanelColumns.NEW_ILLEGAL_STRUCTURES);
    return cols;
  }
}
