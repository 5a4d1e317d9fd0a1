package org.dispersal.estimate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The township × year panel the estimators fit: the change in official year-end population and the
 * space vacated that year and the year before, by kind, in units of 10,000 m² — and, for the
 * district-level model, the same doses of the district's other townships.
 */
final class YearlyPanel {
  static final String TOWNSHIP = "township_code";
  static final String YEAR = "year";
  static final String POPULATION = "population";
  static final String CHANGE = "population_change";
  static final String REGISTERED = "registered_tenants";
  static final String REGISTERED_CHANGE = "registered_change";
  static final String LINKED = "linked_persons";

  private YearlyPanel() {}

  /** The doses per kind of vacated space: current-year and previous-year, own and others'. */
  static String dose(String kind) {
    return "v_" + kind;
  }

  /** V(t) − V(t−1): with V(t−1) beside it, its coefficient is the same-year effect. */
  static String change(String kind) {
    return "d_" + kind;
  }

  /** V(t−1): its coefficient is the total effect β0 + β1 of one unit vacated. */
  static String lagged(String kind) {
    return "l_" + kind;
  }

  /**
   * Vacated through the previous year: in a model of levels, its coefficient is the total effect.
   */
  static String cumulative(String kind) {
    return "c_" + kind;
  }

  static final String TREND = "trend_years";
  static final String WEIGHT = "weight";

  static String lead(String kind) {
    return "f_" + kind;
  }

  static String others(String column) {
    return "o" + column;
  }

  /**
   * @param townshipMonth gold township_month rows of the townships (district rows excluded)
   */
  static Dataset<Row> build(Dataset<Row> townshipMonth) {
    List<Column> aggs = new ArrayList<>();
    for (EstimateKind kind : EstimateKind.values()) {
      Column area = lit(0.0);
      for (String source : kind.panelKinds()) {
        area = area.plus(col("vacated_area_" + source + "_m2"));
      }
      aggs.add(sum(area).divide(10_000.0).as(dose(kind.id())));
    }
    aggs.add(
        max(when(col("month").endsWith("-12"), col("resident_population_official")))
            .as(POPULATION));
    aggs.add(max(when(col("month").endsWith("-12"), col("registered_tenants"))).as(REGISTERED));
    aggs.add(sum(col("linked_tenants").plus(col("linked_employees"))).as(LINKED));
    aggs.add(count(lit(1)).as("_months"));
    Dataset<Row> yearly =
        townshipMonth
            .withColumn(YEAR, substring(col("month"), 1, 4).cast("int"))
            .groupBy(TOWNSHIP, YEAR)
            .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new))
            // Only whole years: a year's population and doses are complete at its December.
            .filter(col("_months").equalTo(12))
            .drop("_months");
    WindowSpec w = Window.partitionBy(TOWNSHIP).orderBy(YEAR);
    WindowSpec before =
        Window.partitionBy(TOWNSHIP).orderBy(YEAR).rowsBetween(Window.unboundedPreceding(), -1);
    WindowSpec all = Window.partitionBy(TOWNSHIP);
    Dataset<Row> out =
        yearly
            .withColumn(CHANGE, col(POPULATION).minus(lag(col(POPULATION), 1).over(w)))
            .withColumn(REGISTERED_CHANGE, col(REGISTERED).minus(lag(col(REGISTERED), 1).over(w)));
    for (EstimateKind kind : EstimateKind.values()) {
      String v = dose(kind.id());
      out =
          out.withColumn(lagged(kind.id()), lag(col(v), 1).over(w))
              .withColumn(change(kind.id()), col(v).minus(col(lagged(kind.id()))))
              .withColumn(lead(kind.id()), org.apache.spark.sql.functions.lead(col(v), 1).over(w))
              .withColumn(
                  cumulative(kind.id()),
                  org.apache.spark.sql.functions.coalesce(sum(col(v)).over(before), lit(0.0)));
    }
    // Survey error is proportional to a township's size: weight rows by 1 / mean population².
    Column meanPopulation = org.apache.spark.sql.functions.avg(col(POPULATION)).over(all);
    out =
        out.withColumn(TREND, col(YEAR).minus(2016).cast("double"))
            .withColumn(WEIGHT, lit(1.0).divide(meanPopulation.multiply(meanPopulation)));
    return withOthers(out);
  }

  /** Adds, per dose column, the mean dose of the district's other townships in the same year. */
  static Dataset<Row> withOthers(Dataset<Row> panel) {
    WindowSpec year = Window.partitionBy(YEAR);
    Dataset<Row> out = panel.withColumn("_n", count(lit(1)).over(year));
    for (EstimateKind kind : EstimateKind.values()) {
      for (String c :
          List.of(change(kind.id()), lagged(kind.id()), dose(kind.id()), cumulative(kind.id()))) {
        out =
            out.withColumn(
                others(c),
                when(
                    col("_n").gt(1),
                    sum(col(c)).over(year).minus(col(c)).divide(col("_n").minus(1))));
      }
    }
    return out.drop("_n");
  }
}
