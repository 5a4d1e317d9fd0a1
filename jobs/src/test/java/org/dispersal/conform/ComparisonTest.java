package org.dispersal.conform;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dispersal.TestSpark;
import org.dispersal.conform.Comparison.Derivation;
import org.junit.jupiter.api.Test;

class ComparisonTest {
  private static final List<Derivation> DERIVATIONS =
      List.of(
          new Derivation("T1", "拆除面积", "平方米", "demolition.area", ""),
          new Derivation("T1", "新增违建宗数", "宗", "demolition.new_count", ""),
          new Derivation("T4", "散乱污企业", "家", "license.closed", "散乱污"),
          new Derivation("T7", "群租房", "户", "rental.cleared", "群租清理"));

  private static final StructType PROGRESS =
      new StructType()
          .add("task", DataTypes.StringType)
          .add("metric", DataTypes.StringType)
          .add("township_code", DataTypes.StringType)
          .add("month", DataTypes.StringType)
          .add("completed", DataTypes.DoubleType);

  @Test
  void ledgerFiguresAreDerivedPerTownshipAndMonth() {
    Map<String, Double> derived =
        Comparison.derived(
                DERIVATIONS,
                ConformFixtures.demolitions(),
                ConformFixtures.entities(),
                ConformFixtures.rentals())
            .collectAsList()
            .stream()
            .collect(
                Collectors.toMap(
                    r ->
                        r.getAs("metric") + "|" + r.getAs("township_code") + "|" + r.getAs("month"),
                    r -> r.<Double>getAs("derived")));
    assertThat(derived)
        .containsEntry("拆除面积|110111104|2018-05", 800.0)
        .containsEntry("拆除面积|110111104|2018-09", 1500.0)
        .containsEntry("新增违建宗数|110111104|2019-11", 1.0)
        .containsEntry("散乱污企业|110111104|2018-05", 1.0)
        .containsEntry("群租房|110111009|2018-04", 1.0)
        .doesNotContainKey("新增违建宗数|110111104|2018-05");
  }

  @Test
  void aTownshipComparedOnItsOwnGetsTheRowsOfTheWholeComparison() {
    Dataset<Row> derived = derived();
    Dataset<Row> progress =
        ConformFixtures.frame(
            PROGRESS,
            new Object[] {"T1", "拆除面积", "110111104", "2018-05", 810.0},
            new Object[] {"T1", "拆除面积", "110111009", "2019-04", 50.0});
    Dataset<Row> allowances =
        allowance(
            new Object[] {"T1", "拆除面积", "110111009", "2019-04", 60.0},
            new Object[] {"T1", "拆除面积", "110111104", "2018-05", 5.0});
    Dataset<Row> reporting = Comparison.reporting(progress, DERIVATIONS);
    org.apache.spark.sql.Column one =
        org.apache.spark.sql.functions.col("township_code").equalTo("110111009");
    List<Row> whole =
        Comparison.compare(derived, progress, reporting, allowances, 0.05, 0.5)
            .filter(one)
            .collectAsList();
    List<Row> alone =
        Comparison.compare(
                derived.filter(one),
                progress.filter(one),
                reporting,
                allowances.filter(one),
                0.05,
                0.5)
            .collectAsList();
    // Its demolition of 2019-03 is compared from the month the other township first reported.
    assertThat(whole)
        .anyMatch(
            r -> r.getAs("month").equals("2019-03") && r.getAs("status").equals("missing_report"))
        .anyMatch(r -> r.getAs("month").equals("2019-04") && r.getAs("status").equals("explained"));
    assertThat(alone).containsExactlyInAnyOrderElementsOf(whole);
  }

  @Test
  void aFoldRecomparesTheTownshipsWhoseAllowancesMoved() {
    Dataset<Row> table =
        allowance(
            new Object[] {"T1", "拆除面积", "110111001", "2019-01", 0.0},
            new Object[] {"T1", "拆除面积", "110111002", "2019-01", 60.0},
            new Object[] {"T1", "拆除面积", "110111003", "2019-02", 0.0},
            new Object[] {"T1", "拆除面积", "110111004", "2019-01", 5.0},
            new Object[] {"T1", "拆除面积", "110111005", "2019-03", 7.0},
            new Object[] {"T1", "拆除面积", "110111006", "2019-03", 0.1 + 0.2});
    Dataset<Row> now =
        allowance(
            new Object[] {"T1", "拆除面积", "110111002", "2019-01", 70.0}, // grew
            new Object[] {"T1", "拆除面积", "110111003", "2019-02", 3.0}, // new
            new Object[] {"T1", "拆除面积", "110111001", "2019-05", 9.0}, // a month not compared
            new Object[] {"T1", "拆除面积", "110111004", "2019-01", 1.0}, // recompared anyway
            new Object[] {"T1", "拆除面积", "110111005", "2019-03", 7.0}, // unchanged
            // the same sum added in another order: its last bits differ, the allowance does not
            new Object[] {"T1", "拆除面积", "110111006", "2019-03", 0.3});
    assertThat(
            Comparison.allowanceMoved(table, now, java.util.Set.of("110111004"))
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList())
        .containsExactlyInAnyOrder("110111002", "110111003");
  }

  @Test
  void aLostAreaCountsAsTheTownshipsNinetiethPercentileWhateverOrderItsRowsComeIn() {
    // 3,000 demolitions of 1..3,000 m2 in one township: more than percentile_approx keeps exact,
    // so its answer depended on how the rows were split between tasks and in what order.
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i <= 3000; i++) {
      rows.add(RowFactory.create("110111001", (double) ((i * 7919) % 3000 + 1)));
    }
    StructType schema =
        new StructType()
            .add("township_code", DataTypes.StringType)
            .add(Cols.DEMOLISHED_AREA, DataTypes.DoubleType);
    Dataset<Row> demolitions = TestSpark.session().createDataFrame(rows, schema);
    Dataset<Row> lost =
        ConformFixtures.frame(
            new StructType()
                .add("ledger", DataTypes.StringType)
                .add("township_code", DataTypes.StringType)
                .add("month", DataTypes.StringType)
                .add("area", DataTypes.DoubleType)
                .add("newly_raw", DataTypes.StringType)
                .add("category", DataTypes.StringType)
                .add("reason", DataTypes.StringType),
            new Object[] {"demolition", "110111001", "2019-03", null, "否", null, null});
    List<Double> typical = new ArrayList<>();
    for (Dataset<Row> order :
        List.of(
            demolitions.repartition(1).sortWithinPartitions(Cols.DEMOLISHED_AREA),
            demolitions.repartition(7).sortWithinPartitions(col(Cols.DEMOLISHED_AREA).desc()),
            demolitions.repartition(3, col(Cols.DEMOLISHED_AREA)))) {
      typical.add(
          Missing.allowances(DERIVATIONS, lost, order)
              .filter(col("metric").equalTo("拆除面积"))
              .select("allowance")
              .as(Encoders.DOUBLE())
              .collectAsList()
              .get(0));
    }
    // 1 + 0.9 × 2,999: the 90th percentile of 1..3,000, interpolated, and the same every time
    assertThat(typical).hasSize(3).allSatisfy(t -> assertThat(t).isCloseTo(2700.1, within(1e-9)));
    assertThat(typical.stream().distinct()).hasSize(1);
  }

  /** The fixtures' monthly figures. */
  private static Dataset<Row> derived() {
    return Comparison.derived(
        DERIVATIONS,
        ConformFixtures.demolitions(),
        ConformFixtures.entities(),
        ConformFixtures.rentals());
  }

  private static Dataset<Row> noAllowance() {
    return allowance();
  }

  private static Dataset<Row> allowance(Object[]... rows) {
    return ConformFixtures.frame(
        new StructType()
            .add("task", DataTypes.StringType)
            .add("metric", DataTypes.StringType)
            .add("township_code", DataTypes.StringType)
            .add("month", DataTypes.StringType)
            .add("allowance", DataTypes.DoubleType),
        rows);
  }

  @Test
  void aDifferenceThatMissingRecordsExplainIsNotFlagged() {
    Dataset<Row> derived = derived();
    Dataset<Row> progress =
        ConformFixtures.frame(
            PROGRESS,
            new Object[] {"T1", "拆除面积", "110111104", "2018-09", 2100.0},
            new Object[] {"T1", "拆除面积", "110111104", "2018-05", 1400.0});
    Map<String, Row> rows =
        Comparison.compare(
                derived,
                progress,
                Comparison.reporting(progress, DERIVATIONS),
                allowance(new Object[] {"T1", "拆除面积", "110111104", "2018-09", 700.0}),
                0.05,
                0.5)
            .collectAsList()
            .stream()
            .collect(Collectors.toMap(r -> r.<String>getAs("month"), r -> r));
    assertThat(rows.get("2018-09").<String>getAs("status")).isEqualTo("explained");
    assertThat(rows.get("2018-09").<Boolean>getAs("flagged")).isFalse();
    assertThat(rows.get("2018-05").<String>getAs("status")).isEqualTo("over");
  }

  @Test
  void reportsBeyondTheToleranceAreFlaggedWithBothNumbers() {
    Dataset<Row> derived = derived();
    Dataset<Row> progress =
        ConformFixtures.frame(
            PROGRESS,
            new Object[] {"T1", "拆除面积", "110111104", "2018-05", 810.0}, // within 5 %
            new Object[] {"T1", "拆除面积", "110111104", "2018-09", 2100.0}, // inflated
            new Object[] {"T1", "拆除面积", "110111009", "2019-04", 50.0}, // nothing in the ledger
            new Object[] {"T3", "改造村庄", "110111009", "2019-04", 2.0}); // not derivable
    Map<String, Row> rows =
        Comparison.compare(
                derived,
                progress,
                Comparison.reporting(progress, DERIVATIONS),
                noAllowance(),
                0.05,
                0.5)
            .collectAsList()
            .stream()
            .filter(r -> r.getAs("metric").equals("拆除面积"))
            .collect(
                Collectors.toMap(r -> r.getAs("township_code") + "|" + r.getAs("month"), r -> r));
    assertThat(rows.get("110111104|2018-05").<Boolean>getAs("flagged")).isFalse();
    Row inflated = rows.get("110111104|2018-09");
    assertThat(inflated.<Boolean>getAs("flagged")).isTrue();
    assertThat(inflated.<Double>getAs("reported")).isEqualTo(2100.0);
    assertThat(inflated.<Double>getAs("derived")).isEqualTo(1500.0);
    assertThat(rows.get("110111009|2019-04").<Boolean>getAs("flagged")).isTrue();
    Row unreported = rows.get("110111009|2019-03");
    assertThat(unreported.<Double>getAs("reported")).isNull();
    assertThat(unreported.<String>getAs("status")).isEqualTo("missing_report");
    assertThat(unreported.<Boolean>getAs("flagged")).isFalse();
    assertThat(
            Comparison.compare(
                    derived,
                    progress,
                    Comparison.reporting(progress, DERIVATIONS),
                    noAllowance(),
                    0.05,
                    0.5)
                .filter("task = 'T3'")
                .count())
        .isZero();
  }
}
