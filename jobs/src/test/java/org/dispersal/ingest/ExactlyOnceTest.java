package org.dispersal.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** A delivery's rows land exactly once: reruns, repeated files, changed files and crashes. */
@Execution(ExecutionMode.CONCURRENT) // its own lake: it runs beside the stream of test classes
class ExactlyOnceTest {
  private static final List<String> TABLES =
      List.of("rental", "license", "quarantine", "deliveries");

  @TempDir Path dir;

  private static String rentalFile(String... ids) {
    StringBuilder sb = new StringBuilder(Fixtures.RENTAL_HEADER).append('\n');
    for (String id : ids) {
      // Every third row is quarantined, so both tables get rows.
      sb.append(Fixtures.rental(id, id.endsWith("3") ? Map.of("出租面积", "0") : Map.of()))
          .append('\n');
    }
    return sb.toString();
  }

  private static String licenseFile() {
    return Fixtures.LICENSE_HEADER
        + "\n"
        + Fixtures.license(Fixtures.creditCode("92110111MA01ABCD2"), Map.of())
        + "\n"
        + Fixtures.license(Fixtures.badCreditCode("92110111MA01ABCD3"), Map.of())
        + "\n";
  }

  /** A table's rows as sorted text, without the columns that name the run or the file time. */
  private static List<String> contents(Path lake, String table) {
    Dataset<Row> t = Fixtures.table(lake, table).drop("run_id", "ingested_at", "modified_at");
    return t.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  private static Map<String, List<String>> snapshot(Path lake) {
    return Map.of(
        "rental", contents(lake, "rental"),
        "license", contents(lake, "license"),
        "quarantine", contents(lake, "quarantine"),
        "deliveries", contents(lake, "deliveries"));
  }

  @Test
  void ingestingTwiceIsIngestingOnceAndACopyUnderAnotherNameIsSkipped() throws Exception {
    Path landing = dir.resolve("landing");
    Path lake = dir.resolve("lake");
    Fixtures.write(landing, "rental", "a.csv", rentalFile("R1", "R2", "R3"));
    Fixtures.write(landing, "license", "l.csv", licenseFile());
    var settings = Fixtures.settings(landing, lake);
    Fixtures.ingest(new IngestStage(), settings);
    Map<String, List<String>> once = snapshot(lake);
    long versions =
        Fixtures.table(lake, "rental")
            .sparkSession()
            .sql("DESCRIBE HISTORY delta.`" + lake.resolve("bronze/rental").toUri() + "`")
            .count();

    Files.copy(landing.resolve("rental/a.csv"), landing.resolve("rental/a (copy).csv"));
    IngestStage again = new IngestStage();
    var outcome = Fixtures.ingest(again, settings);

    assertThat(snapshot(lake)).isEqualTo(once);
    assertThat(outcome.rowsIn()).isZero();
    assertThat(again.lastReport().table()).containsPattern("rental +0 +2 +0 +0 +0");
    // Nothing new was even committed.
    assertThat(
            Fixtures.table(lake, "rental")
                .sparkSession()
                .sql("DESCRIBE HISTORY delta.`" + lake.resolve("bronze/rental").toUri() + "`")
                .count())
        .isEqualTo(versions);
  }

  @Test
  void aChangedFileUnderAnOldNameIsANewDelivery() throws Exception {
    Path landing = dir.resolve("landing");
    Path lake = dir.resolve("lake");
    Fixtures.write(landing, "rental", "a.csv", rentalFile("R1", "R2"));
    var settings = Fixtures.settings(landing, lake);
    Fixtures.ingest(new IngestStage(), settings);
    Fixtures.write(landing, "rental", "a.csv", rentalFile("R1", "R2", "R4"));
    Fixtures.ingest(new IngestStage(), settings);

    Dataset<Row> deliveries = Fixtures.table(lake, "deliveries");
    assertThat(
            deliveries
                .filter(col("file_name").equalTo("a.csv"))
                .select("file_hash")
                .distinct()
                .count())
        .isEqualTo(2);
    assertThat(
            deliveries
                .select("ingest_seq")
                .as(org.apache.spark.sql.Encoders.LONG())
                .collectAsList())
        .containsExactlyInAnyOrder(1L, 2L);
    // Both deliveries' rows are kept; conform picks the latest per key.
    assertThat(Fixtures.table(lake, "rental").count()).isEqualTo(5);
  }

  @Test
  void aCrashAnywhereThenARerunGivesTheTablesOfAnUninterruptedRun() throws Exception {
    // The reference: everything in one uninterrupted run.
    Path landing = dir.resolve("landing");
    Fixtures.write(landing, "rental", "a.csv", rentalFile("R1", "R2", "R3"));
    Fixtures.write(landing, "license", "l.csv", licenseFile());
    Fixtures.write(landing, "rental", "b.csv", rentalFile("R11", "R13"));
    Path reference = dir.resolve("reference");
    Fixtures.ingest(new IngestStage(), Fixtures.settings(landing, reference));
    Map<String, List<String>> expected = snapshot(reference);

    for (String crashAfter : List.of("bronze/rental", "quarantine/license")) {
      Path first = dir.resolve("landing-" + crashAfter.replace('/', '-'));
      Fixtures.write(first, "rental", "a.csv", rentalFile("R1", "R2", "R3"));
      Fixtures.write(first, "license", "l.csv", licenseFile());
      Path lake = dir.resolve("lake-" + crashAfter.replace('/', '-'));
      var settings = Fixtures.settings(first, lake);
      IngestStage crashing = new IngestStage();
      crashing.afterWrite =
          table -> {
            if (table.equals(crashAfter)) {
              throw new IllegalStateException("killed after " + table);
            }
          };
      assertThatThrownBy(() -> Fixtures.ingest(crashing, settings)).hasMessageContaining("killed");
      assertThat(Files.exists(lake.resolve("bronze/deliveries"))).isFalse();

      // A file arrives before the rerun: the rerun's batch differs from the crashed one.
      Fixtures.write(first, "rental", "b.csv", rentalFile("R11", "R13"));
      Fixtures.ingest(new IngestStage(), settings);
      assertThat(snapshot(lake)).as("crash after " + crashAfter).isEqualTo(expected);
    }
  }

  @Test
  void theAccountingHoldsPerDeliveryAgainstTheTables() throws Exception {
    Path landing = dir.resolve("landing");
    Path lake = dir.resolve("lake");
    Fixtures.write(landing, "rental", "a.csv", rentalFile("R1", "R2", "R3", "R4", "R5", "R6"));
    Fixtures.write(landing, "rental", "b.csv", rentalFile("R13"));
    Fixtures.ingest(new IngestStage(), Fixtures.settings(landing, lake));
    List<Row> deliveries = Fixtures.table(lake, "deliveries").collectAsList();
    List<String> seen = new ArrayList<>();
    for (Row d : deliveries) {
      String id = d.getAs("delivery_id");
      long bronze = Fixtures.table(lake, "rental").filter(col("delivery_id").equalTo(id)).count();
      long quarantine =
          Fixtures.table(lake, "quarantine").filter(col("delivery_id").equalTo(id)).count();
      assertThat(d.<Long>getAs("rows_loaded")).isEqualTo(bronze);
      assertThat(d.<Long>getAs("rows_quarantined")).isEqualTo(quarantine);
      assertThat(d.<Long>getAs("rows_read")).isEqualTo(bronze + quarantine);
      seen.add(d.getAs("file_name") + ":" + bronze + "+" + quarantine);
    }
    assertThat(seen).containsExactlyInAnyOrder("a.csv:5+1", "b.csv:0+1");
  }
}
