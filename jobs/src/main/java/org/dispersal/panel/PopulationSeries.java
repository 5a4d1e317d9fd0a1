package org.dispersal.panel;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Resident population on the panel: the official year-end figures at December with their basis, a
 * monthly series interpolated between them (marked as such), and an administrative indicator from
 * the ledgers — hukou residents plus registered tenants scaled up by the estimated share of
 * non-local residents that registration captures.
 */
final class PopulationSeries {
  private PopulationSeries() {}

  /** The lowest and highest coverage the indicator accepts, so one odd year cannot explode it. */
  static final double MIN_COVERAGE = 0.02;

  static final double MAX_COVERAGE = 1.0;

  /**
   * Adds the population columns to a panel that already has registered tenants.
   *
   * @param official silver population: township_code, year, resident/hukou/nonlocal population,
   *     basis — one row per unit and year
   */
  static Dataset<Row> add(Dataset<Row> panel, Dataset<Row> official) {
    Dataset<Row> december =
        official.select(
            col("township_code").as(PanelColumns.TOWNSHIP_CODE),
            org.apache
                .spark
                .sql
                .functions
                .concat(col("year").cast("string"), lit("-12"))
                .as(PanelColumns.MONTH),
            col("resident_population").cast("double").as(PanelColumns.POPULATION_OFFICIAL),
            col("hukou_population").cast("double").as(PanelColumns.HUKOU_OFFICIAL),
            col("nonlocal_population").cast("double").as(PanelColumns.NONLOCAL_OFFICIAL),
            col("basis").as(PanelColumns.POPULATION_BASIS));
    Dataset<Row> withOfficial =
        panel.join(december, new String[] {PanelColumns.TOWNSHIP_CODE, PanelColumns.MONTH}, "left");
    // Coverage at each official year-end: registered tenants over non-local residents.
    Dataset<Row> withCoverage =
        withOfficial.withColumn(
            "_coverage_at",
            when(
                col(PanelColumns.NONLOCAL_OFFICIAL).gt(0),
                col(PanelColumns.REGISTERED_TENANTS).divide(col(PanelColumns.NONLOCAL_OFFICIAL))));
    Dataset<Row> interpolated =
        interpolate(
            withCoverage, PanelColumns.POPULATION_OFFICIAL, PanelColumns.POPULATION_MONTHLY, false);
    interpolated = interpolate(interpolated, PanelColumns.HUKOU_OFFICIAL, "_hukou_monthly", true);
    interpolated = interpolate(interpolated, "_coverage_at", PanelColumns.COVERAGE_ESTIMATE, true);
    Column coverage =
        least(lit(MAX_COVERAGE), greatest(lit(MIN_COVERAGE), col(PanelColumns.COVERAGE_ESTIMATE)));
    return interpolated
        .withColumn(
            PanelColumns.POPULATION_INTERPOLATED,
            col(PanelColumns.POPULATION_MONTHLY)
                .isNotNull()
                .and(col(PanelColumns.POPULATION_OFFICIAL).isNull()))
        .withColumn(
            PanelColumns.COVERAGE_ESTIMATE,
            when(col(PanelColumns.COVERAGE_ESTIMATE).isNotNull(), coverage))
        .withColumn(
            PanelColumns.POPULATION_ADMIN,
            col("_hukou_monthly")
                .plus(
                    col(PanelColumns.REGISTERED_TENANTS)
                        .divide(col(PanelColumns.COVERAGE_ESTIMATE))))
        .drop("_hukou_monthly", "_coverage_at");
  }

  /**
   * Linear interpolation between the known points of {@code source} along the months; with {@code
   * holdEnds} the first and last known values are carried outwards, otherwise months outside the
   * known range stay null (unknown).
   */
  static Dataset<Row> interpolate(Dataset<Row> in, String source, String target, boolean holdEnds) {
    WindowSpec before =
        Window.partitionBy(PanelColumns.TOWNSHIP_CODE)
            .orderBy(PanelColumns.MONTH_INDEX)
            .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    WindowSpec after =
        Window.partitionBy(PanelColumns.TOWNSHIP_CODE)
            .orderBy(PanelColumns.MONTH_INDEX)
            .rowsBetween(Window.currentRow(), Window.unboundedFollowing());
    Column knownIndex = when(col(source).isNotNull(), col(PanelColumns.MONTH_INDEX));
    Dataset<Row> marked =
        in.withColumn("_pv", last(col(source), true).over(before))
            .withColumn("_pi", last(knownIndex, true).over(before))
            .withColumn("_nv", first(col(source), true).over(after))
            .withColumn("_ni", first(knownIndex, true).over(after));
    Column between =
        col("_pv")
            .plus(
                col("_nv")
                    .minus(col("_pv"))
                    .multiply(col(PanelColumns.MONTH_INDEX).minus(col("_pi")))
                    .divide(col("_ni").minus(col("_pi"))));
    Column value =
        when(col(source).isNotNull(), col(source))
            .when(col("_pv").isNotNull().and(col("_nv").isNotNull()), between)
            .when(lit(holdEnds), org.apache.spark.sql.functions.coalesce(col("_pv"), col("_nv")));
    return marked.withColumn(target, value).drop("_pv", "_pi", "_nv", "_ni");
  }
}
