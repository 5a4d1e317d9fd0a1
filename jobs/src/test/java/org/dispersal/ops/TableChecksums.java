package org.dispersal.ops;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.dispersal.common.Lake;

/**
 * Content checksums of every Delta table of a lake (bronze, silver, gold; not the run tables): per
 * table the row count and the sum of a 64-bit hash of each row, so row order and file layout do not
 * matter but a missing, extra, duplicated or changed row does.
 *
 * <p>Left out are the columns that say which run wrote a row or when, which legitimately differ
 * between two lakes built from the same landing: see {@link #VOLATILE}. Doubles are rounded to 9
 * decimals (the order of a distributed sum may change the last bits); maps are hashed as their
 * sorted entries.
 */
final class TableChecksums {
  /**
   * Run ids and run times (a resumed run keeps its id, a separate lake has its own); {@code
   * effect_source} names the estimate's run; {@code fingerprint} holds bronze table versions, which
   * a killed and resumed ingest advances further; {@code ingested_up_to}, the panel's watermark, is
   * the newest {@code ingested_at} the panel has read.
   */
  static final Set<String> VOLATILE =
      Set.of(
          "run_id",
          "ingested_at",
          "written_at",
          "exported_at",
          "effect_source",
          "fingerprint",
          "basis",
          "ingested_up_to");

  /** Per table, further columns: the export log's Delta versions of the gold tables it read. */
  static final Map<String, Set<String>> VOLATILE_IN = Map.of("gold/export_log", Set.of("version"));

  private TableChecksums() {}

  /** Table (relative to the lake, e.g. {@code silver/rental_history}) → "rows N, hash H". */
  static Map<String, String> of(SparkSession spark, Path lake) {
    Map<String, String> sums = new TreeMap<>();
    for (String table : tables(lake)) {
      Dataset<Row> d = normalised(spark, lake, table);
      Row r =
          d.agg(
                  count(lit(1)),
                  sum(
                      xxhash64(d.columns().length == 0 ? new Column[] {lit(0)} : cols(d))
                          .cast("decimal(38,0)")))
              .first();
      sums.put(table, "rows " + r.getLong(0) + ", hash " + r.get(1));
    }
    return sums;
  }

  /**
   * What differs between one table of two lakes: the columns whose own hash sums differ, and a few
   * rows found in one lake only.
   */
  static String difference(SparkSession spark, Path expected, Path actual, String table) {
    if (!Files.isDirectory(expected.resolve(table)) || !Files.isDirectory(actual.resolve(table))) {
      return table + ": present in only one lake";
    }
    Dataset<Row> a = normalised(spark, expected, table);
    Dataset<Row> b = normalised(spark, actual, table);
    List<String> columns = new ArrayList<>();
    for (String c : a.columns()) {
      Column h = sum(xxhash64(col(c)).cast("decimal(38,0)"));
      if (!String.valueOf(a.agg(h).first().get(0))
          .equals(String.valueOf(b.agg(h).first().get(0)))) {
        columns.add(c);
      }
    }
    return String.format(
        "%s: columns differing %s; rows only in %s: %s; rows only in %s: %s",
        table,
        columns,
        expected.getFileName(),
        a.exceptAll(b).limit(5).collectAsList(),
        actual.getFileName(),
        b.exceptAll(a).limit(5).collectAsList());
  }

  private static Dataset<Row> normalised(SparkSession spark, Path lake, String table) {
    Dataset<Row> d = Lake.read(spark, lake.resolve(table).toUri().toString());
    Set<String> left = VOLATILE_IN.getOrDefault(table, Set.of());
    List<Column> kept = new ArrayList<>();
    for (StructField f : d.schema().fields()) {
      if (VOLATILE.contains(f.name()) || left.contains(f.name())) {
        continue;
      }
      kept.add(normalised(col(f.name()), f.dataType()).as(f.name()));
    }
    return d.select(kept.toArray(Column[]::new));
  }

  private static Column normalised(Column c, DataType type) {
    if (type.equals(DataTypes.DoubleType) || type.equals(DataTypes.FloatType)) {
      return round(c, 9);
    }
    if (type instanceof MapType) {
      return to_json(array_sort(map_entries(c)));
    }
    return c;
  }

  private static Column[] cols(Dataset<Row> d) {
    return Stream.of(d.columns()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }

  /** The Delta tables under a lake, except the run tables under {@code _runs}. */
  static List<String> tables(Path lake) {
    try (Stream<Path> walk = Files.walk(lake)) {
      return walk.filter(p -> Files.isDirectory(p.resolve("_delta_log")))
          .map(p -> lake.relativize(p).toString())
          .filter(t -> !t.startsWith("_"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
