package org.dispersal.conform;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class ScorecardTest {
  private static final StructType DELIVERIES =
      new StructType()
          .add("delivery_id", DataTypes.StringType)
          .add("ledger", DataTypes.StringType)
          .add("file_name", DataTypes.StringType)
          .add("status", DataTypes.StringType)
          .add("rows_read", DataTypes.LongType)
          .add("rows_loaded", DataTypes.LongType)
          .add("rows_quarantined", DataTypes.LongType);
  private static final StructType BRONZE =
      new StructType()
          .add("registration_id", DataTypes.StringType)
          .add("updated_at", DataTypes.TimestampType)
          .add("address", DataTypes.StringType)
          .add("delivery_id", DataTypes.StringType)
          .add("file_name", DataTypes.StringType)
          .add("row_number", DataTypes.LongType)
          .add("ingested_at", DataTypes.TimestampType);

  private static Timestamp ts(String d) {
    return Timestamp.valueOf(d + " 08:00:00");
  }

  @Test
  void deliveriesScoreCompletenessValidityAndRepeatedRows() {
    var deliveries =
        ConformFixtures.frame(
            DELIVERIES,
            new Object[] {"a", "rental", "a.csv", "loaded", 4L, 3L, 1L},
            new Object[] {"b", "rental", "b.csv", "loaded", 2L, 2L, 0L},
            new Object[] {"c", "rental", "c.csv", "rejected", 0L, 0L, 0L},
            new Object[] {"x", "license", "x.csv", "loaded", 9L, 9L, 0L});
    var bronze =
        ConformFixtures.frame(
            BRONZE,
            new Object[] {"R1", ts("2018-01-01"), "稻田村3号", "a", "a.csv", 2L, ts("2018-02-01")},
            new Object[] {"R2", ts("2018-01-02"), null, "a", "a.csv", 3L, ts("2018-02-01")},
            new Object[] {"R3", ts("2018-01-03"), "稻田村4号", "a", "a.csv", 4L, ts("2018-02-01")},
            new Object[] {"R1", ts("2018-01-01"), "稻田村3号", "b", "b.csv", 2L, ts("2018-03-01")},
            new Object[] {"R1", ts("2018-02-20"), "稻田村3号", "b", "b.csv", 3L, ts("2018-03-01")});
    Map<String, Row> rows =
        Scorecard.deliveries(
                deliveries,
                bronze,
                null,
                "rental",
                List.of("registration_id", "updated_at"),
                List.of("registration_id", "address"))
            .collectAsList()
            .stream()
            .collect(Collectors.toMap(r -> r.<String>getAs("delivery_id"), r -> r));
    assertThat(rows.keySet()).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(rows.get("a").<Double>getAs("quarantine_rate")).isEqualTo(0.25);
    assertThat(rows.get("a").<Double>getAs("completeness"))
        .isCloseTo(5.0 / 6, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(rows.get("a").<Long>getAs("duplicates")).isZero();
    assertThat(rows.get("b").<Long>getAs("duplicates")).isEqualTo(1L);
    assertThat(rows.get("b").<Double>getAs("duplicate_rate")).isEqualTo(0.5);
    assertThat(rows.get("c").<Double>getAs("validity")).isNull();
  }

  @Test
  void freshnessComparesTheNewestRecordWithTheAsOfDate() {
    var bronze =
        ConformFixtures.frame(
            BRONZE,
            new Object[] {"R1", ts("2020-05-01"), "x", "a", "a.csv", 2L, ts("2020-05-02")},
            new Object[] {"R2", ts("2020-06-20"), "x", "a", "a.csv", 3L, ts("2020-06-21")});
    Row fresh =
        Scorecard.freshness(bronze, "rental", col("updated_at"), Date.valueOf("2020-06-30"), 45)
            .first();
    assertThat(fresh.<Integer>getAs("days_since_latest")).isEqualTo(10);
    assertThat(fresh.<Boolean>getAs("stale")).isFalse();
    Row stale =
        Scorecard.freshness(bronze, "rental", col("updated_at"), Date.valueOf("2020-09-30"), 45)
            .first();
    assertThat(stale.<Boolean>getAs("stale")).isTrue();
  }
}
