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

/** A table written with deletion vectors keeps them, whether the write created it or not. */
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
