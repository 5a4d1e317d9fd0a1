package org.dispersal.common;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dispersal.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FewTest {
  @Test
  void aJoinWithTheKeysOfAFewCachedRowsBroadcastsThemInsteadOfShufflingTheTable(@TempDir Path dir) {
    // A session of its own: its broadcast threshold makes a table of 20,000 rows "large" without
    // touching the shared session's, which the other tests use at the same time.
    SparkSession spark = TestSpark.session().newSession();
    spark.conf().set("spark.sql.autoBroadcastJoinThreshold", "65536");
    String location = dir.resolve("bronze").toString();
    spark
        .range(20_000)
        .select(
            concat(lit("R"), col("id").cast("string")).as("registration_id"),
            when(col("id").mod(1000).equalTo(7), lit("new")).otherwise(lit("old")).as("delivery"),
            concat(lit("some address "), col("id").multiply(7919).cast("string")).as("address"))
        .write()
        .format("delta")
        .save(location);
    Dataset<Row> table = spark.read().format("delta").load(location);
    Dataset<Row> fresh = table.filter(col("delivery").equalTo("new"));

    // Planned before the rows are cached (afterwards Spark would read them from the cache too).
    Dataset<Row> planned = semiJoin(table, fresh);
    String before = plan(planned);
    long matched = planned.count();
    Dataset<Row> few = Few.of(fresh);
    Dataset<Row> sized = semiJoin(table, few);

    // Of the filter Spark knows only the table's size: a sort-merge join, shuffling the table.
    assertThat(before).contains("SortMergeJoin").doesNotContain("BroadcastHashJoin");
    assertThat(plan(sized)).contains("BroadcastHashJoin").doesNotContain("SortMergeJoin");
    assertThat(sized.count()).isEqualTo(20).isEqualTo(matched);
    few.unpersist();
  }

  private static Dataset<Row> semiJoin(Dataset<Row> table, Dataset<Row> fresh) {
    return table.join(
        fresh.select(col("registration_id").as("_k")).distinct(),
        col("registration_id").equalTo(col("_k")),
        "left_semi");
  }

  private static String plan(Dataset<Row> rows) {
    return rows.queryExecution().executedPlan().toString();
  }
}
