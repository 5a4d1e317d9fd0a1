package org.dispersal.forecast;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A small generated district for the forecast tests: township task progress with the work's rhythm
 * (Spring Festival lull, year-end push), yearly plans that change, a mid-2019 revision in some
 * townships, noisy months and targets set from the plans with an ambition factor; township months
 * with vacated area and official year-end populations; population caps.
 */
final class ForecastFixtures {
  static final String DISTRICT = "110111";
  static final int TOWNSHIPS = 10;

  /** Months generated: 2015-01 … 2020-12; the as-of date is 2020-06-30. */
  static final String AS_OF = "2020-06-30";

  static final double[] RHYTHM = {0.5, 0.35, 0.9, 1.0, 1.05, 1.1, 1.0, 0.95, 1.05, 1.1, 1.35, 1.65};
  static final double[] YEAR_FACTOR = {1.0, 1.25, 1.45, 0.9};
  static final String[][] TASKS = {
    {"T1", "拆除面积", "平方米", "township", "4000"},
    {"T4", "散乱污企业", "家", "district", "1.2"},
    {"T7", "群租房", "户", "district", "6"}
  };

  /** Residents leaving per 10,000 m² of residential demolition in the generated truth. */
  static final double EFFECT = 150;

  private ForecastFixtures() {}

  static String township(int i) {
    return String.format("%s%03d", DISTRICT, i + 1);
  }

  static String month(int index) {
    return String.format("%d-%02d", 2017 + index / 12, index % 12 + 1);
  }

  static final StructType PROGRESS =
      new StructType()
          .add("task", DataTypes.StringType)
          .add("metric", DataTypes.StringType)
          .add("unit", DataTypes.StringType)
          .add("township_code", DataTypes.StringType)
          .add("is_district", DataTypes.BooleanType)
          .add("month", DataTypes.StringType)
          .add("completed", DataTypes.DoubleType)
          .add("year_target", DataTypes.DoubleType)
          .add("period_target", DataTypes.DoubleType)
          .add("direction", DataTypes.StringType);

  /** gold/task_progress, months 2017-01 … 2020-12 (after the as-of month: must be ignored). */
  static Dataset<Row> taskProgress(SparkSession spark, long seed) {
    return spark.createDataFrame(progressRows(seed, TOWNSHIPS), PROGRESS);
  }

  /** The same rows as plain rows, for tests that need no Spark. */
  static List<Row> progressRows(long seed, int townships) {
    Random r = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (String[] task : TASKS) {
      boolean townshipTargets = task[3].equals("township");
      double scale = Double.parseDouble(task[4]);
      double[][] done = new double[townships][48];
      double[][] plan = new double[townships][4];
      for (int i = 0; i < townships; i++) {
        double size = scale * (0.4 + 1.6 * r.nextDouble());
        boolean revised = r.nextDouble() < 0.3;
        for (int t = 0; t < 48; t++) {
          int y = t / 12;
          double pace = size * YEAR_FACTOR[y] * (revised && t >= 30 ? 1.3 : 1.0);
          double v = pace * RHYTHM[t % 12] * Math.exp(0.35 * r.nextGaussian() - 0.06);
          done[i][t] = Math.round(v);
          plan[i][y] += pace * RHYTHM[t % 12];
        }
      }
      for (int i = 0; i <= townships; i++) {
        boolean isDistrict = i == townships;
        // As the generator: one ambition factor per township, the same every year; targets
        // follow the plans, so a township whose pace was revised in mid-2019 has revised targets.
        double[] ambition = new double[4];
        java.util.Arrays.fill(ambition, 0.9 + 0.35 * r.nextDouble());
        for (int t = 0; t < 48; t++) {
          int y = t / 12;
          double completed = 0;
          double yearPlan = 0;
          double periodPlan = 0;
          for (int j = 0; j < townships; j++) {
            if (isDistrict || j == i) {
              completed += done[j][t];
              yearPlan += plan[j][y];
              for (int k = 0; k < 4; k++) {
                periodPlan += plan[j][k];
              }
            }
          }
          boolean targeted = townshipTargets || isDistrict;
          Double yearTarget = targeted ? Math.round(yearPlan * ambition[y]) * 1.0 : null;
          Double periodTarget = isDistrict ? Math.round(periodPlan) * 1.0 : null;
          rows.add(
              new GenericRowWithSchema(
                  new Object[] {
                    task[0],
                    task[1],
                    task[2],
                    isDistrict ? DISTRICT : township(i),
                    isDistrict,
                    month(t),
                    t > 41 ? 1e9 : completed,
                    yearTarget,
                    periodTarget,
                    "不少于"
                  },
                  PROGRESS));
        }
      }
    }
    return rows;
  }

  /** The targets of progress rows, as the stage's target step would list them. */
  static List<Target> targets(List<Row> rows) {
    java.util.Set<Target> out = new java.util.LinkedHashSet<>();
    for (Row r : rows) {
      String month = r.getAs("month");
      int year = Integer.parseInt(month.substring(0, 4));
      if (r.getAs("year_target") != null) {
        out.add(
            new Target(
                r.getAs("task"),
                r.getAs("metric"),
                r.getAs("unit"),
                r.getAs("township_code"),
                r.getAs("is_district"),
                Target.YEAR,
                year,
                r.getAs("year_target"),
                true));
      }
      if (r.getAs("period_target") != null) {
        out.add(
            new Target(
                r.getAs("task"),
                r.getAs("metric"),
                r.getAs("unit"),
                r.getAs("township_code"),
                r.getAs("is_district"),
                Target.PERIOD,
                2020,
                r.getAs("period_target"),
                true));
      }
    }
    return List.copyOf(out);
  }

  static final List<String> PANEL_KINDS =
      List.of(
          "residential",
          "production",
          "commercial",
          "other_structure",
          "business",
          "group_rental",
          "basement");

  /** gold/township_month 2015-01 … 2020-06: residential demolition and official populations. */
  static Dataset<Row> townshipMonth(SparkSession spark, long seed) {
    Random r = new Random(seed);
    StructType schema =
        new StructType()
            .add("township_code", DataTypes.StringType)
            .add("is_district", DataTypes.BooleanType)
            .add("month", DataTypes.StringType)
            .add("resident_population_official", DataTypes.DoubleType);
    for (String k : PANEL_KINDS) {
      schema = schema.add("vacated_area_" + k + "_m2", DataTypes.DoubleType);
      schema = schema.add("vacated_count_" + k, DataTypes.LongType);
    }
    List<Row> rows = new ArrayList<>();
    double[] districtPop = new double[66];
    double[][] districtArea = new double[66][1];
    for (int i = 0; i < TOWNSHIPS; i++) {
      double pop = 40_000 + 60_000 * r.nextDouble();
      double growth = 60 * r.nextGaussian();
      for (int t = -24; t < 42; t++) {
        double area = t < 0 ? 0 : 3000 * RHYTHM[Math.floorMod(t, 12)] * (0.5 + r.nextDouble());
        pop += growth - EFFECT * area / 10_000 + 40 * r.nextGaussian();
        districtPop[t + 24] += pop;
        districtArea[t + 24][0] += area;
        rows.add(row(township(i), false, t, pop, area));
      }
    }
    for (int t = -24; t < 42; t++) {
      rows.add(row(DISTRICT, true, t, districtPop[t + 24] + 500, districtArea[t + 24][0]));
    }
    return spark.createDataFrame(rows, schema);
  }

  private static Row row(String township, boolean district, int t, double pop, double area) {
    List<Object> v = new ArrayList<>();
    v.add(township);
    v.add(district);
    v.add(String.format("%d-%02d", 2017 + Math.floorDiv(t, 12), Math.floorMod(t, 12) + 1));
    v.add(Math.floorMod(t, 12) == 11 ? (double) Math.round(pop) : null);
    for (String k : PANEL_KINDS) {
      boolean residential = k.equals("residential");
      v.add(residential ? area : 0.0);
      v.add(residential ? Math.round(area / 500) : 0L);
    }
    return RowFactory.create(v.toArray());
  }

  /** silver/targets rows of the population caps (task P) for 2020. */
  static Dataset<Row> caps(SparkSession spark, Dataset<Row> townshipMonth) {
    List<Row> dec2019 =
        townshipMonth
            .filter("month = '2019-12'")
            .select("township_code", "resident_population_official")
            .collectAsList();
    StructType schema =
        new StructType()
            .add("task", DataTypes.StringType)
            .add("metric", DataTypes.StringType)
            .add("unit", DataTypes.StringType)
            .add("township_code", DataTypes.StringType)
            .add("year", DataTypes.IntegerType)
            .add("cumulative", DataTypes.BooleanType)
            .add("target_value", DataTypes.DoubleType)
            .add("direction", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    for (Row d : dec2019) {
      rows.add(
          RowFactory.create(
              "P",
              "常住人口",
              "人",
              d.getString(0),
              2020,
              false,
              Math.round(d.getDouble(1) * 0.995) * 1.0,
              "不多于"));
    }
    return spark.createDataFrame(rows, schema);
  }
}
