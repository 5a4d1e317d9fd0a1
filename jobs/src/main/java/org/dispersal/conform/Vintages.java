package org.dispersal.conform;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * What the record ledgers and the progress reports said at given moments about every earlier month,
 * as revisions of today's figures: a backtest origin then forecasts from the history as it was
 * known at the time, not from corrections that arrived later.
 */
public final class Vintages {
  /** The index of the moment in the list given: which vintage a row belongs to. */
  public static final String VINTAGE = "vintage";

  /** {@code ledger} (derived from the record ledgers) or {@code reported} (progress reports). */
  public static final String SOURCE = "source";

  /** The figure known at the vintage minus today's figure. */
  public static final String REVISION = "revision";

  public static final String LEDGER = "ledger";
  public static final String REPORTED = "reported";

  private static final String FROM = "_vintage_from";
  private static final String TO = "_vintage_to";

  private Vintages() {}

  /**
   * The revisions per vintage, task, metric, township and month up to the vintage's last month;
   * those within 10⁻⁹ of zero are rounding and left out.
   *
   * @param histories rental, license and demolition histories with {@code known_at}
   * @param progressHistory every delivered progress row with {@code known_at}
   * @param moments when each vintage was taken, ascending
   * @param lastMonths the last month (yyyy-MM) each vintage covers
   */
  public static Dataset<Row> revisions(
      Dataset<Row> rentalHistory,
      Dataset<Row> licenseHistory,
      Dataset<Row> demolitionHistory,
      Dataset<Row> progressHistory,
      List<Timestamp> moments,
      List<String> lastMonths) {
    Dataset<Row> derived =
        Comparison.derived(
                Reference.derivations(),
                known(demolitionHistory, Silver.RECORD_KEYS.get("demolition"), moments),
                known(licenseHistory, Silver.RECORD_KEYS.get("license"), moments),
                known(rentalHistory, Silver.RECORD_KEYS.get("rental"), moments),
                FROM,
                TO)
            .withColumnRenamed(Comparison.DERIVED, "_value")
            .withColumn(SOURCE, lit(LEDGER));
    Dataset<Row> reported =
        reportsKnown(progressHistory, moments)
            .groupBy(
                col(Cols.TOWNSHIP_CODE),
                col(Comparison.MONTH),
                col(FROM),
                col(TO),
                col(Comparison.TASK),
                col(Comparison.METRIC))
            .agg(sum(col(Comparison.COMPLETED).cast("double")).as("_value"))
            .withColumn(SOURCE, lit(REPORTED));
    return signed(derived.drop(Comparison.UNIT).unionByName(reported), moments.size())
        .transform(d -> byVintage(d, lastMonths))
        .filter(abs(col(REVISION)).gt(lit(1e-9)))
        .select(
            col(VINTAGE),
            col(SOURCE),
            col(Comparison.TASK),
            col(Comparison.METRIC),
            col(Cols.TOWNSHIP_CODE),
            col(Comparison.MONTH),
            col(REVISION));
  }

  /**
   * What each version adds to the revisions, and in which vintages. A version known today is in
   * today's figure and in every vintage it was known in, where the two cancel: it revises only the
   * vintages before it became known, by minus its value. A version replaced by today revises the
   * vintages it was known in, by its value. So the common case, a version known before the first
   * moment and still current, revises nothing, and the figures are derived once, not once for the
   * vintages and again for today.
   */
  private static Dataset<Row> signed(Dataset<Row> ranged, int now) {
    Column current = col(TO).gt(lit(now));
    Column first = when(current, lit(0)).otherwise(col(FROM));
    Column last = when(current, col(FROM)).otherwise(col(TO)).minus(1);
    return ranged
        .filter(first.leq(last))
        .withColumn(VINTAGE, explode(sequence(first, last)))
        .withColumn("_value", when(current, col("_value").multiply(-1)).otherwise(col("_value")))
        .drop(FROM, TO);
  }

  /**
   * Each version of a record with the vintages it was the known state in: from the first moment at
   * or after it became known, until a later version was known; index {@code moments.size()} stands
   * for today.
   */
  static Dataset<Row> known(Dataset<Row> history, String key, List<Timestamp> moments) {
    if (java.util.Arrays.asList(history.columns()).contains(History.KNOWN_UNTIL)) {
      // Conform keeps it with each version: a city's rental history is not shuffled by key again.
      return withRange(history.withColumn("_shadowed", col(History.KNOWN_UNTIL)), moments);
    }
    WindowSpec later =
        Window.partitionBy(col(key))
            .orderBy(col(Cols.UPDATED_AT).asc())
            .rowsBetween(1, Window.unboundedFollowing());
    // Adaptive execution would coalesce each history's shuffle into one task (few bytes per row,
    // but a window's and a derivation's work), so the rental history ran alone on one core: the
    // configured number of partitions is kept.
    int partitions =
        Integer.parseInt(history.sparkSession().conf().get("spark.sql.shuffle.partitions"));
    return withRange(
        history
            .repartition(partitions, col(key))
            .withColumn("_shadowed", min(col(Silver.KNOWN_AT)).over(later)),
        moments);
  }

  /** Each delivered progress row with the vintages in which it was the latest delivered one. */
  static Dataset<Row> reportsKnown(Dataset<Row> progressHistory, List<Timestamp> moments) {
    WindowSpec newer =
        Window.partitionBy(
                col(Comparison.TASK),
                col(Comparison.METRIC),
                col(Cols.TOWNSHIP_CODE),
                col(Comparison.MONTH))
            .orderBy(History.latestFirst())
            .rowsBetween(Window.unboundedPreceding(), -1);
    return withRange(
        progressHistory.withColumn("_shadowed", min(col(Silver.KNOWN_AT)).over(newer)), moments);
  }

  private static Dataset<Row> withRange(Dataset<Row> rows, List<Timestamp> moments) {
    Column from = lit(0);
    Column to = lit(0);
    for (Timestamp m : moments) {
      from = from.plus(when(lit(m).lt(col(Silver.KNOWN_AT)), 1).otherwise(0));
      to = to.plus(when(lit(m).lt(col("_shadowed")), 1).otherwise(0));
    }
    return rows.withColumn(FROM, from)
        .withColumn(TO, when(col("_shadowed").isNull(), lit(moments.size() + 1)).otherwise(to))
        .drop("_shadowed")
        .filter(col(FROM).lt(col(TO)));
  }

  /** The signed values summed per vintage, cell and month, up to each vintage's last month. */
  private static Dataset<Row> byVintage(Dataset<Row> signed, List<String> lastMonths) {
    Column last = lit(null).cast("string");
    for (int i = lastMonths.size() - 1; i >= 0; i--) {
      last = when(col(VINTAGE).equalTo(i), lit(lastMonths.get(i))).otherwise(last);
    }
    return signed
        .filter(col(Comparison.MONTH).leq(last))
        .groupBy(
            VINTAGE,
            SOURCE,
            Comparison.TASK,
            Comparison.METRIC,
            Cols.TOWNSHIP_CODE,
            Comparison.MONTH)
        .agg(sum(col("_value")).as(REVISION));
  }
}
