package org.dispersal.common;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place a SparkSession is made: Delta on, Beijing time, UI off when embedded. */
public final class SparkSessions {
  private static final Logger LOG = LoggerFactory.getLogger(SparkSessions.class);

  private SparkSessions() {}

  /** Whether this JVM was started by spark-submit (which sets {@code spark.master}). */
  public static boolean underSparkSubmit() {
    return System.getProperty("spark.master") != null;
  }

  /** Opens (or returns the running) session for the given job name. */
  public static SparkSession open(SparkConfig config, String jobName) {
    long start = System.nanoTime();
    boolean embedded = !underSparkSubmit();
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName("dispersal " + jobName)
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config(
                "spark.sql.catalog.spark_catalog",
                "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .config("spark.sql.session.timeZone", RunConfig.ZONE.getId())
            .config("spark.sql.adaptive.enabled", "true")
            .config("spark.databricks.delta.schema.autoMerge.enabled", "false")
            // In a session time zone other than UTC, Delta rebuilds a table's whole state after
            // every commit to check the file list its checksum carries (a guard against
            // timestamps before 1883, which the ledgers do not hold); UTC sessions check it at
            // each checkpoint instead, and so do we. A district's fold: 532 → 499 Spark jobs,
            // 133 → 117 s.
            .config(
                "spark.databricks.delta.allFilesInCrc.verificationMode.forceOnNonUTC.enabled",
                "false");
    if (embedded) {
      builder
          .master(config.master())
          .config("spark.ui.enabled", "false")
          .config("spark.ui.showConsoleProgress", "false")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1");
    }
    int partitions = config.shufflePartitions();
    if (partitions == 0 && embedded) {
      partitions = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
    }
    if (partitions > 0) {
      builder.config("spark.sql.shuffle.partitions", partitions);
    }
    if (embedded) {
      // Delta rebuilds a table's state after each commit in this many tasks (default 50): on a
      // few local cores that overhead, not the data, dominates every small commit.
      builder.config("spark.databricks.delta.snapshotPartitions", Math.max(1, partitions));
      if (config.pageSizeMb() > 0) {
        // Spark sizes pages from the heap: 64 MB from a 4 GB heap on. A broadcast hash join's
        // relation takes a whole page even for a few rows and keeps it, counted as storage
        // memory, until its plan is garbage collected; a fold holds about ten at a time. 8 MB
        // pages: a city-wide fold at 1/4 scale on a 6 GB heap, 4.1 → 2.9 GB live after GC,
        // conform 199 → 188 s (docs/benchmarks.md).
        builder.config("spark.buffer.pageSize", config.pageSizeMb() + "m");
      }
    }
    quietLibraries(config.logLevel());
    SparkSession spark = builder.getOrCreate();
    LOG.info(
        "Spark {} session ready ({}, {} shuffle partitions) in {} ms",
        spark.version(),
        spark.sparkContext().master(),
        spark.conf().get("spark.sql.shuffle.partitions"),
        (System.nanoTime() - start) / 1_000_000);
    return spark;
  }

  private static void quietLibraries(String level) {
    Level l = Level.toLevel(level, Level.WARN);
    for (String name :
        new String[] {
          "org.apache.spark",
          "org.apache.hadoop",
          "org.apache.parquet",
          "io.delta",
          "org.sparkproject"
        }) {
      Configurator.setLevel(name, l);
    }
  }
}
