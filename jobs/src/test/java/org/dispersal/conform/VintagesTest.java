package org.dispersal.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dispersal.GeneratedLake;
import org.dispersal.TestSpark;
import org.junit.jupiter.api.Test;

/** The figures as known at given moments, against a direct state-at-a-moment computation. */
class VintagesTest {
  private final SparkSession spark = TestSpark.session();
  private static final List<Timestamp> MOMENTS =
      List.of(
          Timestamp.valueOf("2018-02-10 23:59:59"),
          Timestamp.valueOf("2018-04-10 23:59:59"),
          Timestamp.valueOf("2018-07-10 23:59:59"));

  @Test
  void aVersionIsKnownFromItsArrivalUntilALaterVersionArrives() {
    Dataset<Row> history =
        deliveries(
            // A: corrected in March, the correction delivered in June.
            delivered("A", "2018-01-05 10:00:00", "2018-02-03 09:00:00"),
            delivered("A", "2018-03-01 10:00:00", "2018-06-01 09:00:00"),
            // B: first delivered in May.
            delivered("B", "2018-04-20 10:00:00", "2018-05-01 09:00:00"),
            // C: the older version arrived after the newer one and never was the state.
            delivered("C", "2018-01-10 10:00:00", "2018-06-15 09:00:00"),
            delivered("C", "2018-02-10 10:00:00", "2018-03-02 09:00:00"));
    Map<String, List<Integer>> vintages = new HashMap<>();
    for (Row r :
        Vintages.known(history, "record_id", MOMENTS)
            .withColumn(
                "v",
                org.apache.spark.sql.functions.explode(
                    org.apache.spark.sql.functions.sequence(
                        col("_vintage_from"), col("_vintage_to").minus(1))))
            .orderBy("v")
            .collectAsList()) {
      vintages
          .computeIfAbsent(
              r.getString(0) + "@" + r.getTimestamp(1), k -> new java.util.ArrayList<>())
          .add(r.getAs("v"));
    }
    // Index 3 is today.
    assertThat(vintages)
        .containsEntry("A@2018-01-05 10:00:00.0", List.of(0, 1))
        .containsEntry("A@2018-03-01 10:00:00.0", List.of(2, 3))
        .containsEntry("B@2018-04-20 10:00:00.0", List.of(2, 3))
        .containsEntry("C@2018-02-10 10:00:00.0", List.of(1, 2, 3))
        .doesNotContainKey("C@2018-01-10 10:00:00.0");
  }

  @Test
  void theHistoryKeepsUntilWhenEachVersionWasTheLatestKnown() {
    Dataset<Row> rows =
        deliveries(
            delivered("A", "2018-01-05 10:00:00", "2018-02-03 09:00:00"),
            delivered("A", "2018-03-01 10:00:00", "2018-06-01 09:00:00"),
            delivered("A", "2018-05-01 10:00:00", "2018-04-01 09:00:00"),
            delivered("B", "2018-04-20 10:00:00", "2018-05-01 09:00:00"),
            delivered("C", "2018-01-10 10:00:00", "2018-06-15 09:00:00"),
            delivered("C", "2018-02-10 10:00:00", "2018-03-02 09:00:00"));
    Dataset<Row> history = History.versions(rows, "record_id", "updated_at");

    Map<String, Timestamp> until = new HashMap<>();
    for (Row r : history.collectAsList()) {
      until.put(r.getAs("record_id") + "@" + r.getAs("updated_at"), r.getAs(History.KNOWN_UNTIL));
    }
    // A's second version was known after its third: the earliest later arrival counts.
    assertThat(until)
        .containsEntry("A@2018-01-05 10:00:00.0", Timestamp.valueOf("2018-04-01 09:00:00"))
        .containsEntry("A@2018-03-01 10:00:00.0", Timestamp.valueOf("2018-04-01 09:00:00"))
        .containsEntry("A@2018-05-01 10:00:00.0", null)
        .containsEntry("B@2018-04-20 10:00:00.0", null)
        .containsEntry("C@2018-01-10 10:00:00.0", Timestamp.valueOf("2018-03-02 09:00:00"));
    assertThat(ranges(Vintages.known(history, "record_id", MOMENTS)))
        .as("the vintages from the kept column are those of the window over the history")
        .isEqualTo(ranges(Vintages.known(history.drop(History.KNOWN_UNTIL), "record_id", MOMENTS)))
        .containsExactly(
            "A@2018-01-05 10:00:00.0:0-1",
            "A@2018-05-01 10:00:00.0:1-4",
            "B@2018-04-20 10:00:00.0:2-4",
            "C@2018-02-10 10:00:00.0:1-4");
  }

  private static java.util.Set<String> ranges(Dataset<Row> known) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (Row r : known.collectAsList()) {
      out.add(
          r.getAs("record_id")
              + "@"
              + r.getAs("updated_at")
              + ":"
              + r.getAs("_vintage_from")
              + "-"
              + r.getAs("_vintage_to"));
    }
    return out;
  }

  @Test
  void revisionsTakeBackWhatArrivedAfterTheMoment() {
    GeneratedLake lake = GeneratedLake.get();
    Dataset<Row> rental = lake.table("silver/rental_history");
    assertThat(rental.columns())
        .as("conform keeps known_until: the revisions below come from it, not from a window")
        .contains(History.KNOWN_UNTIL);
    Dataset<Row> license = lake.table("silver/license_history");
    Dataset<Row> demolition = lake.table("silver/demolition_history");
    Dataset<Row> progress = lake.table("silver/progress_history");
    // Just before one month's progress files were saved: that month is not known yet.
    Row delivered =
        progress
            .filter(col("month").equalTo("2018-09"))
            .agg(org.apache.spark.sql.functions.min("known_at"))
            .first();
    Timestamp before = new Timestamp(delivered.getTimestamp(0).getTime() - 1000);
    Timestamp late = Timestamp.valueOf("2030-01-01 00:00:00");
    List<Timestamp> moments = List.of(before, late);
    List<String> lastMonths = List.of("2018-09", "2019-12");
    Dataset<Row> revisions =
        Vintages.revisions(rental, license, demolition, progress, moments, lastMonths).cache();

    assertThat(revisions.filter(col(Vintages.VINTAGE).equalTo(1)).count())
        .as("nothing arrives after 2030: no revision")
        .isZero();
    Map<String, Double> expected = new HashMap<>();
    add(expected, derivedAt(rental, license, demolition, before), 1);
    add(expected, derivedAt(rental, license, demolition, late), -1);
    add(expected, reportedAt(progress, before), 1);
    add(expected, reportedAt(progress, late), -1);
    expected.entrySet().removeIf(e -> Math.abs(e.getValue()) < 1e-9);
    Map<String, Double> actual = new HashMap<>();
    for (Row r : revisions.filter(col(Vintages.VINTAGE).equalTo(0)).collectAsList()) {
      actual.put(key(r.getAs(Vintages.SOURCE), r), r.getAs(Vintages.REVISION));
    }
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    for (Map.Entry<String, Double> e : expected.entrySet()) {
      assertThat(actual.get(e.getKey()))
          .as(e.getKey())
          .isCloseTo(e.getValue(), org.assertj.core.data.Offset.offset(1e-6));
    }
    assertThat(actual.keySet())
        .as("the month not yet delivered is revised in both sources")
        .anyMatch(k -> k.startsWith("ledger|") && k.endsWith("|2018-09"))
        .anyMatch(k -> k.startsWith("reported|") && k.endsWith("|2018-09"));
  }

  /** Direct computation of the ledger-derived figures known at a moment, up to 2018-09. */
  private static List<Row> derivedAt(
      Dataset<Row> rental, Dataset<Row> license, Dataset<Row> demolition, Timestamp at) {
    return Comparison.derived(
            Reference.derivations(),
            stateAt(demolition, Cols.RECORD_ID, at),
            stateAt(license, Cols.CREDIT_CODE, at),
            stateAt(rental, Cols.REGISTRATION_ID, at))
        .filter(col("month").leq("2018-09"))
        .withColumnRenamed("derived", "value")
        .withColumn("source", org.apache.spark.sql.functions.lit("ledger"))
        .collectAsList();
  }

  private static Dataset<Row> stateAt(Dataset<Row> history, String key, Timestamp at) {
    return history
        .filter(col("known_at").leq(at))
        .withColumn(
            "_n", row_number().over(Window.partitionBy(key).orderBy(col("updated_at").desc())))
        .filter(col("_n").equalTo(1));
  }

  private static List<Row> reportedAt(Dataset<Row> progress, Timestamp at) {
    return History.latestDelivery(
            progress.filter(col("known_at").leq(at)), "task", "metric", "township_code", "month")
        .filter(col("month").leq("2018-09"))
        .groupBy("task", "metric", "township_code", "month")
        .agg(org.apache.spark.sql.functions.sum(col("completed").cast("double")).as("value"))
        .withColumn("source", org.apache.spark.sql.functions.lit("reported"))
        .collectAsList();
  }

  private static void add(Map<String, Double> into, List<Row> rows, int sign) {
    for (Row r : rows) {
      Object v = r.getAs("value");
      if (v != null) {
        into.merge(key(r.getAs("source"), r), sign * ((Number) v).doubleValue(), Double::sum);
      }
    }
  }

  private static String key(String source, Row r) {
    return source
        + "|"
        + r.getAs("task")
        + "|"
        + r.getAs("metric")
        + "|"
        + r.getAs("township_code")
        + "|"
        + r.getAs("month");
  }

  /** Delivered versions of records, with what ranks ties (see {@link History#versions}). */
  private Dataset<Row> deliveries(Row... rows) {
    StructType schema =
        new StructType()
            .add("record_id", DataTypes.StringType)
            .add("updated_at", DataTypes.TimestampType)
            .add("known_at", DataTypes.TimestampType)
            .add("ingested_at", DataTypes.TimestampType)
            .add("file_name", DataTypes.StringType)
            .add("row_number", DataTypes.LongType);
    return spark.createDataFrame(List.of(rows), schema);
  }

  private static Row delivered(String id, String updated, String known) {
    return RowFactory.create(
        id,
        Timestamp.valueOf(updated),
        Timestamp.valueOf(known),
        Timestamp.valueOf(known),
        "f.csv",
        (long) updated.hashCode());
  }
}
