package org.dispersal.conform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

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
   * The non-zero revisions per vintage, task, metric, township and month up to the vintage's last
   * month.
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
    Dataset<Row> all =
        derived
            .drop(Comparison.UNIT)
            .unionByName(reported)
            .transform(d -> byVintage(d, lastMonths));
    int now = moments.size();
    Dataset<Row> today = all.filter(col(VINTAGE).equalTo(now)).drop(VINTAGE);
    Dataset<Row> vintages = all.filter(col(VINTAGE).lt(now));
    Dataset<Row> todayPerVintage =
        today
            .withColumnRenamed("_value", "_today")
            .crossJoin(lastMonthsTable(today, lastMonths))
            .filter(col(Comparison.MONTH).leq(col("_last")))
            .drop("_last");
    String[] on = {
      VINTAGE, SOURCE, Comparison.TASK, Comparison.METRIC, Cols.TOWNSHIP_CODE, Comparison.MONTH
    };
    return vintages
        .join(todayPerVintage, on, "full_outer")
        .withColumn(
            REVISION, coalesce(col("_value"), lit(0.0)).minus(coalesce(col("_today"), lit(0.0))))
        .filter(col(REVISION).notEqual(0.0))
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
   * Each version of a record with the vintages it was the known state in: from the first moment at
   * or after it became known, until a later version was known; index {@code moments.size()} stands
   * for today.
   */
  static Dataset<Row> known(Dataset<Row> history, String key, List<Timestamp> moments) {
    WindowSpec later =
        Window.partitionBy(col(key))
            .orderBy(col(Cols.UPDATED_AT).asc())
            .rowsBetween(1, Window.unboundedFollowing());
    return withRange(
        history.withColumn("_shadowed", min(col(Silver.KNOWN_AT)).over(later)), moments);
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

  private static Dataset<Row> byVintage(Dataset<Row> ranged, List<String> lastMonths) {
    Dataset<Row> exploded =
        ranged.withColumn(VINTAGE, explode(sequence(col(FROM), col(TO).minus(1))));
    Column last = lit(null).cast("string");
    for (int i = lastMonths.size() - 1; i >= 0; i--) {
      last = when(col(VINTAGE).equalTo(i), lit(lastMonths.get(i))).otherwise(last);
    }
    return exploded
        .filter(last.isNull().or(col(Comparison.MONTH).leq(last)))
        .groupBy(
            VINTAGE,
            SOURCE,
            Comparison.TASK,
            Comparison.METRIC,
            Cols.TOWNSHIP_CODE,
            Comparison.MONTH)
        .agg(sum(col("_value")).as("_value"));
  }

  private static Dataset<Row> lastMonthsTable(Dataset<Row> like, List<String> lastMonths) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < lastMonths.size(); i++) {
      rows.add(RowFactory.create(i, lastMonths.get(i)));
    }
    StructType schema =
        new StructType()
            .add(VINTAGE, DataTypes.IntegerType, false)
            .add("_last", DataTypes.StringType, false);
    return like.sparkSession().createDataFrame(rows, schema);
  }
}
