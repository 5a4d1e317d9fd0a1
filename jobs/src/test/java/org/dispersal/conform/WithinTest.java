package org.dispersal.conform;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dispersal.TestSpark;
import org.dispersal.common.Lake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fold's condition on townships lets Delta skip the files of the districts it does not name,
 * where one IN list over several districts does not.
 */
class WithinTest {
  private static final String CODE = Cols.TOWNSHIP_CODE;
  private final SparkSession spark = TestSpark.session();

  @Test
  void townshipsAreGroupedByDistrictInOrder() {
    assertThat(Within.byDistrict(List.of("110112002", "110101003", "110112001", "110101001")))
        .containsExactly(List.of("110101001", "110101003"), List.of("110112001", "110112002"));
    assertThat(Within.sql("t", CODE, List.of("110112001", "110101001")))
        .isEqualTo("(t.`township_code` IN ('110101001') OR t.`township_code` IN ('110112001'))");
    assertThat(Within.sql(null, CODE, List.of())).isEqualTo("false");
  }

  @Test
  void aReadOfTwoDistrictsTouchesOnlyTheirFiles(@TempDir Path dir) {
    String location = dir.resolve("t").toUri().toString();
    // Four districts, two townships each, 50 rows a township: sorted and cut at 100 rows, one
    // district a file.
    List<String> codes = new ArrayList<>();
    for (String district : List.of("110101", "110105", "110108", "110112")) {
      for (int t = 1; t <= 2; t++) {
        for (int i = 0; i < 50; i++) {
          codes.add(district + "00" + t);
        }
      }
    }
    java.util.Collections.shuffle(codes, new java.util.Random(7));
    Dataset<Row> rows = spark.createDataset(codes, Encoders.STRING()).toDF(CODE).coalesce(1);
    Lake.overwrite(rows.sortWithinPartitions(CODE), location, "run-1", true, 100);
    assertThat(Lake.read(spark, location).inputFiles()).hasSize(4);

    Set<String> wanted = Set.of("110101001", "110112002");
    Dataset<Row> within = Lake.read(spark, location).filter(Within.column(CODE, wanted));
    Dataset<Row> oneList = Lake.read(spark, location).filter(col(CODE).isin(wanted.toArray()));

    assertThat(within.count()).isEqualTo(100);
    assertThat(within.inputFiles()).hasSize(2);
    // The same rows, but the list's range (110101001…110112002) spans every file.
    assertThat(oneList.count()).isEqualTo(100);
    assertThat(oneList.inputFiles()).hasSize(4);
  }
}
