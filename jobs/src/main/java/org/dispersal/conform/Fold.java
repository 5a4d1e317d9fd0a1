package org.dispersal.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dispersal.common.Lake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a conform writes its silver tables: a full rebuild replaces each whole; a fold keeps the
 * tables whose inputs received no new rows and writes only the rows that changed in the others (see
 * {@link Tables}), in one commit per table so that a fold stopped half-way can run again.
 */
final class Fold {
  private static final Logger LOG = LoggerFactory.getLogger(Fold.class);
  private static final String DROP = "_drop";
  private static final String KEY = "_key_";

  private final SparkSession spark;
  private final Increment increment;
  private final Set<String> fresh;
  private final Map<String, Dataset<Row>> scopes;
  private final String runId;
  private final Set<String> recomputed = new HashSet<>();

  /**
   * @param fresh the ledgers whose new deliveries hold rows
   * @param scopes per keyed table, the keys the new rows touch (a table without one is compared
   *     whole)
   */
  Fold(
      SparkSession spark,
      Increment increment,
      Set<String> fresh,
      Map<String, Dataset<Row>> scopes,
      String runId) {
    this.spark = spark;
    this.increment = increment;
    this.fresh = fresh;
    this.scopes = scopes;
    this.runId = runId;
  }

  /** Whether the table has to be recomputed and written (else it is kept as it is). */
  boolean recompute(String table, String location) {
    boolean again =
        increment.full()
            || Tables.touched(table, fresh, recomputed)
            || !Lake.exists(spark, location);
    if (again) {
      recomputed.add(table);
    }
    return again;
  }

  /** Writes a recomputed table; returns its version afterwards. */
  long write(String table, Dataset<Row> rows, String location) {
    Tables.Spec spec = Tables.SPECS.get(table);
    if (increment.full() || spec == null) {
      return Lake.overwrite(rows, location, runId);
    }
    return switch (spec.write()) {
      case KEYS -> merge(rows, scopes.get(table), spec.match(), location);
      case DELIVERIES -> replaceWhere(rows, Cols.DELIVERY_ID, increment.fresh(), location);
      case MONTHS ->
          replaceWhere(
              rows,
              "month",
              scopes.get(table).select("month").distinct().as(Encoders.STRING()).collectAsList(),
              location);
      case OVERWRITE -> Lake.overwrite(rows, location, runId);
    };
  }

  /** Writes the rows within the scope that differ from the table's, and deletes the ones gone. */
  private long merge(Dataset<Row> rows, Dataset<Row> scope, List<String> match, String location) {
    Dataset<Row> target = Lake.read(spark, location);
    Dataset<Row> now = (scope == null ? rows : byKeys(rows, scope, "left_semi")).persist();
    Dataset<Row> was = scope == null ? target : byKeys(target, scope, "left_semi");
    Dataset<Row> changes = changes(now, was, match).persist();
    long changed = changes.count();
    LOG.debug("{}: {} rows changed", location, changed);
    if (changed > 0) {
      Map<String, String> set = new LinkedHashMap<>();
      for (String c : now.columns()) {
        set.put("`" + c + "`", "s.`" + c + "`");
      }
      String on =
          match.stream()
              .map(c -> "t.`" + c + "` <=> s.`" + c + "`")
              .collect(Collectors.joining(" AND "));
      withRunId(
          () ->
              DeltaTable.forPath(spark, location)
                  .as("t")
                  .merge(changes.as("s"), on)
                  .whenMatched("s." + DROP)
                  .delete()
                  .whenMatched()
                  .updateExpr(set)
                  .whenNotMatched("NOT s." + DROP)
                  .insertExpr(set)
                  .execute());
    }
    changes.unpersist();
    now.unpersist();
    return Lake.version(spark, location);
  }

  /**
   * The rows to upsert (new or different; {@code _drop} false) and the rows to delete (their key is
   * no longer there; {@code _drop} true).
   */
  static Dataset<Row> changes(Dataset<Row> now, Dataset<Row> was, List<String> match) {
    Column[] columns =
        java.util.Arrays.stream(now.columns()).map(c -> col(c)).toArray(Column[]::new);
    Dataset<Row> old = was.select(columns);
    Dataset<Row> keys = now.select(match.stream().map(c -> col(c)).toArray(Column[]::new));
    return now.except(old)
        .withColumn(DROP, lit(false))
        .unionByName(byKeys(old, keys, "left_anti").withColumn(DROP, lit(true)));
  }

  /** Rows joined to a set of keys (its columns) with null-safe equality. */
  static Dataset<Row> byKeys(Dataset<Row> rows, Dataset<Row> keys, String how) {
    Dataset<Row> k = keys;
    Column on = lit(true);
    for (String c : keys.columns()) {
      k = k.withColumnRenamed(c, KEY + c);
      on = on.and(rows.col(c).eqNullSafe(col(KEY + c)));
    }
    return rows.join(k, on, how);
  }

  /**
   * Replaces the table's rows whose column holds one of the values (the deliveries conformed now,
   * the months they touch) with the recomputed rows that do.
   */
  private long replaceWhere(
      Dataset<Row> rows, String column, List<String> values, String location) {
    if (values.isEmpty()) {
      return Lake.version(spark, location);
    }
    if (values.stream().anyMatch(v -> v == null || v.contains("'") || v.contains("\\"))) {
      return Lake.overwrite(rows, location, runId); // not safely quoted in a predicate
    }
    rows.filter(col(column).isin(values.toArray()))
        .write()
        .format("delta")
        .mode("overwrite")
        .option(
            "replaceWhere",
            column
                + " IN ("
                + values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", "))
                + ")")
        .option("userMetadata", runId)
        .save(location);
    return Lake.version(spark, location);
  }

  // A MERGE takes no writer options: its commit names the run through the session.
  private void withRunId(Runnable commit) {
    String conf = "spark.databricks.delta.commitInfo.userMetadata";
    String before = spark.conf().getOption(conf).getOrElse(() -> null);
    spark.conf().set(conf, runId);
    try {
      commit.run();
    } finally {
      if (before == null) {
        spark.conf().unset(conf);
      } else {
        spark.conf().set(conf, before);
      }
    }
  }
}
