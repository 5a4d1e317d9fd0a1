package org.dispersal.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dispersal.TestSpark;
import org.dispersal.common.Lake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maintenance compacts a table's small files, leaves its larger ones as they were written, and
 * keeps removed files and log entries for the retention.
 */
class MaintenanceTest {
  private final SparkSession spark = TestSpark.session();

  @Test
  void onlyFilesBelowTheThresholdAreCompacted(@TempDir Path dir) {
    String location = dir.resolve("silver").resolve("t").toUri().toString();
    // Two large files (as conform writes them, cut by rows), then three tiny appends (as folds).
    Lake.overwrite(rows(0, 20_000).coalesce(1), location, "run-1", false, 10_000);
    Set<String> large = files(location);
    for (int i = 0; i < 3; i++) {
      Lake.append(rows(100_000 + i * 10, 10).coalesce(1), location, "run-" + (i + 2));
    }
    Set<String> before = files(location);
    long smallest = large.stream().mapToLong(MaintenanceTest::size).min().orElseThrow();
    long tiny =
        before.stream()
            .filter(f -> !large.contains(f))
            .mapToLong(MaintenanceTest::size)
            .max()
            .orElseThrow();
    assertThat(before).hasSize(5);
    assertThat(tiny).isLessThan(smallest);

    String setting = "spark.databricks.delta.optimize.minFileSize";
    String own = spark.conf().getOption(setting).getOrElse(() -> null);

    int tables = Maintenance.run(spark, dir.toUri().toString(), 7, (tiny + smallest) / 2);

    Set<String> after = files(location);
    assertThat(tables).isEqualTo(1);
    assertThat(after).containsAll(large).hasSize(3);
    assertThat(Lake.read(spark, location).count()).isEqualTo(20_030);
    // The session's own setting is back.
    String now = spark.conf().getOption(setting).getOrElse(() -> null);
    assertThat(now).isEqualTo(own);
    // Delta ignores VACUUM's hours; the table keeps removed files and log for the retention.
    Map<String, String> properties =
        DeltaTable.forPath(spark, location).detail().select("properties").first().getJavaMap(0);
    assertThat(properties)
        .containsEntry(Maintenance.FILE_RETENTION, "interval 7 days")
        .containsEntry(Maintenance.LOG_RETENTION, "interval 7 days");
  }

  private Dataset<Row> rows(long from, long count) {
    return spark.range(from, from + count).selectExpr("id", "cast(id * 7 as string) AS label");
  }

  private Set<String> files(String location) {
    return Arrays.stream(Lake.read(spark, location).inputFiles()).collect(Collectors.toSet());
  }

  private static long size(String file) {
    try {
      return Files.size(Path.of(URI.create(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
