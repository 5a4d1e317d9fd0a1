package org.dispersal.ops;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.dispersal.common.DispersalException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** OPTIMIZE (compaction) and VACUUM of every Delta table in the lake. */
public final class Maintenance {
  private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

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

  /** Compacts and vacuums each table; returns how many tables were maintained. */
  public static int run(SparkSession spark, String lake, int retentionDays) {
    List<String> tables = tables(lake);
    for (String table : tables) {
      long start = System.nanoTime();
      DeltaTable delta = DeltaTable.forPath(spark, table);
      delta.optimize().executeCompaction();
      delta.vacuum(retentionDays * 24.0);
      LOG.info("Maintained {} in {} ms", table, (System.nanoTime() - start) / 1_000_000);
    }
    return tables.size();
  }
}
