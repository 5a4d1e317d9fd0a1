package org.dispersal.conform;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The city–district comparison (市区比对): per task, metric, township and month, the figure derived
 * from the record ledgers next to what the township reported, flagged when they differ by more than
 * the tolerance.
 */
final class Comparison {
  static final String TASK = "task";
  static final String METRIC = "metric";
  static final String MONTH = "month";
  static final String UNIT = "unit";
  static final String COMPLETED = "completed";
  static final String DERIVED = "derived";
  static final String REPORTED = "reported";
  static final String DIFFERENCE = "difference";
  static final String FLAGGED = "flagged";

  /**
   * How one (task, metric) of the progress ledger is derived from a record ledger.
   *
   * @param derivation one of demolition.area, demolition.count, demolition.new_count,
   *     license.closed or license.rectified (with the rectification category), rental.cleared (with
   *     the deregistration reason)
   */
  record Derivation(String task, String metric, String unit, String derivation, String argument)
      implements Serializable {}

  private Comparison() {}

  /**
   * Monthly ledger-derived figures for every derivation, per township (and per {@code keys}, e.g.
   * the vintages a record version belongs to).
   */
  static Dataset<Row> derived(
      List<Derivation> derivations,
      Dataset<Row> demolitions,
      Dataset<Row> entities,
      Dataset<Row> rentals,
      String... keys) {
    Map<String, Dataset<Row>> ledgers =
        Map.of("demolition", demolitions, "license", entities, "rental", rentals);
    Dataset<Row> figures = null;
    for (String ledger : List.of("demolition", "license", "rental")) {
      Dataset<Row> part = figures(ledgers.get(ledger), ledger, derivations, keys);
      if (part != null) {
        figures = figures == null ? part : figures.unionByName(part);
      }
    }
    // One scan of each ledger and one aggregation for all derivations, not one per derivation
    // (ten today), in the comparison's plan and in the vintages', which derives per origin range.
    return figures
        .groupBy(keyed(keys, TASK, METRIC, UNIT))
        .agg(sum(col(VALUE)).as(DERIVED))
        .select(keyed(keys, DERIVED, TASK, METRIC, UNIT));
  }

  private static final String VALUE = "_value";

  // Each row of a ledger, once per derivation that counts it: task, metric, unit, month, value.
  private static Dataset<Row> figures(
      Dataset<Row> in, String ledger, List<Derivation> derivations, String... keys) {
    List<Column> contributions = new ArrayList<>();
    for (Derivation d : derivations) {
      if (d.derivation().startsWith(ledger + ".")) {
        contributions.add(contribution(d));
      }
    }
    if (contributions.isEmpty()) {
      return null;
    }
    List<Column> out = new ArrayList<>(List.of(col(Cols.TOWNSHIP_CODE)));
    for (String k : keys) {
      out.add(col(k));
    }
    out.add(explode(array(contributions.toArray(Column[]::new))).as("_f"));
    return in.select(out.toArray(Column[]::new))
        .filter(col("_f").isNotNull())
        .select("*", "_f.*")
        .drop("_f");
  }

  // What one row adds to a derivation's monthly figure, or null when the derivation skips it.
  private static Column contribution(Derivation d) {
    Column one = lit(1.0);
    Column[] c =
        switch (d.derivation()) {
          case "demolition.area" ->
              new Column[] {
                lit(true), col(Cols.DEMOLISHED_ON), col(Cols.DEMOLISHED_AREA).cast("double")
              };
          case "demolition.count" -> new Column[] {lit(true), col(Cols.DEMOLISHED_ON), one};
          case "demolition.new_count" ->
              new Column[] {col(Cols.NEWLY_BUILT).equalTo(true), col(Cols.DEMOLISHED_ON), one};
          case "license.closed" ->
              new Column[] {
                VacatingEvents.closedOrRelocated()
                    .and(col(Cols.RECTIFICATION_CATEGORY).equalTo(d.argument())),
                VacatingEvents.closedOn(),
                one
              };
          case "license.rectified" ->
              new Column[] {
                col(Cols.RECTIFICATION_CATEGORY)
                    .equalTo(d.argument())
                    .and(col(Cols.RECTIFICATION_ACTION).isNotNull()),
                col(Cols.RECTIFIED_ON),
                one
              };
          case "rental.cleared" ->
              new Column[] {
                col(Cols.DEREGISTRATION_REASON).equalTo(d.argument()),
                col(Cols.DEREGISTERED_ON),
                one
              };
          default -> throw new IllegalArgumentException("Unknown derivation " + d.derivation());
        };
    return when(
        c[0].and(c[1].isNotNull()),
        struct(
            lit(d.task()).as(TASK),
            lit(d.metric()).as(METRIC),
            lit(d.unit()).as(UNIT),
            date_format(c[1], "yyyy-MM").as(MONTH),
            c[2].as(VALUE)));
  }

  // Township, month, the extra keys, then the named columns.
  private static Column[] keyed(String[] keys, String... then) {
    List<Column> out = new ArrayList<>(List.of(col(Cols.TOWNSHIP_CODE), col(MONTH)));
    for (String k : keys) {
      out.add(col(k));
    }
    for (String c : then) {
      out.add(col(c));
    }
    return out.toArray(Column[]::new);
  }

  static final String ALLOWANCE = Missing.ALLOWANCE;
  static final String STATUS = "status";
  // Allowances are sums of areas, and the last bits of a sum depend on the order Spark adds its
  // rows in, which a fold changes: a millionth of a square metre (or of a record) is no move.
  private static final double MOVED = 1e-6;

  /**
   * The derivable metrics the townships report, each with the first month any township reports it
   * ({@code _from}): the comparison starts there. Taken from the whole progress table, so that a
   * comparison cut to some townships ({@link #compare}) starts where the whole one does.
   */
  static Dataset<Row> reporting(Dataset<Row> progress, List<Derivation> derivations) {
    Dataset<Row> derivable =
        progress
            .sparkSession()
            .createDataFrame(
                derivations.stream()
                    .map(d -> org.apache.spark.sql.RowFactory.create(d.task(), d.metric()))
                    .distinct()
                    .toList(),
                new org.apache.spark.sql.types.StructType()
                    .add(TASK, org.apache.spark.sql.types.DataTypes.StringType)
                    .add(METRIC, org.apache.spark.sql.types.DataTypes.StringType));
    return progress
        .groupBy(TASK, METRIC)
        .agg(org.apache.spark.sql.functions.min(MONTH).as("_from"))
        .join(derivable, new String[] {TASK, METRIC}, "left_semi");
  }

  /**
   * Joins derived and reported figures for the metrics townships report ({@link #reporting}), from
   * the first month they report. A row is flagged when the report exceeds the ledgers by more than
   * the tolerance (max(absolute, relative × derived)) plus what records missing from the ledgers'
   * usable rows could explain, or falls short of them by more than the tolerance. A month without a
   * report is listed as such, not flagged. A township's rows depend on its own derived figures,
   * reports and allowances alone, so a fold can recompute only some townships.
   */
  static Dataset<Row> compare(
      Dataset<Row> derived,
      Dataset<Row> progress,
      Dataset<Row> reporting,
      Dataset<Row> allowances,
      double relative,
      double absolute) {
    Dataset<Row> reported =
        progress.select(
            col(TASK).as("p_task"),
            col(METRIC).as("p_metric"),
            col(Cols.TOWNSHIP_CODE).as("p_township"),
            col(MONTH).as("p_month"),
            col(COMPLETED).cast("double").as(REPORTED));
    Dataset<Row> comparableDerived =
        derived
            .join(reporting, new String[] {TASK, METRIC})
            .filter(col(MONTH).geq(col("_from")))
            .drop("_from");
    Dataset<Row> comparableReports =
        reported.join(
            reporting,
            col("p_task").equalTo(col(TASK)).and(col("p_metric").equalTo(col(METRIC))),
            "left_semi");
    Column diff = col(REPORTED).minus(coalesce(col(DERIVED), lit(0.0)));
    Column tolerance =
        greatest(lit(absolute), abs(coalesce(col(DERIVED), lit(0.0))).multiply(relative));
    Column allowance = coalesce(col("a_allowance"), lit(0.0));
    Column status =
        when(col(REPORTED).isNull(), lit("missing_report"))
            .when(diff.gt(tolerance.plus(allowance)), lit("over"))
            .when(diff.lt(tolerance.multiply(-1)), lit("under"))
            .when(diff.gt(tolerance), lit("explained"))
            .otherwise(lit("ok"));
    Dataset<Row> a = renamed(allowances);
    return comparableDerived
        .join(
            comparableReports,
            col(TASK)
                .equalTo(col("p_task"))
                .and(col(METRIC).equalTo(col("p_metric")))
                .and(col(Cols.TOWNSHIP_CODE).equalTo(col("p_township")))
                .and(col(MONTH).equalTo(col("p_month"))),
            "full_outer")
        .select(
            coalesce(col(TASK), col("p_task")).as(TASK),
            coalesce(col(METRIC), col("p_metric")).as(METRIC),
            coalesce(col(Cols.TOWNSHIP_CODE), col("p_township")).as(Cols.TOWNSHIP_CODE),
            coalesce(col(MONTH), col("p_month")).as(MONTH),
            col(DERIVED),
            col(REPORTED))
        .join(a, onAllowance(), "left")
        .select(
            col(TASK),
            col(METRIC),
            col(Cols.TOWNSHIP_CODE),
            col(MONTH),
            col(DERIVED),
            col(REPORTED),
            diff.as(DIFFERENCE),
            allowance.as(ALLOWANCE),
            status.as(STATUS),
            status.isin("over", "under").as(FLAGGED));
  }

  /**
   * The townships but the given ones whose rows of the comparison carry an allowance more than a
   * millionth away from the one the allowances now give (none: zero). Their other inputs unchanged,
   * only those rows can differ from a comparison worked out again.
   */
  static Dataset<Row> allowanceMoved(
      Dataset<Row> comparison, Dataset<Row> allowances, java.util.Set<String> townships) {
    return comparison
        .filter(col(Cols.TOWNSHIP_CODE).isin(townships.toArray()).unary_$bang())
        .join(renamed(allowances), onAllowance(), "left")
        .filter(
            abs(coalesce(col(ALLOWANCE), lit(0.0)).minus(coalesce(col("a_allowance"), lit(0.0))))
                .gt(MOVED))
        .select(Cols.TOWNSHIP_CODE)
        .distinct();
  }

  // The allowances with their columns prefixed, to join them to the rows they belong to.
  private static Dataset<Row> renamed(Dataset<Row> allowances) {
    return allowances.select(
        col(TASK).as("a_task"),
        col(METRIC).as("a_metric"),
        col(Cols.TOWNSHIP_CODE).as("a_township"),
        col(Missing.MONTH).as("a_month"),
        col(ALLOWANCE).as("a_allowance"));
  }

  private static Column onAllowance() {
    return col(TASK)
        .equalTo(col("a_task"))
        .and(col(METRIC).equalTo(col("a_metric")))
        .and(col(Cols.TOWNSHIP_CODE).equalTo(col("a_township")))
        .and(col(MONTH).equalTo(col("a_month")));
  }
}
