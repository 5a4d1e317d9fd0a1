package org.dispersal.export;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Small inline gold and silver tables: two townships, two tasks, the cap, two export dates. */
final class ExportFixtures {
  private ExportFixtures() {}

  static final String DISTRICT = "110111";
  static final String T1 = "110111001";
  static final String T2 = "110111002";
  static final String PREV_RUN = "20200531T010000-aaaa";
  static final String OLD_RUN = "20200630T010000-bbbb";
  static final String RUN = "20200630T020000-cccc";

  static final StructType FORECASTS =
      new StructType()
          .add("run_id", DataTypes.StringType)
          .add("as_of", DataTypes.DateType)
          .add("scenario", DataTypes.StringType)
          .add("task", DataTypes.StringType)
          .add("metric", DataTypes.StringType)
          .add("unit", DataTypes.StringType)
          .add("township_code", DataTypes.StringType)
          .add("is_district", DataTypes.BooleanType)
          .add("target_scope", DataTypes.StringType)
          .add("target_year", DataTypes.IntegerType)
          .add("target_value", DataTypes.DoubleType)
          .add("achieved_to_date", DataTypes.DoubleType)
          .add("forecast_p10", DataTypes.DoubleType)
          .add("forecast_p50", DataTypes.DoubleType)
          .add("forecast_p90", DataTypes.DoubleType)
          .add("probability_met", DataTypes.DoubleType)
          .add("status", DataTypes.StringType);

  private static Row f(
      String run,
      String asOf,
      String task,
      String metric,
      String unit,
      String township,
      String scope,
      double target,
      double done,
      double p50,
      double prob,
      String status) {
    return RowFactory.create(
        run,
        Date.valueOf(asOf),
        "open_targets",
        task,
        metric,
        unit,
        township,
        township.equals(DISTRICT),
        scope,
        2020,
        target,
        done,
        p50 * 0.9,
        p50,
        p50 * 1.1,
        prob,
        status);
  }

  static Dataset<Row> forecasts(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (String[] r :
        new String[][] {
          {PREV_RUN, "2020-05-31", "0"}, {OLD_RUN, "2020-06-30", "1"}, {RUN, "2020-06-30", "2"}
        }) {
      double k = Double.parseDouble(r[2]);
      rows.add(
          f(
              r[0],
              r[1],
              "T1",
              "拆除面积",
              "平方米",
              DISTRICT,
              "period",
              1_000_000,
              500_000 + 100_000 * Math.min(k, 1),
              1_050_000,
              0.9,
              "on_track"));
      rows.add(
          f(
              r[0],
              r[1],
              "T4",
              "散乱污企业",
              "家",
              DISTRICT,
              "year",
              100,
              20 + 10 * k,
              60,
              0.2,
              "off_track"));
      rows.add(
          f(
              r[0],
              r[1],
              "T1",
              "拆除面积",
              "平方米",
              T1,
              "period",
              500_000,
              300_000,
              520_000,
              0.85,
              "on_track"));
      rows.add(f(r[0], r[1], "T4", "散乱污企业", "家", T1, "year", 50, 10, 30, 0.1, "off_track"));
      rows.add(
          f(
              r[0], r[1], "T1", "拆除面积", "平方米", T2, "period", 500_000, 300_000, 450_000, 0.6,
              "at_risk"));
      rows.add(
          f(
              r[0],
              r[1],
              "P",
              "常住人口",
              "人",
              DISTRICT,
              "population_cap",
              1_100_000,
              1_120_000,
              1_095_000 - 5_000 * k,
              0.7,
              "at_risk"));
    }
    return spark.createDataFrame(rows, FORECASTS);
  }

  /** The forecasts of one as-of date. */
  static Dataset<Row> forecastsAsOf(SparkSession spark, String asOf) {
    return forecasts(spark).filter(col("as_of").equalTo(lit(Date.valueOf(asOf))));
  }

  /**
   * The 2020-05-31 forecast as recomputed after it was exported: T1 restated (500,000 → 570,000
   * m²), T4 gone, the cap's P50 1,000,000 (was 1,095,000).
   */
  static Dataset<Row> restated(SparkSession spark) {
    return forecastsAsOf(spark, "2020-05-31")
        .filter(col("task").notEqual(lit("T4")))
        .withColumn(
            "achieved_to_date",
            when(col("task").equalTo(lit("T1")), col("achieved_to_date").plus(70_000))
                .otherwise(col("achieved_to_date")))
        .withColumn(
            "forecast_p50",
            when(col("task").equalTo(lit("P")), lit(1_000_000.0)).otherwise(col("forecast_p50")));
  }

  static Dataset<Row> taskProgress(SparkSession spark) {
    StructType s =
        new StructType()
            .add("task", DataTypes.StringType)
            .add("metric", DataTypes.StringType)
            .add("township_code", DataTypes.StringType)
            .add("is_district", DataTypes.BooleanType)
            .add("month", DataTypes.StringType)
            .add("cumulative_since_2017", DataTypes.DoubleType)
            .add("cumulative_in_year", DataTypes.DoubleType);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 42; i++) {
      String m = String.format("%d-%02d", 2017 + i / 12, i % 12 + 1);
      rows.add(
          RowFactory.create(
              "T1", "拆除面积", DISTRICT, true, m, 15_000.0 * (i + 1), 15_000.0 * (i % 12 + 1)));
      rows.add(
          RowFactory.create("T4", "散乱污企业", DISTRICT, true, m, 2.0 * (i + 1), 5.0 * (i % 12 + 1)));
    }
    return spark.createDataFrame(rows, s);
  }

  static Dataset<Row> townshipMonth(SparkSession spark) {
    StructType s =
        new StructType()
            .add("township_code", DataTypes.StringType)
            .add("is_district", DataTypes.BooleanType)
            .add("month", DataTypes.StringType)
            .add("resident_population_official", DataTypes.DoubleType)
            .add("resident_population_admin", DataTypes.DoubleType)
            .add("linked_tenants", DataTypes.LongType)
            .add("linked_employees", DataTypes.LongType);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 42; i++) {
      String m = String.format("%d-%02d", 2017 + i / 12, i % 12 + 1);
      boolean dec = i % 12 == 11;
      rows.add(
          RowFactory.create(
              T1,
              false,
              m,
              dec ? 500_000.0 - i * 100 : null,
              499_000.0,
              i == 5 ? 3L : 0L,
              i == 6 ? 7L : 0L));
      rows.add(
          RowFactory.create(
              T2, false, m, dec ? 600_000.0 - i * 100 : null, 598_000.0, i == 5 ? 12L : 0L, 0L));
      rows.add(
          RowFactory.create(
              DISTRICT,
              true,
              m,
              dec ? 1_100_000.0 - i * 200 : null,
              1_097_000.0,
              i == 5 ? 15L : 0L,
              i == 6 ? 7L : 0L));
    }
    return spark.createDataFrame(rows, s);
  }

  static Dataset<Row> attribution(SparkSession spark) {
    StructType s =
        new StructType()
            .add("run_id", DataTypes.StringType)
            .add("township_code", DataTypes.StringType)
            .add("year", DataTypes.IntegerType)
            .add("observed_change", DataTypes.DoubleType)
            .add("explained_change", DataTypes.DoubleType)
            .add("explained_low", DataTypes.DoubleType)
            .add("explained_high", DataTypes.DoubleType);
    List<Row> rows = new ArrayList<>();
    rows.add(RowFactory.create(PREV_RUN, T1, 2019, -1200.0, -999.0, -1500.0, -500.0));
    rows.add(RowFactory.create(RUN, T1, 2018, -1100.0, -700.0, -900.0, -500.0));
    rows.add(RowFactory.create(RUN, T1, 2019, -1200.0, -800.0, -1000.0, -600.0));
    return spark.createDataFrame(rows, s);
  }

  static Dataset<Row> freshness(SparkSession spark) {
    StructType s =
        new StructType()
            .add("ledger", DataTypes.StringType)
            .add("latest_data", DataTypes.DateType)
            .add("days_since_latest", DataTypes.IntegerType)
            .add("stale_after_days", DataTypes.IntegerType)
            .add("stale", DataTypes.BooleanType);
    return spark.createDataFrame(
        List.of(
            RowFactory.create("rental", Date.valueOf("2020-06-28"), 2, 45, false),
            RowFactory.create("license", Date.valueOf("2020-03-01"), 121, 45, true)),
        s);
  }
}
