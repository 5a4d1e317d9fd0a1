package org.dispersal.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaMergeBuilder;
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
import org.dispersal.common.PathsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a conform writes its silver tables: a full rebuild replaces each whole; a fold keeps the
 * tables whose inputs received no new rows and writes only the rows that changed in the others (see
 * {@link Tables}), in one commit per table so that a fold stopped half-way can run again.
 */
final class Fold implements Silver.Scope {
  private static final Logger LOG = LoggerFactory.getLogger(Fold.class);
  private static final String DROP = "_drop";
  private static final String KEY = "_key_";
  private static final String COMPARISON = "city_district_comparison";

  private final SparkSession spark;
  private final Increment increment;
  private final Set<String> fresh;
  private final Map<String, Dataset<Row>> scopes;
  private final String runId;
  private final PathsConfig paths;
  private final int rowsPerFile;
  private final Set<String> recomputed = new HashSet<>();
  // Per record ledger whose history the fold rewrote: the townships of every version, before and
  // after, of the records it rewrote; null when a version has no township.
  private final Map<String, Set<String>> touched = new LinkedHashMap<>();
  // Their union, for the tables built from several ledgers; null: written whole.
  private Set<String> townships;
  private boolean decided;
  // The townships whose comparison rows the fold recomputes; null: all of them.
  private Set<String> compared;
  // Per folded history, its rows with the keys the new rows touch, read before the fold wrote it.
  private final Map<String, Dataset<Row>> held = new LinkedHashMap<>();

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
      String runId,
      PathsConfig paths,
      int rowsPerFile) {
    this.spark = spark;
    this.increment = increment;
    this.fresh = fresh;
    this.scopes = scopes;
    this.runId = runId;
    this.paths = paths;
    this.rowsPerFile = rowsPerFile;
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

  /**
   * Writes a recomputed table; returns its version afterwards. The tables a fold rewrites in part
   * (the histories and the {@link Tables.Write#TOWNSHIPS} tables) are written with deletion
   * vectors, so the rows a fold replaces are marked, not copied: a fold's MERGE of rental_history
   * at 1/4 of the city took 54 s without them and 34 s with them.
   */
  long write(String table, Dataset<Row> rows, String location) {
    Tables.Spec spec = Tables.SPECS.get(table);
    if (spec != null && spec.write() == Tables.Write.TOWNSHIPS) {
      Set<String> in = townships();
      return in == null
          ? byTownship(rows, location)
          : replaceWhere(rows, Cols.TOWNSHIP_CODE, List.copyOf(in), location);
    }
    if (increment.full() && ledgerOf(table) != null) {
      return byTownship(rows, location);
    }
    if (increment.full() || spec == null) {
      return Lake.overwrite(rows, location, runId);
    }
    return switch (spec.write()) {
      case KEYS -> merge(table, rows, scopes.get(table), spec.match(), location);
      case DELIVERIES -> replaceWhere(rows, Cols.DELIVERY_ID, increment.fresh(), location);
      case MONTHS ->
          replaceWhere(
              rows,
              "month",
              scopes.get(table).select("month").distinct().as(Encoders.STRING()).collectAsList(),
              location);
      case COMPARED ->
          compared == null
              ? Lake.overwrite(rows, location, runId)
              : replaceWhere(rows, Cols.TOWNSHIP_CODE, List.copyOf(compared), location);
      case OVERWRITE, TOWNSHIPS -> Lake.overwrite(rows, location, runId);
    };
  }

  /**
   * Writes a table whole, sorted by township within each task's rows and cut into files of at most
   * {@code rowsPerFile} rows: each file then holds a narrow range of townships, and a fold's MERGE,
   * replaceWhere and township-cut reads (see {@link Within}) skip the others' files. Written with
   * deletion vectors, as a fold rewrites these tables in part.
   */
  private long byTownship(Dataset<Row> rows, String location) {
    return Lake.overwrite(
        rows.sortWithinPartitions(Cols.TOWNSHIP_CODE), location, runId, true, rowsPerFile);
  }

  /**
   * The tables a township-local table is built from ({@link Tables.Write#TOWNSHIPS}): cut to the
   * townships whose records the fold rewrote, or whole when the fold cannot tell them.
   */
  @Override
  public Map<String, Dataset<Row>> local(Map<String, Dataset<Row>> written) {
    Set<String> in = townships();
    if (in == null) {
      return written;
    }
    Map<String, Dataset<Row>> cut = new LinkedHashMap<>(written);
    for (String t : Tables.TOWNSHIP_INPUTS) {
      if (cut.containsKey(t)) {
        cut.put(t, cut.get(t).filter(Within.column(Cols.TOWNSHIP_CODE, in)));
      }
    }
    return cut;
  }

  /**
   * The townships whose records the fold rewrote, and those whose rows of the comparison carry an
   * allowance other than the one they get now; null (all) after a full conform, a progress delivery
   * (it may move the month a metric's comparison starts from) or when a fold cannot tell the
   * townships.
   */
  @Override
  public Set<String> compared(Dataset<Row> allowances) {
    compared = null;
    String location = Lake.table(paths, "silver", COMPARISON);
    if (increment.full()
        || fresh.contains("progress")
        || touched.containsValue(null)
        || !Lake.exists(spark, location)) {
      return null;
    }
    Set<String> in = new HashSet<>();
    touched.values().forEach(in::addAll);
    Set<String> more = codes(Comparison.allowanceMoved(Lake.read(spark, location), allowances, in));
    if (more == null) {
      return null;
    }
    in.addAll(more);
    LOG.debug(
        "Comparison recomputed for {} townships ({} for their allowances)", in.size(), more.size());
    compared = in;
    return in;
  }

  /**
   * The townships whose rows the tables built from several ledgers replace, or null to write them
   * whole: decided once the record histories are written, and only when every such table is there
   * to fold into.
   */
  private Set<String> townships() {
    if (!decided) {
      decided = true;
      boolean known =
          !increment.full()
              && !touched.isEmpty()
              && !touched.containsValue(null)
              && Tables.SPECS.entrySet().stream()
                  .filter(e -> e.getValue().write() == Tables.Write.TOWNSHIPS)
                  .allMatch(e -> Lake.exists(spark, Lake.table(paths, "silver", e.getKey())));
      if (known) {
        townships = new HashSet<>();
        touched.values().forEach(townships::addAll);
      }
      LOG.debug(
          "Township-local tables {}",
          known ? "folded for " + townships.size() + " townships" : "recomputed whole");
    }
    return townships;
  }

  /** Writes the rows within the scope that differ from the table's, and deletes the ones gone. */
  private long merge(
      String table, Dataset<Row> rows, Dataset<Row> scope, List<String> match, String location) {
    String ledger = ledgerOf(table);
    boolean history = ledger != null && table.endsWith("_history");
    if (ledger != null && !history && scope != null) {
      return upsert(byKeys(rows, scope, "left_semi"), ledger, match, location);
    }
    Dataset<Row> target = Lake.read(spark, location);
    Dataset<Row> now = (scope == null ? rows : byKeys(rows, scope, "left_semi")).persist();
    // Read twice (its townships, its changes): a scoped one is cached, being a few records.
    Dataset<Row> was =
        scope == null
            ? target
            : history ? rowsOf(table) : byKeys(target, scope, "left_semi").persist();
    if (history) {
      touched.put(
          ledger,
          scope == null
              ? null
              : codes(now.select(Cols.TOWNSHIP_CODE).union(was.select(Cols.TOWNSHIP_CODE))));
    }
    Dataset<Row> changes = changes(now, was, match).persist();
    long changed = changes.count();
    LOG.debug("{}: {} rows changed", location, changed);
    if (changed > 0) {
      mergeInto(location, changes, now.columns(), on(ledger, match));
    }
    changes.unpersist();
    was.unpersist();
    now.unpersist();
    return Lake.version(spark, location);
  }

  /**
   * The records the new deliveries' set-aside rows belong to and those whose keys the fold touched,
   * with the sites, streets and communities of every version of the touched records before and
   * after; null (place all) after a full conform or when no earlier placement is there to fold
   * into.
   */
  @Override
  public Placement.Changes placing(Map<String, Dataset<Row>> written, Dataset<Row> raw) {
    String location = Lake.table(paths, "silver", Placement.TABLE);
    if (increment.full() || !Lake.exists(spark, location)) {
      return null;
    }
    Dataset<Row> records =
        raw.filter(col(Cols.DELIVERY_ID).isin(increment.fresh().toArray()))
            .select(
                col(Placement.LEDGER),
                org.apache
                    .spark
                    .sql
                    .functions
                    .coalesce(col("key"), col("_row_id"))
                    .as(Readings.RECORD));
    Dataset<Row> values = null;
    for (Map.Entry<String, String> ledger : Silver.RECORD_KEYS.entrySet()) {
      String name = ledger.getKey();
      Dataset<Row> keys = scopes.get(name);
      records =
          records.unionByName(
              keys.select(
                  lit(name).as(Placement.LEDGER), col(ledger.getValue()).as(Readings.RECORD)));
      Dataset<Row> now = byKeys(written.get(name), keys, "left_semi");
      Dataset<Row> was = held(name + "_history");
      Column community =
          List.of(now.columns()).contains(Cols.COMMUNITY) ? col(Cols.COMMUNITY) : lit(null);
      Dataset<Row> named =
          Clues.values(now, col(Cols.ADDRESS_KEY), community)
              .unionByName(Clues.values(was, col(Cols.ADDRESS_KEY), community));
      values = values == null ? named : values.unionByName(named);
    }
    return new Placement.Changes(Lake.read(spark, location), records, values);
  }

  @Override
  public Dataset<Row> held(String history) {
    return increment.withoutFresh(rowsOf(history));
  }

  /**
   * A history's rows with the keys the new rows touch, as the table holds them before the fold
   * writes it (a conform stopped half-way may have folded some of the new rows already), cut from
   * the table once and cached: the records' earlier versions and the rows a MERGE compares with are
   * the same cut (city scale: two reads of rental_history's 8 million rows took 11 s of CPU).
   */
  private Dataset<Row> rowsOf(String history) {
    return held.computeIfAbsent(
        history,
        t ->
            byKeys(Lake.read(spark, Lake.table(paths, "silver", t)), scopes.get(t), "left_semi")
                .persist());
  }

  /**
   * Writes the current records of the keys a fold touched: every one of them has a current version
   * now (its new rows are versions), so none is deleted, and comparing them with the table's first
   * would read the table's rows in every touched township once more (city scale: 16 s of a 35 s
   * write of the rental records), only to leave out the few unchanged ones.
   */
  private long upsert(Dataset<Row> now, String ledger, List<String> match, String location) {
    mergeInto(location, now, now.columns(), on(ledger, match));
    return Lake.version(spark, location);
  }

  /**
   * MERGEs the source's columns into the table: matched rows updated, others inserted; a source
   * with {@code _drop} deletes the matched rows it marks and inserts none of them.
   */
  private void mergeInto(String location, Dataset<Row> source, String[] columns, String on) {
    Map<String, String> set = fromSource(columns);
    boolean drops = java.util.Arrays.asList(source.columns()).contains(DROP);
    Lake.withRunId(
        spark,
        runId,
        () -> {
          DeltaMergeBuilder merge =
              DeltaTable.forPath(spark, location).as("t").merge(source.as("s"), on);
          if (drops) {
            merge = merge.whenMatched("s." + DROP).delete();
          }
          merge = merge.whenMatched().updateExpr(set);
          (drops ? merge.whenNotMatched("NOT s." + DROP) : merge.whenNotMatched())
              .insertExpr(set)
              .execute();
        });
  }

  // A MERGE's assignments: every column from the source.
  private static Map<String, String> fromSource(String[] columns) {
    Map<String, String> set = new LinkedHashMap<>();
    for (String c : columns) {
      set.put("`" + c + "`", "s.`" + c + "`");
    }
    return set;
  }

  // A MERGE's condition: the match columns, within the townships of the ledger's touched records.
  private String on(String ledger, List<String> match) {
    return within(ledger == null ? null : touched.get(ledger))
        + match.stream()
            .map(c -> "t.`" + c + "` <=> s.`" + c + "`")
            .collect(Collectors.joining(" AND "));
  }

  /**
   * A MERGE's condition on the target's township, which lets Delta skip the files of the others;
   * every version of a record in scope lies in one of the townships, so no match is lost.
   */
  private static String within(Set<String> townships) {
    if (townships == null || townships.isEmpty() || !quotable(townships)) {
      return "";
    }
    return Within.sql("t", Cols.TOWNSHIP_CODE, townships) + " AND ";
  }

  private static boolean quotable(java.util.Collection<String> values) {
    return values.stream().noneMatch(v -> v == null || v.contains("'") || v.contains("\\"));
  }

  static String quoted(java.util.Collection<String> values) {
    return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", "));
  }

  /** The record ledger whose history or current records the table is, or null. */
  private static String ledgerOf(String table) {
    String ledger = table.replace("_history", "");
    return Silver.RECORD_KEYS.containsKey(ledger) ? ledger : null;
  }

  /** The distinct township codes, or null if one is missing (or cannot be quoted). */
  private static Set<String> codes(Dataset<Row> townships) {
    List<String> codes = townships.distinct().as(Encoders.STRING()).collectAsList();
    return quotable(codes) ? new HashSet<>(codes) : null;
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
    if (!quotable(values)) {
      return Lake.overwrite(rows, location, runId); // not safely quoted in a predicate
    }
    boolean townships = column.equals(Cols.TOWNSHIP_CODE);
    return Lake.replace(
        rows.filter(townships ? Within.column(column, values) : col(column).isin(values.toArray())),
        location,
        runId,
        townships ? Within.sql(null, column, values) : column + " IN (" + quoted(values) + ")");
  }
}
