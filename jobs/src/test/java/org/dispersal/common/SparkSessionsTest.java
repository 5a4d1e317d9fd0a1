package org.dispersal.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dispersal.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkSessionsTest {

  @TempDir Path dir;

  @Test
  void sessionHasDeltaBeijingTimeAndNoUi() {
    SparkSession spark = TestSpark.session();
    assertThat(spark.conf().get("spark.sql.session.timeZone")).isEqualTo("Asia/Shanghai");
    assertThat(spark.conf().get("spark.sql.extensions")).contains("DeltaSparkSessionExtension");
    assertThat(spark.sparkContext().ui().isEmpty()).isTrue();

    StructType schema =
        new StructType().add("township", DataTypes.StringType).add("area", DataTypes.DoubleType);
    Dataset<Row> rows =
        spark.createDataFrame(
            List.of(RowFactory.create("110111001", 12.5), RowFactory.create("110111002", 7.0)),
            schema);
    String table = dir.resolve("t").toUri().toString();
    rows.write().format("delta").save(table);
    rows.write().format("delta").mode("append").save(table);

    Dataset<Row> back = spark.read().format("delta").load(table);
    assertThat(back.count()).isEqualTo(4);
    assertThat(back.agg(org.apache.spark.sql.functions.sum("area")).first().getDouble(0))
        .isEqualTo(39.0);
    assertThat(spark.sql("DESCRIBE HISTORY delta.`" + table + "`").count()).isEqualTo(2);
  }

  @Test
  void memoryPagesHaveTheConfiguredSize() {
    SparkSession spark = TestSpark.session();
    // TestSpark opens the session with spark.page-size-mb = 8; Spark's own choice on the test
    // heap would be 64 MB.
    assertThat(spark.sparkContext().getConf().get("spark.buffer.pageSize")).isEqualTo("8m");
    assertThat(org.apache.spark.SparkEnv.get().memoryManager().pageSizeBytes()).isEqualTo(8L << 20);
  }
}
