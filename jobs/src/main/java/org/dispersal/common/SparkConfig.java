package org.dispersal.common;

import java.util.List;

/**
 * Spark settings the project owns; everything else about a cluster comes from spark-submit and
 * spark-defaults.
 */
public record SparkConfig(String master, int shufflePartitions, int pageSizeMb, String logLevel) {

  public static final Setting<String> MASTER =
      Setting.text(
          "spark.master",
          "local[*]",
          true,
          "Master URL for embedded runs; ignored under spark-submit, which sets its own.");
  public static final Setting<Integer> SHUFFLE_PARTITIONS =
      Setting.integer(
          "spark.shuffle-partitions",
          0,
          0,
          10_000,
          "Shuffle partitions; 0 sizes them to the cores (adaptive execution coalesces small ones).");
  public static final Setting<Integer> PAGE_SIZE_MB =
      Setting.integer(
          "spark.page-size-mb",
          8,
          0,
          64,
          "Size in MB of the memory pages Spark sorts, aggregates and builds broadcast joins in"
              + " (spark.buffer.pageSize) when embedded; 0 leaves Spark's own (64 MB on a 4-6 GB"
              + " heap). Every broadcast join holds a page while its plan lives.");
  public static final Setting<String> LOG_LEVEL =
      Setting.choice(
          "spark.log-level",
          "WARN",
          List.of("ERROR", "WARN", "INFO", "DEBUG"),
          "Log level of Spark, Hadoop and Parquet; the project's own logs stay at INFO.");

  public static final List<Setting<?>> SETTINGS =
      List.of(MASTER, SHUFFLE_PARTITIONS, PAGE_SIZE_MB, LOG_LEVEL);

  public static SparkConfig from(Settings s) {
    return new SparkConfig(
        s.get(MASTER), s.get(SHUFFLE_PARTITIONS), s.get(PAGE_SIZE_MB), s.get(LOG_LEVEL));
  }
}
