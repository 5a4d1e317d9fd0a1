package org.dispersal.common;

import java.util.List;

/**
 * Spark settings the project owns; everything else about a cluster comes from spark-submit and
 * spark-defaults.
 */
public record SparkConfig(String master, int shufflePartitions, String logLevel) {

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
  public static final Setting<String> LOG_LEVEL =
      Setting.choice(
          "spark.log-level",
          "WARN",
          List.of("ERROR", "WARN", "INFO", "DEBUG"),
          "Log level of Spark, Hadoop and Parquet; the project's own logs stay at INFO.");

  public static final List<Setting<?>> SETTINGS = List.of(MASTER, SHUFFLE_PARTITIONS, LOG_LEVEL);

  public static SparkConfig from(Settings s) {
    return new SparkConfig(s.get(MASTER), s.get(SHUFFLE_PARTITIONS), s.get(LOG_LEVEL));
  }
}
