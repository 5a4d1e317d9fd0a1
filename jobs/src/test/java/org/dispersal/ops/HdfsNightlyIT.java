package org.dispersal.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dispersal.TestSpark;
import org.dispersal.cli.Main;
import org.dispersal.common.DispersalException;
import org.dispersal.common.ExitCode;
import org.dispersal.common.Lake;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A nightly run whose lake and run summaries live on HDFS (an in-process MiniDFSCluster with one
 * DataNode); the landing files stay local, as a landing server's would.
 */
class HdfsNightlyIT {
  @TempDir static Path dir;

  private static MiniDFSCluster hdfs;
  private static String root;

  @BeforeAll
  static void startHdfs() throws Exception {
    Configuration conf = new Configuration();
    conf.set("dfs.namenode.rpc-address", "127.0.0.1:0");
    conf.set("dfs.namenode.http-address", "127.0.0.1:0");
    conf.set("dfs.datanode.address", "127.0.0.1:0");
    conf.set("dfs.datanode.http.address", "127.0.0.1:0");
    conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
    conf.setInt("dfs.replication", 1);
    hdfs =
        new MiniDFSCluster.Builder(conf, dir.resolve("hdfs").toFile())
            .numDataNodes(1)
            .format(true)
            .build();
    hdfs.waitActive();
    root = "hdfs://127.0.0.1:" + hdfs.getNameNodePort();
  }

  @AfterAll
  static void stopHdfs() {
    if (hdfs != null) {
      hdfs.shutdown(true);
    }
  }

  @Test
  void aNightlyWithItsLakeOnHdfs() throws Exception {
    Path landing = SmallDistrict.landing(dir);
    String lake = root + "/lake";
    List<String> args =
        new ArrayList<>(
            SmallDistrict.nightly(landing, lake, root + "/runs", dir.resolve("exports")));
    args.addAll(
        List.of("--set", "pii.key=" + SmallDistrict.PII_KEY, "--set", "spark.master=local[2]"));
    int code = Main.run(args.toArray(String[]::new));
    assertThat(code).isEqualTo(ExitCode.SUCCESS.code());

    SparkSession spark = TestSpark.session();
    FileSystem fs = FileSystem.get(URI.create(root), new Configuration());
    assertThat(fs.exists(new org.apache.hadoop.fs.Path(lake + "/gold/forecasts/_delta_log")))
        .isTrue();
    assertThat(Lake.read(spark, lake + "/gold/township_month").count()).isPositive();
    List<Row> ended =
        Lake.read(spark, lake + "/_runs/runs").filter("event = 'ended'").collectAsList();
    assertThat(ended).hasSize(1);
    assertThat(ended.get(0).<String>getAs("status")).isEqualTo("succeeded");
    String runId = ended.get(0).getAs("run_id");
    assertThat(fs.exists(new org.apache.hadoop.fs.Path(root + "/runs/" + runId + ".json")))
        .as("the run's JSON summary on HDFS")
        .isTrue();
    Row commit = spark.sql("DESCRIBE HISTORY delta.`" + lake + "/gold/forecasts`").first();
    assertThat(commit.<String>getAs("userMetadata")).isEqualTo(runId);

    // The lock was released, and it works on HDFS: created only if absent, refused while held.
    assertThat(RunLock.holder(lake)).isNull();
    try (RunLock first = RunLock.acquire(lake, "first", "nightly", Duration.ofHours(1))) {
      assertThat(fs.exists(new org.apache.hadoop.fs.Path(lake + "/" + RunLock.FILE))).isTrue();
      assertThatThrownBy(() -> RunLock.acquire(lake, "second", "maintain", Duration.ofHours(1)))
          .isInstanceOfSatisfying(
              DispersalException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.LOCKED))
          .hasMessageContaining("run first (nightly)");
    }
    assertThat(RunLock.holder(lake)).isNull();
  }
}
