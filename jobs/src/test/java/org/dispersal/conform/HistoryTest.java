package org.dispersal.conform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dispersal.TestSpark;
import org.junit.jupiter.api.Test;

class HistoryTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("registration_id", DataTypes.StringType)
          .add("updated_at", DataTypes.TimestampType)
          .add("tenant_count", DataTypes.LongType)
          .add("ingested_at", DataTypes.TimestampType)
          .add("file_name", DataTypes.StringType)
          .add("row_number", DataTypes.LongType);

  private static Timestamp ts(String s) {
    return Timestamp.valueOf(s + " 00:00:00");
  }

  private static Row row(
      String id, String updated, long tenants, String ingested, String file, long n) {
    return RowFactory.create(id, ts(updated), tenants, ts(ingested), file, n);
  }

  private static Dataset<Row> rows(Row... rows) {
    return TestSpark.session().createDataFrame(List.of(rows), SCHEMA);
  }

  @Test
  void versionsAreOrderedAndTheLatestIsCurrent() {
    Dataset<Row> in =
        rows(
            row("R1", "2018-01-05", 3, "2018-02-01", "a.csv", 2),
            row("R1", "2018-06-01", 5, "2018-07-01", "b.csv", 2),
            row("R1", "2018-01-05", 3, "2018-07-01", "b.csv", 9), // repeated in a later delivery
            row("R2", "2018-03-01", 1, "2018-04-01", "a.csv", 3));
    List<Row> out =
        History.versions(in, "registration_id", "updated_at")
            .orderBy("registration_id", "version")
            .collectAsList();
    assertThat(out).hasSize(3);
    assertThat(out.get(0).<Timestamp>getAs("valid_to")).isEqualTo(ts("2018-06-01"));
    assertThat(out.get(0).<Boolean>getAs("is_current")).isFalse();
    assertThat(out.get(0).<String>getAs("file_name")).isEqualTo("b.csv");
    assertThat(out.get(1).<Boolean>getAs("is_current")).isTrue();
    assertThat(out.get(1).<Long>getAs("tenant_count")).isEqualTo(5L);
    assertThat(out.get(2).<Boolean>getAs("is_current")).isTrue();
  }

  @Test
  void asOfReturnsTheVersionValidOnThatDate() {
    Dataset<Row> history =
        History.versions(
            rows(
                row("R1", "2018-01-05", 3, "2018-02-01", "a.csv", 2),
                row("R1", "2018-06-01", 5, "2018-07-01", "b.csv", 2)),
            "registration_id",
            "updated_at");
    assertThat(History.asOf(history, ts("2018-03-01")).first().<Long>getAs("tenant_count"))
        .isEqualTo(3L);
    assertThat(History.asOf(history, ts("2018-06-01")).first().<Long>getAs("tenant_count"))
        .isEqualTo(5L);
    assertThat(History.asOf(history, ts("2017-12-31")).count()).isZero();
  }

  @Test
  void latestDeliveryWinsForLedgersWithoutTimestamps() {
    Dataset<Row> in =
        rows(
            row("P1", "2018-01-01", 100, "2018-02-01", "pop_2018.csv", 2),
            row("P1", "2018-01-01", 120, "2019-02-01", "pop_2018_fix.csv", 2),
            row("P2", "2018-01-01", 7, "2019-02-01", "pop_2018_fix.csv", 3));
    List<Long> kept =
        History.latestDelivery(in, "registration_id")
            .orderBy("registration_id")
            .collectAsList()
            .stream()
            .map(r -> r.<Long>getAs("tenant_count"))
            .collect(Collectors.toList());
    assertThat(kept).containsExactly(120L, 7L);
  }

  @Test
  void aFoldRecomputesOnlyTheTouchedRecordsAndMatchesARebuild() {
    Dataset<Row> before =
        rows(
            row("R1", "2018-01-05", 3, "2018-02-01", "a.csv", 2),
            row("R2", "2018-03-01", 1, "2018-04-01", "a.csv", 3),
            row("R3", "2018-03-02", 4, "2018-04-01", "a.csv", 4));
    Dataset<Row> fresh =
        rows(
            row("R1", "2018-06-01", 5, "2018-07-01", "b.csv", 2),
            row("R2", "2018-03-01", 1, "2018-07-01", "b.csv", 3), // repeated: the same version
            row("R4", "2018-06-03", 2, "2018-07-01", "b.csv", 4));
    Dataset<Row> previous = History.versions(before, "registration_id", "updated_at");
    Dataset<Row> folded = History.refold(fresh, previous, "registration_id", "updated_at");
    List<String> versions =
        folded.orderBy("registration_id", "version").collectAsList().stream()
            .map(
                r ->
                    r.getAs("registration_id")
                        + "/"
                        + r.getAs("version")
                        + "/"
                        + r.getAs("is_current"))
            .collect(Collectors.toList());
    assertThat(versions).containsExactly("R1/1/false", "R1/2/true", "R2/1/true", "R4/1/true");
    Dataset<Row> rebuilt =
        History.versions(before.unionByName(fresh), "registration_id", "updated_at");
    // The untouched records' versions as they were, with the recomputed ones: the rebuild's.
    Dataset<Row> history =
        previous
            .join(fresh.select("registration_id"), "registration_id", "left_anti")
            .unionByName(folded);
    assertThat(history.exceptAll(rebuilt).count()).isZero();
    assertThat(rebuilt.exceptAll(history).count()).isZero();
  }
}
