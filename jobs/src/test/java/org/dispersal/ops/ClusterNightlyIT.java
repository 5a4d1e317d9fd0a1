package org.dispersal.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dispersal.TestSpark;
import org.dispersal.common.DispersalException;
import org.dispersal.common.ExitCode;
import org.dispersal.common.Lake;
import org.dispersal.export.ExportStage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly job as an operator runs it on a cluster: a Spark standalone master and two workers
 * (separate JVMs on 127.0.0.1), spark-submit with the cluster jar in client mode, and the lake and
 * run summaries on HDFS (an in-process MiniDFSCluster; the landing files stay local, as a landing
 * server's would). The cluster's JVMs see Spark's jars only; the project, Delta, POI and the rest
 * come from the cluster jar. One nightly checks both the cluster and HDFS, since a nightly is the
 * costly part of the build's tests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterNightlyIT {
  @TempDir static Path dir;

  private static StandaloneCluster cluster;
  private static MiniDFSCluster hdfs;
  private static String hdfsRoot;
  private static Path landing;

  @BeforeAll
  static void startClusters() throws Exception {
    Path jar = Path.of(System.getProperty("dispersal.cluster-jar"));
    assertThat(jar).as("the cluster jar, built at package time").exists();
    hdfs = startHdfs(dir.resolve("hdfs"));
    hdfsRoot = "hdfs://127.0.0.1:" + hdfs.getNameNodePort();
    landing = SmallDistrict.landing(dir);
    cluster = new StandaloneCluster(dir.resolve("cluster"), jar);
    cluster.start(2, "1g");
  }

  /** HDFS in this JVM: a NameNode and one DataNode on 127.0.0.1, free ports, no replication. */
  private static MiniDFSCluster startHdfs(Path base) throws Exception {
    Configuration conf = new Configuration();
    for (String key :
        List.of(
            "dfs.namenode.rpc-address",
            "dfs.namenode.http-address",
            "dfs.datanode.address",
            "dfs.datanode.http.address",
            "dfs.datanode.ipc.address")) {
      conf.set(key, "127.0.0.1:0");
    }
    conf.setInt("dfs.replication", 1);
    MiniDFSCluster started =
        new MiniDFSCluster.Builder(conf, base.toFile()).numDataNodes(1).format(true).build();
    started.waitActive();
    return started;
  }

  @AfterAll
  static void stopClusters() {
    try {
      if (cluster != null) {
        cluster.close();
      }
    } finally {
      if (hdfs != null) {
        hdfs.shutdown(true);
      }
    }
  }

  private static List<String> submit(String lake, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--master",
                cluster.masterUrl(),
                "--deploy-mode",
                "client",
                "--class",
                "org.dispersal.cli.Main",
                "--executor-memory",
                "512m",
                "--executor-cores",
                "1",
                "--total-executor-cores",
                "2",
                "--driver-memory",
                "1g",
                "--conf",
                "spark.ui.enabled=false",
                "--conf",
                "spark.driver.host=127.0.0.1",
                "--conf",
                "spark.sql.shuffle.partitions=4",
                "--conf",
                "spark.databricks.delta.snapshotPartitions=2",
                // As in the unit tests: on a few thousand rows, compiling generated code costs more
                // than it saves (this test took 213 s without it, 266 s with it).
                "--conf",
                "spark.sql.codegen.wholeStage=false",
                "--conf",
                "spark.sql.codegen.factoryMode=NO_CODEGEN",
                "--conf",
                "spark.databricks.delta.collectStats.fallbackToInterpretedProjection=false",
                System.getProperty("dispersal.cluster-jar")));
    args.addAll(SmallDistrict.nightly(landing, lake, hdfsRoot + "/runs", dir.resolve("exports")));
    args.addAll(List.of(extra));
    return args;
  }

  private static final Map<String, String> KEY = Map.of("DISPERSAL_PII_KEY", SmallDistrict.PII_KEY);

  @Test
  @Order(1)
  void theNightlyRunsOnTheClusterWithItsLakeOnHdfs() throws Exception {
    String lake = hdfsRoot + "/lake";
    int code = cluster.submit("nightly", KEY, submit(lake), Duration.ofMinutes(15));
    String log = cluster.log("nightly");
    assertThat(code).as("spark-submit's exit code; its log:%n%s", tail(log)).isZero();
    // The job's last line states the outcome (Spark's own shutdown lines may follow it).
    assertThat(log)
        .containsPattern("Run \\S+ \\(nightly\\) succeeded for as-of 2015-03-31: exit code 0\\.");

    SparkSession spark = TestSpark.session();
    for (String gold : List.of("township_month", "task_progress", "forecasts")) {
      String table = lake + "/gold/" + gold;
      assertThat(Lake.exists(spark, table)).as(table).isTrue();
    }
    assertThat(Lake.read(spark, lake + "/gold/township_month").count()).isPositive();
    List<Row> runs =
        Lake.read(spark, lake + "/_runs/runs")
            .filter("event = 'ended'")
            .select("run_id", "status", "exit_code")
            .collectAsList();
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).<String>getAs("status")).isEqualTo("succeeded");
    // The executors' commits carry the run id too.
    Row commit = spark.sql("DESCRIBE HISTORY delta.`" + lake + "/gold/township_month`").first();
    assertThat(commit.<String>getAs("userMetadata")).isEqualTo(runs.get(0).getAs("run_id"));
    assertThat(
            Lake.read(spark, lake + "/_runs/stages")
                .filter("status = 'succeeded'")
                .select("stage")
                .distinct()
                .count())
        .isEqualTo(Pipeline.stages().size());

    // The run's summary and the lock live on HDFS too; the lock was released and works there:
    // created only if absent, refused while held.
    FileSystem fs = FileSystem.get(URI.create(hdfsRoot), new Configuration());
    String runId = runs.get(0).getAs("run_id");
    assertThat(fs.exists(new org.apache.hadoop.fs.Path(hdfsRoot + "/runs/" + runId + ".json")))
        .isTrue();
    assertThat(RunLock.holder(lake)).isNull();
    try (RunLock first = RunLock.acquire(lake, "first", "nightly", Duration.ofHours(1))) {
      assertThat(fs.exists(new org.apache.hadoop.fs.Path(lake + "/" + RunLock.FILE))).isTrue();
      assertThatThrownBy(() -> RunLock.acquire(lake, "second", "maintain", Duration.ofHours(1)))
          .isInstanceOfSatisfying(
              DispersalException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.LOCKED))
          .hasMessageContaining("run first (nightly)");
    }
    assertThat(RunLock.holder(lake)).isNull();

    String workbook =
        ExportStage.workbook(dir.resolve("exports").toUri().toString(), SmallDistrict.AS_OF);
    try (InputStream in = Files.newInputStream(Path.of(URI.create(workbook).getPath()));
        Workbook wb = WorkbookFactory.create(in)) {
      assertThat(wb.getNumberOfSheets()).isGreaterThan(1);
    }
  }

  /**
   * A second nightly, in this JVM with Spark local, on the same lake on HDFS: nothing new arrived,
   * so ingest loads nothing, conform keeps silver, and the run succeeds with its records on HDFS.
   */
  @Test
  @Order(2)
  void aSecondNightlyInProcessOnTheHdfsLakeFindsNothingNew() {
    String lake = hdfsRoot + "/lake";
    SparkSession spark = TestSpark.session();
    long goldVersion = Lake.version(spark, lake + "/gold/township_month");
    List<String> args =
        new ArrayList<>(
            SmallDistrict.nightly(landing, lake, hdfsRoot + "/runs", dir.resolve("exports")));
    args.addAll(List.of("--set", "pii.key=" + SmallDistrict.PII_KEY));
    int code = org.dispersal.cli.Main.commandLine().execute(args.toArray(String[]::new));
    assertThat(code).isZero();

    List<Row> runs =
        Lake.read(spark, lake + "/_runs/runs")
            .filter("event = 'ended'")
            .orderBy("at")
            .select("run_id", "status")
            .collectAsList();
    assertThat(runs).hasSize(2);
    assertThat(runs.get(1).<String>getAs("status")).isEqualTo("succeeded");
    String second = runs.get(1).getAs("run_id");
    Map<String, String> summaries = new java.util.HashMap<>();
    Lake.read(spark, lake + "/_runs/stages")
        .filter(org.apache.spark.sql.functions.col("run_id").equalTo(second))
        .select("stage", "message")
        .collectAsList()
        .forEach(r -> summaries.put(r.getString(0), r.getString(1)));
    assertThat(summaries.get("ingest")).startsWith("0 new files");
    assertThat(summaries.get("conform")).startsWith("nothing new since the last conform");
    assertThat(summaries.get("panel")).isEqualTo("nothing new since the last build");
    assertThat(Lake.version(spark, lake + "/gold/township_month")).isEqualTo(goldVersion);
  }

  @Test
  @Order(3)
  void aFailingJobMakesSparkSubmitExitWithTheProjectsCode() throws Exception {
    String lake = hdfsRoot + "/failing-lake";
    int invalid =
        cluster.submit(
            "bad-config", KEY, submit(lake, "--set", "run.district=999999"), Duration.ofMinutes(5));
    assertThat(invalid)
        .as("a bad configuration value; log:%n%s", tail(cluster.log("bad-config")))
        .isEqualTo(ExitCode.USAGE.code());
    assertThat(cluster.log("bad-config")).contains("Invalid value for 'run.district'");

    // A live holder of the lake's lock (this JVM): the submitted run must exit 75.
    try (RunLock held = RunLock.acquire(lake, "held-by-the-test", "nightly", Duration.ofHours(1))) {
      int locked = cluster.submit("locked", KEY, submit(lake), Duration.ofMinutes(5));
      assertThat(locked)
          .as("a held lock; log:%n%s", tail(cluster.log("locked")))
          .isEqualTo(ExitCode.LOCKED.code());
      assertThat(cluster.log("locked"))
          .containsPattern("ERROR +Main\\W+Another run holds the lock .*held-by-the-test");
    }
  }

  private static String tail(String log) {
    List<String> lines = log.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
