package org.dispersal.common;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dispersal.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table written with deletion vectors keeps them, whether the write created it or not; the rows a
 * run wrote are read back from the table's log.
 */
class LakeTest {
  private final SparkSession spark = TestSpark.session();

  @Test
  void anOverwriteWithDeletionVectorsEnablesThemOnATableCreatedWithout(@TempDir Path dir) {
    String location = dir.resolve("t").toUri().toString();
    Lake.overwrite(rows(10), location, "run-1");
    assertThat(deletionVectors(location)).isNull();

    long version = Lake.overwrite(rows(10), location, "run-2", true);

    assertThat(deletionVectors(location)).isEqualTo("true");
    assertThat(version).isEqualTo(Lake.version(spark, location));
    List<Row> commits =
        DeltaTable.forPath(spark, location)
            .history()
            .filter(col("version").gt(1))
            .select("operation", "userMetadata")
            .collectAsList();
    assertThat(commits).extracting(r -> r.getString(1)).containsOnly("run-2").isNotEmpty();

    // A DELETE now marks the rows gone instead of rewriting the file that holds them.
    DeltaTable.forPath(spark, location).delete(col("id").equalTo(3));
    Row delete = DeltaTable.forPath(spark, location).history(1).first();
    assertThat(
            delete
                .<scala.collection.Map<String, String>>getAs("operationMetrics")
                .get("numDeletionVectorsAdded")
                .get())
        .isEqualTo("1");
    assertThat(Lake.read(spark, location).count()).isEqualTo(9);
  }

  @Test
  void aTableCreatedWithDeletionVectorsNeedsNoSecondCommit(@TempDir Path dir) {
    String location = dir.resolve("t").toUri().toString();
    long version = Lake.overwrite(rows(5), location, "run-1", true);
    assertThat(version).isZero();
    assertThat(deletionVectors(location)).isEqualTo("true");
  }

  @Test
  void rowsWrittenAreTheRowsOfTheRunsLatestCommitAndZeroWhenItCommittedNothing(@TempDir Path dir) {
    String location = dir.resolve("t").toUri().toString();
    Lake.overwrite(rows(10), location, "run-1");
    assertThat(Lake.rowsWritten(spark, location, "run-1")).isEqualTo(10);

    // A replaceWhere writes only the rows it replaces; the table keeps the others.
    Lake.replace(rows(10).filter(col("id").geq(7)), location, "run-2", "id >= 7");
    assertThat(Lake.rowsWritten(spark, location, "run-2")).isEqualTo(3);
    assertThat(Lake.read(spark, location).count()).isEqualTo(10);

    // A MERGE's rows are those it updated and inserted, not those it copied along with them.
    Lake.withRunId(
        spark,
        "run-merge",
        () ->
            DeltaTable.forPath(spark, location)
                .as("t")
                .merge(spark.range(8, 12).toDF().as("s"), "t.id = s.id")
                .whenMatched()
                .updateAll()
                .whenNotMatched()
                .insertAll()
                .execute());
    assertThat(Lake.rowsWritten(spark, location, "run-merge")).isEqualTo(4);

    // The property commit after an overwrite is skipped: the rows are the overwrite's.
    Lake.overwrite(rows(4), location, "run-3", true);
    assertThat(DeltaTable.forPath(spark, location).history(1).first().<String>getAs("operation"))
        .isEqualTo("SET TBLPROPERTIES");
    assertThat(Lake.rowsWritten(spark, location, "run-3")).isEqualTo(4);

    // A run whose write committed nothing (the latest commit is another run's) wrote no rows.
    assertThat(Lake.rowsWritten(spark, location, "run-4")).isZero();
  }

  private Dataset<Row> rows(int n) {
    return spark.range(n).toDF().coalesce(1);
  }

  private String deletionVectors(String location) {
    return DeltaTable.forPath(spark, location)
        .detail()
        .select("properties")
        .first()
        .<String, String>getJavaMap(0)
        .get("delta.enableDeletionVectors");
  }
}
