package org.dispersal.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dispersal.TestSpark;

/**
 * Simulates gold township_month rows from the generator's mechanism — staggered vacating by kind,
 * departures spread over 13 months, 30 % of them settling in other townships, township trends, 1 %
 * survey noise on year-end figures — with a known effect per 10,000 m² of each kind.
 */
final class PanelSimulator {
  static final double[] LAG = {
    0.40, 0.10, 0.08, 0.07, 0.06, 0.05, 0.04, 0.05, 0.04, 0.04, 0.03, 0.02, 0.02
  };
  static final double SPILLOVER = 0.30;
  static final double SURVEY_NOISE = 0.01;

  /**
   * Realised registration coverage of tenants: logistic from 24% to 57% with midpoint 2017-07 and
   * scale 6 months (the generator's curve runs 30% → 85% over eligible dwellings; Fangshan's
   * realised coverage in coverage_by_month.csv rises from about 24% to 57%).
   */
  static double coverage(int month) {
    return 0.24 + 0.33 / (1 + Math.exp(-(month - 30) / 6.0));
  }

  /** Share of a township's residents outside the formal sector (tenants, who can register). */
  static final double TENANT_SHARE = 0.25;

  /** True persons per 10,000 m², in EstimateKind order. */
  static final double[] DENSITY = {180, 50, 40, 1500, 830};

  /** Mean monthly area vacated per township once it has started, m², in EstimateKind order. */
  static final double[] MONTHLY_AREA = {3000, 4000, 1500, 120, 150};

  static final String[] PANEL_KINDS = {
    "residential",
    "production",
    "commercial",
    "other_structure",
    "business",
    "group_rental",
    "basement"
  };

  private PanelSimulator() {}

  static Dataset<Row> townshipMonths(long seed, int townships) {
    return townshipMonths(seed, townships, 0);
  }

  /**
   * @param anticipation persons leaving 12 months before a unit is vacated, per person who leaves
   *     when it is (0: none, the mechanism of the generator)
   */
  static Dataset<Row> townshipMonths(long seed, int townships, double anticipation) {
    Random r = new Random(seed);
    int months = 60; // 2015-01 .. 2019-12
    double[] base = new double[townships];
    double[] trend = new double[townships];
    int[] start = new int[townships];
    double[] intensity = new double[townships];
    double weightTotal = 0;
    for (int i = 0; i < townships; i++) {
      base[i] = 5_000 + r.nextDouble() * 120_000;
      trend[i] = base[i] * (r.nextDouble() * 0.05 - 0.02) / 12;
      start[i] = 24 + r.nextInt(18); // staggered: 2017-01 .. 2018-06
      intensity[i] = 0.3 + 1.4 * r.nextDouble() * (base[i] / 65_000);
      weightTotal += base[i];
    }
    double[][][] area = new double[townships][months][DENSITY.length];
    double[][] leave = new double[townships][months + LAG.length];
    for (int i = 0; i < townships; i++) {
      for (int m = start[i]; m < months; m++) {
        for (int k = 0; k < DENSITY.length; k++) {
          double a =
              r.nextDouble() < 0.7
                  ? -Math.log(1 - r.nextDouble()) * MONTHLY_AREA[k] * intensity[i]
                  : 0;
          area[i][m][k] = a;
          double persons = a / 10_000 * DENSITY[k];
          for (int l = 0; l < LAG.length; l++) {
            leave[i][m + l] += persons * LAG[l];
          }
          if (m >= 12) {
            leave[i][m - 12] += persons * anticipation;
          }
        }
      }
    }
    StructType schema = schema();
    List<Row> rows = new ArrayList<>();
    double[] population = base.clone();
    double[] tenants = new double[townships];
    for (int i = 0; i < townships; i++) {
      tenants[i] = TENANT_SHARE * base[i];
    }
    for (int m = 0; m < months; m++) {
      double[] inflow = new double[townships];
      for (int i = 0; i < townships; i++) {
        for (int j = 0; j < townships; j++) {
          if (j != i) {
            inflow[j] += leave[i][m] * SPILLOVER * base[j] / (weightTotal - base[i]);
          }
        }
      }
      for (int i = 0; i < townships; i++) {
        population[i] += trend[i] - leave[i][m] + inflow[i];
        tenants[i] += -leave[i][m] + inflow[i];
        boolean december = m % 12 == 11;
        Double official = december ? population[i] * (1 + SURVEY_NOISE * r.nextGaussian()) : null;
        Object[] cells = new Object[schema.size()];
        cells[0] = String.format("110111%03d", i + 1);
        cells[1] = String.format("%d-%02d", 2015 + m / 12, m % 12 + 1);
        cells[2] = area[i][m][0];
        cells[3] = area[i][m][1] / 2;
        cells[4] = area[i][m][1] / 2;
        cells[5] = 0.0;
        cells[6] = area[i][m][2];
        cells[7] = area[i][m][3];
        cells[8] = area[i][m][4];
        cells[9] = official;
        cells[10] = Math.round(tenants[i] * coverage(m));
        cells[11] = 0L;
        cells[12] = 0L;
        cells[13] = coverage(m);
        cells[14] = false;
        rows.add(RowFactory.create(cells));
      }
    }
    return TestSpark.session().createDataFrame(rows, schema);
  }

  static StructType schema() {
    StructType s =
        new StructType()
            .add("township_code", DataTypes.StringType)
            .add("month", DataTypes.StringType);
    for (String k : PANEL_KINDS) {
      s = s.add("vacated_area_" + k + "_m2", DataTypes.DoubleType);
    }
    return s.add("resident_population_official", DataTypes.DoubleType)
        .add("registered_tenants", DataTypes.LongType)
        .add("linked_tenants", DataTypes.LongType)
        .add("linked_employees", DataTypes.LongType)
        .add("registration_coverage_estimate", DataTypes.DoubleType)
        .add("is_district", DataTypes.BooleanType);
  }
}
