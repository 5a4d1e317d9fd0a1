package org.dispersal.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Row;
import org.dispersal.common.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delivery that is still being copied while ingest reads the landing folder is not half-read:
 * only files unchanged for {@code ingest.settle-seconds} are read, files with a copy tool's
 * temporary name never are, and a later run reads the finished file whole.
 */
class PartialDeliveryTest {
  private static final int SETTLE_SECONDS = 2;

  @TempDir Path dir;

  private static String row(String id) {
    return Fixtures.rental(id, Map.of()) + "\n";
  }

  @Test
  void aFileBeingAppendedIsSkippedThenReadWholeByTheNextRun() throws Exception {
    Path landing = dir.resolve("landing");
    Path lake = dir.resolve("lake");
    Path complete =
        Fixtures.write(
            landing,
            "rental",
            "complete.csv",
            Fixtures.RENTAL_HEADER + "\n" + row("C1") + row("C2"));
    Path part =
        Fixtures.write(
            landing, "rental", "upload.csv.part", Fixtures.RENTAL_HEADER + "\n" + row("P1"));
    Path tmp =
        Fixtures.write(
            landing, "rental", "upload2.csv.TMP", Fixtures.RENTAL_HEADER + "\n" + row("T1"));
    FileTime anHourAgo = FileTime.from(Instant.now().minusSeconds(3600));
    for (Path settled : List.of(complete, part, tmp)) {
      Files.setLastModifiedTime(settled, anHourAgo);
    }
    // A copy in progress: a background thread appends one row every 50 ms until told to stop.
    Path growing =
        Fixtures.write(landing, "rental", "growing.csv", Fixtures.RENTAL_HEADER + "\n" + row("G0"));
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger appended = new AtomicInteger(1);
    Thread copier =
        new Thread(
            () -> {
              while (!stop.get()) {
                try {
                  Files.write(
                      growing,
                      row("G" + appended.get()).getBytes(StandardCharsets.UTF_8),
                      StandardOpenOption.APPEND);
                  appended.incrementAndGet();
                  Thread.sleep(50);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }
            },
            "copier");
    Settings settings = Fixtures.settings(landing, lake, "ingest.settle-seconds=" + SETTLE_SECONDS);

    String firstLogs;
    copier.start();
    try (CapturedLogs captured = CapturedLogs.start()) {
      Fixtures.ingest(new IngestStage(), settings);
      firstLogs = captured.text();
    } finally {
      stop.set(true);
      copier.join();
    }
    int rowsInGrowing = appended.get();

    assertThat(fileNames(lake))
        .as("deliveries after the run that saw growing.csv being appended; its log:%n%s", firstLogs)
        .containsExactly("complete.csv");
    assertThat(Fixtures.table(lake, "rental").count()).as("rows of complete.csv only").isEqualTo(2);
    assertThat(firstLogs)
        .containsPattern("rental/growing\\.csv not read this run: still being delivered")
        .contains("rental/upload.csv.part not read: a temporary name of a copy in progress")
        .contains("rental/upload2.csv.TMP not read: a temporary name");

    // The copy finished; once the file has been left alone for the settling time, the next run
    // reads it whole: every row the copier wrote, no more, no less.
    Thread.sleep((SETTLE_SECONDS + 1) * 1000L);
    Fixtures.ingest(new IngestStage(), settings);
    assertThat(fileNames(lake)).containsExactlyInAnyOrder("complete.csv", "growing.csv");
    assertThat(
            Fixtures.table(lake, "rental").filter(col("file_name").equalTo("growing.csv")).count())
        .as("rows of growing.csv in bronze: all %d it holds", rowsInGrowing)
        .isEqualTo(rowsInGrowing);
    Row delivery =
        Fixtures.table(lake, "deliveries").filter(col("file_name").equalTo("growing.csv")).first();
    assertThat(delivery.<Long>getAs("size_bytes")).isEqualTo(Files.size(growing));
  }

  @Test
  void temporaryNamesAreRecognisedWhateverTheirCase() {
    assertThat(LandingFiles.temporary("出租 2019.xlsx.part")).isTrue();
    assertThat(LandingFiles.temporary("a.csv.PARTIAL")).isTrue();
    assertThat(LandingFiles.temporary("a.csv.filepart")).isTrue();
    assertThat(LandingFiles.temporary("a.csv.crdownload")).isTrue();
    assertThat(LandingFiles.temporary("a.tmp")).isTrue();
    assertThat(LandingFiles.temporary("partners.csv")).isFalse();
    assertThat(LandingFiles.temporary("a.csv")).isFalse();
  }

  private static List<String> fileNames(Path lake) {
    return Fixtures.table(lake, "deliveries").select("file_name").collectAsList().stream()
        .map(r -> r.getString(0))
        .toList();
  }
}
