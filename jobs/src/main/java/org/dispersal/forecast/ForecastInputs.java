package org.dispersal.forecast;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The forecast's pure steps from the gold and silver tables to the small series and target lists it
 * works on: only rows up to the as-of month, aggregated before they reach the driver.
 */
final class ForecastInputs {
  /** The panel's kinds summed into each estimate kind. */
  static final Map<String, List<String>> PANEL_KINDS =
      Map.of(
          "residential", List.of("residential"),
          "business_demolition", List.of("production", "commercial"),
          "other_structure", List.of("other_structure"),
          "business_closure", List.of("business"),
          "group_rental", List.of("group_rental"),
          "basement", List.of("basement"));

  private ForecastInputs() {}

  /** Township rows of task progress up to the as-of month: the series to forecast. */
  static Dataset<Row> series(Dataset<Row> taskProgress, String asOfMonth) {
    return taskProgress
        .filter(col(ForecastColumns.IS_DISTRICT).equalTo(false))
        .filter(col(ForecastColumns.MONTH).leq(lit(asOfMonth)))
        .select(
            ForecastColumns.TASK,
            ForecastColumns.METRIC,
            ForecastColumns.UNIT,
            ForecastColumns.TOWNSHIP_CODE,
            ForecastColumns.MONTH,
            ForecastColumns.COMPLETED);
  }

  /** One row per yearly target and per whole-period target of task progress. */
  static Dataset<Row> targets(Dataset<Row> taskProgress) {
    Column year = substring(col(ForecastColumns.MONTH), 1, 4).cast("int");
    String[] keys = {
      ForecastColumns.TASK,
      ForecastColumns.METRIC,
      ForecastColumns.UNIT,
      ForecastColumns.TOWNSHIP_CODE,
      ForecastColumns.IS_DISTRICT,
      ForecastColumns.DIRECTION
    };
    Dataset<Row> yearly =
        taskProgress
            .filter(col(ForecastColumns.YEAR_TARGET).isNotNull())
            .withColumn("scope", lit(Target.YEAR))
            .withColumn("year", year)
            .withColumn("value", col(ForecastColumns.YEAR_TARGET));
    Dataset<Row> period =
        taskProgress
            .filter(col(ForecastColumns.PERIOD_TARGET).isNotNull())
            .withColumn("scope", lit(Target.PERIOD))
            .withColumn("year", lit(2020))
            .withColumn("value", col(ForecastColumns.PERIOD_TARGET));
    List<String> cols = new ArrayList<>(List.of(keys));
    cols.addAll(List.of("scope", "year", "value"));
    Column[] select = cols.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    return yearly.select(select).unionByName(period.select(select)).distinct();
  }

  static List<Target> targetList(List<Row> rows) {
    return rows.stream()
        .map(
            r ->
                new Target(
                    r.getAs(ForecastColumns.TASK),
                    r.getAs(ForecastColumns.METRIC),
                    r.getAs(ForecastColumns.UNIT),
                    r.getAs(ForecastColumns.TOWNSHIP_CODE),
                    r.<Boolean>getAs(ForecastColumns.IS_DISTRICT),
                    r.getAs("scope"),
                    r.<Integer>getAs("year"),
                    ((Number) r.getAs("value")).doubleValue(),
                    !ForecastColumns.AT_MOST_CN.equals(r.getAs(ForecastColumns.DIRECTION))))
        .sorted(
            java.util.Comparator.comparing(Target::task)
                .thenComparing(Target::metric)
                .thenComparing(Target::township)
                .thenComparing(Target::scope)
                .thenComparingInt(Target::year))
        .toList();
  }

  /** The population caps (task P) of silver/targets. */
  static Dataset<Row> caps(Dataset<Row> silverTargets, String district) {
    return silverTargets
        .filter(col("task").equalTo("P"))
        .select(
            col("task").as(ForecastColumns.TASK),
            col("metric").as(ForecastColumns.METRIC),
            col("unit").as(ForecastColumns.UNIT),
            col("township_code").as(ForecastColumns.TOWNSHIP_CODE),
            col("township_code").equalTo(district).as(ForecastColumns.IS_DISTRICT),
            col("direction").as(ForecastColumns.DIRECTION),
            lit(Target.POPULATION_CAP).as("scope"),
            col("year").cast("int").as("year"),
            col("target_value").cast("double").as("value"))
        .distinct();
  }

  /** Official year-end population per township (and the district) known at the as-of month. */
  static Dataset<Row> official(Dataset<Row> townshipMonth, String asOfMonth) {
    return townshipMonth
        .filter(col(ForecastColumns.MONTH).leq(lit(asOfMonth)))
        .filter(col(ForecastColumns.POPULATION_OFFICIAL).isNotNull())
        .select(
            col(ForecastColumns.TOWNSHIP_CODE),
            substring(col(ForecastColumns.MONTH), 1, 4).cast("int").as("year"),
            col(ForecastColumns.POPULATION_OFFICIAL).cast("double").as("population"));
  }

  /** Area and count vacated per township, year and estimate kind up to the as-of month. */
  static Dataset<Row> vacatedByYear(Dataset<Row> townshipMonth, String asOfMonth) {
    List<Column> aggs = new ArrayList<>();
    for (Map.Entry<String, List<String>> k : new TreeMap<>(PANEL_KINDS).entrySet()) {
      Column area = lit(0.0);
      Column count = lit(0.0);
      for (String panelKind : k.getValue()) {
        area = area.plus(col("vacated_area_" + panelKind + "_m2"));
        count = count.plus(col("vacated_count_" + panelKind));
      }
      aggs.add(sum(area).as("area_" + k.getKey()));
      aggs.add(sum(count.cast("double")).as("count_" + k.getKey()));
    }
    return townshipMonth
        .filter(col(ForecastColumns.IS_DISTRICT).equalTo(false))
        .filter(col(ForecastColumns.MONTH).leq(lit(asOfMonth)))
        .withColumn("year", substring(col(ForecastColumns.MONTH), 1, 4).cast("int"))
        .groupBy(ForecastColumns.TOWNSHIP_CODE, "year")
        .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
  }

  /**
   * The effect estimates to use: the latest run's rows, the district-level estimator where there is
   * one else the panel's, per kind the cumulative effect (lag {@code total}, else the longest lag);
   * the panel's leads ({@code lead_1}: the pre-trend check, not an effect) are never used.
   */
  static Dataset<Row> latestEffects(Dataset<Row> effects) {
    Dataset<Row> latest =
        effects
            .agg(max(col("run_id")).as("_latest"))
            .crossJoin(effects)
            .filter(col("run_id").equalTo(col("_latest")))
            .filter(col("estimator").isin("district", "panel"));
    return latest
        .withColumn(
            "_rank",
            org.apache
                .spark
                .sql
                .functions
                .when(col("estimator").equalTo("district"), 0)
                .otherwise(1))
        .withColumn("_lag", col("lag").cast("string"))
        .filter(not(col("_lag").startsWith("lead_")))
        .withColumn(
            "_n",
            org.apache
                .spark
                .sql
                .functions
                .row_number()
                .over(
                    org.apache.spark.sql.expressions.Window.partitionBy("kind")
                        .orderBy(
                            col("_rank"),
                            col("_lag").equalTo("total").desc_nulls_last(),
                            col("_lag").desc_nulls_last())))
        .filter(col("_n").equalTo(1))
        .select(
            "run_id",
            "kind",
            "estimator",
            "estimate",
            "ci95_low",
            "ci95_high",
            "ci90_low",
            "ci90_high");
  }

  static Map<String, PopulationForecast.Effect> effectMap(List<Row> rows) {
    Map<String, PopulationForecast.Effect> out = new TreeMap<>();
    for (Row r : rows) {
      Double est = number(r, "estimate");
      if (est == null) {
        continue;
      }
      Double lo95 = number(r, "ci95_low");
      Double hi95 = number(r, "ci95_high");
      Double lo90 = number(r, "ci90_low");
      Double hi90 = number(r, "ci90_high");
      double se =
          lo95 != null && hi95 != null
              ? (hi95 - lo95) / (2 * 1.959964)
              : lo90 != null && hi90 != null ? (hi90 - lo90) / (2 * 1.644854) : 0;
      out.put(r.getAs("kind"), new PopulationForecast.Effect(est, Math.max(0, se)));
    }
    return out;
  }

  private static Double number(Row r, String column) {
    Object v = r.getAs(column);
    return v == null ? null : ((Number) v).doubleValue();
  }
}
