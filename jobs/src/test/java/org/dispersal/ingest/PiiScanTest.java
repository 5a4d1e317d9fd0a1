package org.dispersal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dispersal.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The personal-data scan itself finds what it must, so that its silence elsewhere means clean. */
class PiiScanTest {
  @TempDir Path dir;

  @Test
  void findsIdsPhonesAndNamesInTablesLogsAndText() throws Exception {
    StructType schema =
        new StructType().add("a", DataTypes.StringType).add("raw_row", DataTypes.StringType);
    Path table = dir.resolve("lake/bronze/t");
    TestSpark.session()
        .createDataFrame(
            List.of(
                RowFactory.create("x 11010519491231002X y", "{\"出租人姓名\":\"王秀英\"}"),
                RowFactory.create("call 13812345678", "{}"),
                RowFactory.create("91110111MA01ABCD2X 911101110042325543", "北京金宇建材有限公司")),
            schema)
        .write()
        .format("delta")
        .save(table.toUri().toString());
    List<String> found = PiiScan.lake(dir.resolve("lake"), List.of());
    assertThat(found).anyMatch(f -> f.contains("11010519491231002X"));
    assertThat(found).anyMatch(f -> f.contains("13812345678"));
    assertThat(found).noneMatch(f -> f.contains("911101110042325543"));
    assertThat(PiiScan.names(dir.resolve("lake"), Set.of("王秀英", "金宇建"))).hasSize(1);
    assertThat(PiiScan.text("log", "王秀英 13812345678", List.of("王秀英"))).hasSize(2);
    // The decimals of a share are no phone number; a number after a full stop still is.
    assertThat(PiiScan.text("xml", "<v>0.15289973437</v> 1.9999999998E10", List.of())).isEmpty();
    assertThat(PiiScan.text("log", "电话.13812345678", List.of())).hasSize(1);
    assertThat(Files.exists(table)).isTrue();
  }
}
