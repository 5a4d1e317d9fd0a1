package org.dispersal.ops;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.dispersal.common.DispersalException;
import org.dispersal.common.Lake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** OPTIMIZE (compaction of small files) and VACUUM of every Delta table in the lake. */
public final class Maintenance {
  private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);
  private static final String MIN_FILE_SIZE = "spark.databricks.delta.optimize.minFileSize";
  static final String FILE_RETENTION = "delta.deletedFileRetentionDuration";
  static final String LOG_RETENTION = "delta.logRetentionDuration";

  private Maintenance() {}

  /** The Delta tables of a lake: {@code <lake>/<layer>/<table>} folders holding a log. */
  public static List<String> tables(String lake) {
    try {
      Path root = new Path(URI.create(lake));
      FileSystem fs = FileSystem.get(root.toUri(), new Configuration());
      List<String> tables = new ArrayList<>();
      if (!fs.exists(root)) {
        return tables;
      }
      for (FileStatus layer : fs.listStatus(root)) {
        if (!layer.isDirectory()) {
          continue;
        }
        for (FileStatus table : fs.listStatus(layer.getPath())) {
          if (table.isDirectory() && fs.exists(new Path(table.getPath(), "_delta_log"))) {
            tables.add(table.getPath().toString());
          }
        }
      }
      tables.sort(String::compareTo);
      return tables;
    } catch (IOException e) {
      throw DispersalException.failure(
          "Cannot list the tables of the lake " + lake,
          e.getMessage(),
          "check the lake's location",
          e);
    }
  }

  /**
   * Compacts each table's files smaller than {@code compactBelowBytes} and vacuums it; returns how
   * many tables were maintained. Delta would otherwise pack every file under 1 GB into one, and
   * undo the layout that lets a fold skip the files of the townships it does not touch.
   */
  public static int run(
      SparkSession spark, String lake, int retentionDays, long compactBelowBytes) {
    List<String> tables = tables(lake);
    String before = spark.conf().getOption(MIN_FILE_SIZE).getOrElse(() -> null);
    spark.conf().set(MIN_FILE_SIZE, compactBelowBytes);
    try {
      for (String table : tables) {
        long start = System.nanoTime();
        DeltaTable delta = DeltaTable.forPath(spark, table);
        delta.optimize().executeCompaction();
        retain(spark, table, retentionDays);
        delta.vacuum();
        LOG.info("Maintained {} in {} ms", table, (System.nanoTime() - start) / 1_000_000);
      }
    } finally {
      if (before == null) {
        spark.conf().unset(MIN_FILE_SIZE);
      } else {
        spark.conf().set(MIN_FILE_SIZE, before);
      }
    }
    return tables.size();
  }

  /**
   * Keeps the table's removed files and its log entries for the retention, as table properties:
   * Delta 4 ignores the hours given to VACUUM (it warns and keeps its default week), and drops log
   * entries after 30 days, either of which would cut how far back an as-of run can read.
   */
  private static void retain(SparkSession spark, String table, int days) {
    String interval = "interval " + days + " days";
    Map<String, String> properties = Lake.properties(spark, table);
    if (!interval.equals(properties.get(FILE_RETENTION))
        || !interval.equals(properties.get(LOG_RETENTION))) {
      Lake.setProperties(spark, table, Map.of(FILE_RETENTION, interval, LOG_RETENTION, interval));
    }
  }
}
