package org.dispersal.panel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dispersal.TestSpark;
import org.junit.jupiter.api.Test;

class TaskProgressTest {
  private static final String A = "110111104";
  private static final String B = "110111009";
  private static final String DISTRICT = "110111";

  @Test
  void ledgerFiguresWinWhereDerivableAndCumulateAgainstTargets() {
    Dataset<Row> spine =
        MonthSpine.spine(
            TestSpark.session(), List.of(A, B), YearMonth.of(2017, 1), YearMonth.of(2018, 3));
    Dataset<Row> keys =
        PanelBuildTest.frame(
            new StructType()
                .add("task", DataTypes.StringType)
                .add("metric", DataTypes.StringType)
                .add("unit", DataTypes.StringType),
            new Object[] {"T1", "拆除面积", "平方米"},
            new Object[] {"T3", "改造村庄", "个"});
    StructType monthly =
        new StructType()
            .add("task", DataTypes.StringType)
            .add("metric", DataTypes.StringType)
            .add("township_code", DataTypes.StringType)
            .add("month", DataTypes.StringType)
            .add("derived", DataTypes.DoubleType);
    Dataset<Row> derived =
        PanelBuildTest.frame(
            monthly,
            new Object[] {"T1", "拆除面积", A, "2017-03", 100.0},
            new Object[] {"T1", "拆除面积", A, "2018-02", 50.0},
            new Object[] {"T1", "拆除面积", B, "2017-12", 30.0});
    Dataset<Row> reported =
        PanelBuildTest.frame(
            new StructType()
                .add("task", DataTypes.StringType)
                .add("metric", DataTypes.StringType)
                .add("township_code", DataTypes.StringType)
                .add("month", DataTypes.StringType)
                .add("completed", DataTypes.DoubleType),
            new Object[] {"T1", "拆除面积", A, "2017-03", 140.0}, // inflated: ledger wins
            new Object[] {"T3", "改造村庄", B, "2017-05", 1.0},
            new Object[] {"T3", "改造村庄", B, "2018-01", 2.0});
    Dataset<Row> targets =
        PanelBuildTest.frame(
            new StructType()
                .add("task", DataTypes.StringType)
                .add("metric", DataTypes.StringType)
                .add("township_code", DataTypes.StringType)
                .add("year", DataTypes.IntegerType)
                .add("cumulative", DataTypes.BooleanType)
                .add("target_value", DataTypes.DoubleType)
                .add("direction", DataTypes.StringType),
            new Object[] {"T1", "拆除面积", A, 2017, false, 200.0, "不少于"},
            new Object[] {"T1", "拆除面积", A, 2018, false, 100.0, "不少于"},
            new Object[] {"T1", "拆除面积", A, 2020, true, 600.0, "不少于"},
            new Object[] {"T1", "拆除面积", DISTRICT, 2020, true, 1000.0, "不少于"});
    Map<String, Row> rows =
        TaskProgress.build(spine, keys, derived, reported, targets, DISTRICT)
            .collectAsList()
            .stream()
            .collect(
                Collectors.toMap(
                    r -> r.getAs("task") + "|" + r.getAs("township_code") + "|" + r.getAs("month"),
                    r -> r));
    assertThat(rows).hasSize(2 * 3 * 15);
    Row a1703 = rows.get("T1|" + A + "|2017-03");
    assertThat(a1703.<Double>getAs("completed")).isEqualTo(100.0);
    assertThat(a1703.<Double>getAs("reported")).isEqualTo(140.0);
    assertThat(a1703.<String>getAs("source")).isEqualTo("ledger");
    Row a1802 = rows.get("T1|" + A + "|2018-02");
    assertThat(a1802.<Double>getAs("cumulative_since_2017")).isEqualTo(150.0);
    assertThat(a1802.<Double>getAs("cumulative_in_year")).isEqualTo(50.0);
    assertThat(a1802.<Double>getAs("year_target")).isEqualTo(100.0);
    assertThat(a1802.<Double>getAs("share_of_year_target")).isEqualTo(0.5);
    assertThat(a1802.<Double>getAs("share_of_period_target")).isEqualTo(0.25);
    Row district = rows.get("T1|" + DISTRICT + "|2018-03");
    assertThat(district.<Double>getAs("cumulative_since_2017")).isEqualTo(180.0);
    assertThat(district.<Double>getAs("period_target")).isEqualTo(1000.0);
    assertThat(district.<Boolean>getAs("is_district")).isTrue();
    Row t3 = rows.get("T3|" + B + "|2018-03");
    assertThat(t3.<String>getAs("source")).isEqualTo("reported");
    assertThat(t3.<Double>getAs("cumulative_since_2017")).isEqualTo(3.0);
    assertThat(rows.get("T3|" + A + "|2018-03").<Double>getAs("completed")).isEqualTo(0.0);
  }
}
