package org.dispersal.panel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Date;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dispersal.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PanelBuildTest {
  private static final String A = "110111104";
  private static final String B = "110111009";
  private static final String DISTRICT = "110111";
  private static Map<String, Row> cells;
  private static final StructType LICENSE =
      new StructType()
          .add("township_code", DataTypes.StringType)
          .add("established_on", DataTypes.DateType)
          .add("status", DataTypes.StringType)
          .add("status_changed_on", DataTypes.DateType)
          .add("rectification_category", DataTypes.StringType)
          .add("rectification_action", DataTypes.StringType)
          .add("rectified_on", DataTypes.DateType)
          .add("employees", DataTypes.LongType);

  private static Dataset<Row> spine() {
    return MonthSpine.spine(
        TestSpark.session(), List.of(A, B), YearMonth.of(2018, 1), YearMonth.of(2018, 12));
  }

  static Date d(String s) {
    return s == null ? null : Date.valueOf(s);
  }

  static Dataset<Row> frame(StructType schema, Object[]... rows) {
    return TestSpark.session()
        .createDataFrame(Arrays.stream(rows).map(RowFactory::create).toList(), schema);
  }

  @BeforeAll
  static void build() {
    StructType events =
        new StructType()
            .add("township_code", DataTypes.StringType)
            .add("event_month", DataTypes.StringType)
            .add("kind", DataTypes.StringType)
            .add("floor_area_m2", DataTypes.DoubleType)
            .add("linked_tenants", DataTypes.LongType)
            .add("linked_employees", DataTypes.LongType);
    StructType rental =
        new StructType()
            .add("township_code", DataTypes.StringType)
            .add("registered_on", DataTypes.DateType)
            .add("deregistered_on", DataTypes.DateType)
            .add("tenant_count", DataTypes.LongType);
    StructType demolition =
        new StructType()
            .add("township_code", DataTypes.StringType)
            .add("newly_built", DataTypes.BooleanType)
            .add("demolished_on", DataTypes.DateType);
    StructType population =
        new StructType()
            .add("township_code", DataTypes.StringType)
            .add("year", DataTypes.IntegerType)
            .add("resident_population", DataTypes.LongType)
            .add("hukou_population", DataTypes.LongType)
            .add("nonlocal_population", DataTypes.LongType)
            .add("basis", DataTypes.StringType);
    Dataset<Row> spine = spine();
    Dataset<Row> panel =
        PanelBuild.townshipMonth(
            spine,
            frame(
                events,
                new Object[] {A, "2018-05", "residential", 800.0, 5L, 12L},
                new Object[] {A, "2018-05", "business", 500.0, 0L, 12L},
                new Object[] {B, "2018-04", "group_rental", 120.0, 14L, 0L}),
            frame(
                rental,
                new Object[] {A, d("2016-01-01"), d("2018-05-01"), 3L},
                new Object[] {A, d("2018-03-10"), null, 2L},
                new Object[] {B, d("2017-06-01"), null, 10L}),
            frame(
                LICENSE,
                new Object[] {
                  A, d("2010-01-01"), "注销", d("2018-05-06"), "散乱污", "关停取缔", d("2018-05-05"), 12L
                },
                new Object[] {B, d("2018-02-01"), "存续", null, null, null, null, 4L}),
            frame(
                demolition,
                new Object[] {A, true, d("2018-11-02")},
                new Object[] {A, false, d("2018-05-02")}),
            frame(
                population,
                new Object[] {A, 2017, 1000L, 600L, 400L, "抽样推算"},
                new Object[] {A, 2018, 1120L, 610L, 510L, "抽样推算"},
                new Object[] {B, 2017, 500L, 450L, 50L, "抽样推算"}),
            DISTRICT,
            "2018-01");
    cells =
        panel.collectAsList().stream()
            .collect(
                Collectors.toMap(r -> r.getAs("township_code") + "|" + r.getAs("month"), r -> r));
  }

  @Test
  void everyUnitAndMonthExistsOnce() {
    assertThat(cells).hasSize(3 * 12);
    assertThat(cells.get(DISTRICT + "|2018-07").<Boolean>getAs("is_district")).isTrue();
  }

  @Test
  void vacatedSpaceHasExplicitZeros() {
    assertThat(cells.get(A + "|2018-05").<Double>getAs("vacated_area_residential_m2"))
        .isEqualTo(800.0);
    assertThat(cells.get(A + "|2018-05").<Long>getAs("vacated_count_business")).isEqualTo(1L);
    assertThat(cells.get(A + "|2018-06").<Double>getAs("vacated_area_residential_m2"))
        .isEqualTo(0.0);
    assertThat(cells.get(B + "|2018-04").<Long>getAs("linked_tenants")).isEqualTo(14L);
    assertThat(cells.get(A + "|2018-11").<Long>getAs("new_illegal_structures")).isEqualTo(1L);
    assertThat(cells.get(A + "|2018-05").<Long>getAs("new_illegal_structures")).isZero();
  }

  @Test
  void stocksCountWhatWasActiveAtMonthEnd() {
    assertThat(cells.get(A + "|2018-02").<Long>getAs("active_registrations")).isEqualTo(1L);
    assertThat(cells.get(A + "|2018-03").<Long>getAs("registered_tenants")).isEqualTo(5L);
    assertThat(cells.get(A + "|2018-05").<Long>getAs("registered_tenants")).isEqualTo(2L);
    assertThat(cells.get(A + "|2018-04").<Long>getAs("active_entities")).isEqualTo(1L);
    assertThat(cells.get(A + "|2018-05").<Long>getAs("active_entities")).isZero();
    assertThat(cells.get(B + "|2018-01").<Long>getAs("active_entities")).isZero();
    assertThat(cells.get(B + "|2018-02").<Long>getAs("active_employees")).isEqualTo(4L);
  }

  @Test
  void entitiesAreCountedPerCategory() {
    Dataset<Row> spine = spine();
    Dataset<Row> out =
        PanelBuild.entitiesByCategory(
            spine,
            frame(
                LICENSE,
                new Object[] {
                  A, d("2010-01-01"), "注销", d("2018-05-06"), "散乱污", "关停取缔", d("2018-05-05"), 12L
                },
                new Object[] {A, d("2017-01-01"), "存续", null, "散乱污", null, null, 3L},
                new Object[] {A, d("2018-03-01"), "存续", null, "其他", null, null, 7L},
                new Object[] {B, d("2018-02-01"), "存续", null, null, null, null, 4L},
                new Object[] {B, d("2018-06-01"), "存续", null, "占道经营", "疏解迁出", d("2018-09-02"), 2L}),
            "2018-01");
    List<String> expected = new java.util.ArrayList<>(List.of(spine.columns()));
    expected.addAll(List.of("active_entities", "active_employees", PanelColumns.CATEGORY));
    assertThat(out.columns()).containsExactlyElementsOf(expected);
    Map<String, Row> byCell =
        out.collectAsList().stream()
            .collect(
                Collectors.toMap(
                    r ->
                        r.getAs("township_code")
                            + "|"
                            + r.getAs("month")
                            + "|"
                            + r.getAs(PanelColumns.CATEGORY),
                    r -> r));
    assertThat(byCell).as("townships × months × categories, once each").hasSize(2 * 12 * 7);
    assertThat(byCell.get(A + "|2018-04|散乱污").<Long>getAs("active_entities")).isEqualTo(2L);
    assertThat(byCell.get(A + "|2018-04|散乱污").<Long>getAs("active_employees")).isEqualTo(15L);
    assertThat(byCell.get(A + "|2018-05|散乱污").<Long>getAs("active_entities")).isEqualTo(1L);
    assertThat(byCell.get(B + "|2018-01|无").<Long>getAs("active_entities")).isZero();
    assertThat(byCell.get(B + "|2018-02|无").<Long>getAs("active_employees")).isEqualTo(4L);
    assertThat(byCell.get(B + "|2018-08|占道经营").<Long>getAs("active_entities")).isEqualTo(1L);
    assertThat(byCell.get(B + "|2018-09|占道经营").<Long>getAs("active_entities")).isZero();
    long inA =
        byCell.values().stream()
            .filter(r -> r.getAs("township_code").equals(A) && r.getAs("month").equals("2018-12"))
            .mapToLong(r -> r.<Long>getAs("active_entities"))
            .sum();
    assertThat(inA).as("an unknown category (其他) counts in none").isEqualTo(1L);
  }

  @Test
  void districtRowsAreTheSumOfTownships() {
    for (String month : List.of("2018-01", "2018-04", "2018-05", "2018-12")) {
      for (String c : TownshipMonth.additiveColumns()) {
        double a = ((Number) cells.get(A + "|" + month).getAs(c)).doubleValue();
        double b = ((Number) cells.get(B + "|" + month).getAs(c)).doubleValue();
        double dist = ((Number) cells.get(DISTRICT + "|" + month).getAs(c)).doubleValue();
        assertThat(dist).as(c + " " + month).isEqualTo(a + b);
      }
    }
  }

  @Test
  void populationIsOfficialInDecemberAndInterpolatedBetween() {
    Row dec = cells.get(A + "|2018-12");
    assertThat(dec.<Double>getAs("resident_population_official")).isEqualTo(1120.0);
    assertThat(dec.<String>getAs("population_basis")).isEqualTo("抽样推算");
    assertThat(dec.<Boolean>getAs("population_interpolated")).isFalse();
    // No official figure before 2018 on this panel: unknown, not zero.
    assertThat(cells.get(A + "|2018-06").<Double>getAs("resident_population_monthly")).isNull();
    // Township B has no 2018 figure: nothing after its last known value either.
    assertThat(cells.get(B + "|2018-12").<Double>getAs("resident_population_monthly")).isNull();
    // The district's December figure is the sum of the townships that reported.
    assertThat(cells.get(DISTRICT + "|2018-12").<Double>getAs("resident_population_official"))
        .isEqualTo(1120.0);
    Row dec18 = cells.get(A + "|2018-12");
    double coverage = dec18.<Double>getAs("registration_coverage_estimate");
    // 2 registered tenants for 510 non-local residents is below the floor: clamped to 2 %.
    assertThat(coverage).isCloseTo(PopulationSeries.MIN_COVERAGE, within(1e-12));
    assertThat(dec18.<Double>getAs("resident_population_admin"))
        .isCloseTo(610 + 2 / 0.02, within(1e-9));
    Row dec17 = cells.get(A + "|2018-01");
    assertThat(dec17.<Double>getAs("registration_coverage_estimate")).isNotNull();
  }

  @Test
  void interpolationIsLinearBetweenKnownPoints() {
    StructType schema =
        new StructType()
            .add("township_code", DataTypes.StringType)
            .add("month_index", DataTypes.IntegerType)
            .add("v", DataTypes.DoubleType);
    Dataset<Row> in =
        frame(
            schema,
            new Object[] {A, 0, 100.0},
            new Object[] {A, 1, null},
            new Object[] {A, 2, null},
            new Object[] {A, 3, 130.0},
            new Object[] {A, 4, null});
    List<Row> out =
        PopulationSeries.interpolate(in, "v", "w", false).orderBy("month_index").collectAsList();
    assertThat(out.get(1).<Double>getAs("w")).isEqualTo(110.0);
    assertThat(out.get(2).<Double>getAs("w")).isEqualTo(120.0);
    assertThat(out.get(4).<Double>getAs("w")).isNull();
    List<Row> held =
        PopulationSeries.interpolate(in, "v", "w", true).orderBy("month_index").collectAsList();
    assertThat(held.get(4).<Double>getAs("w")).isEqualTo(130.0);
  }
}
