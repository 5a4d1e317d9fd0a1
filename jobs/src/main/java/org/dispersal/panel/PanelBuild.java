package org.dispersal.panel;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/** Assembles the gold township × month table from silver inputs, without IO. */
final class PanelBuild {
  static final List<String> CATEGORIES =
      List.of("散乱污", "一般制造业", "区域性专业市场", "无证无照", "开墙打洞", "占道经营", "无");

  /** The category of entities with none (no rectification category). */
  static final String NO_CATEGORY = "无";

  private PanelBuild() {}

  /** The date a market entity stopped operating, or null while it operates. */
  static Column entityEnd() {
    Column closedStatus = col("status").isin("吊销", "注销", "迁出");
    Column closedAction = col("rectification_action").isin("关停取缔", "疏解迁出");
    return when(closedStatus, coalesce(col("status_changed_on"), col("rectified_on")))
        .when(closedAction, coalesce(col("rectified_on"), col("status_changed_on")));
  }

  /**
   * @param spine the district's townships × months (no district row yet)
   */
  static Dataset<Row> townshipMonth(
      Dataset<Row> spine,
      Dataset<Row> events,
      Dataset<Row> rental,
      Dataset<Row> license,
      Dataset<Row> demolition,
      Dataset<Row> population,
      String districtCode,
      String firstMonth) {
    List<String> vacatedCols = new ArrayList<>();
    for (String kind : PanelColumns.KINDS) {
      vacatedCols.add(PanelColumns.area(kind));
      vacatedCols.add(PanelColumns.count(kind));
    }
    vacatedCols.add(PanelColumns.LINKED_TENANTS);
    vacatedCols.add(PanelColumns.LINKED_EMPLOYEES);
    Dataset<Row> panel = TownshipMonth.withZeros(spine, TownshipMonth.vacated(events), vacatedCols);
    panel =
        TownshipMonth.withZeros(
            panel,
            TownshipMonth.newIllegal(demolition),
            List.of(PanelColumns.NEW_ILLEGAL_STRUCTURES));
    Dataset<Row> registrations =
        TownshipMonth.cumulate(
                spine,
                TownshipMonth.stock(
                    rental,
                    List.of(),
                    col("registered_on"),
                    col("deregistered_on"),
                    coalesce(col("tenant_count"), lit(0L)),
                    PanelColumns.ACTIVE_REGISTRATIONS,
                    PanelColumns.REGISTERED_TENANTS,
                    firstMonth),
                List.of(),
                PanelColumns.ACTIVE_REGISTRATIONS,
                PanelColumns.REGISTERED_TENANTS)
            .select(
                PanelColumns.TOWNSHIP_CODE,
                PanelColumns.MONTH,
                PanelColumns.ACTIVE_REGISTRATIONS,
                PanelColumns.REGISTERED_TENANTS);
    Dataset<Row> entities =
        entityStocks(spine, license, List.of(), firstMonth)
            .select(
                PanelColumns.TOWNSHIP_CODE,
                PanelColumns.MONTH,
                PanelColumns.ACTIVE_ENTITIES,
                PanelColumns.ACTIVE_EMPLOYEES);
    String[] key = {PanelColumns.TOWNSHIP_CODE, PanelColumns.MONTH};
    panel = panel.join(registrations, key).join(entities, key);
    Dataset<Row> withDistrict = panel.unionByName(districtRows(panel, districtCode));
    return PopulationSeries.add(withDistrict, officialWithDistrict(population, districtCode))
        .withColumn(
            PanelColumns.IS_DISTRICT, col(PanelColumns.TOWNSHIP_CODE).equalTo(districtCode));
  }

  /** The district row of each month: the sum of its townships for every additive column. */
  static Dataset<Row> districtRows(Dataset<Row> panel, String districtCode) {
    List<Column> sums = new ArrayList<>();
    for (String c : TownshipMonth.additiveColumns()) {
      sums.add(sum(col(c)).as(c));
    }
    return panel
        .groupBy(PanelColumns.MONTH, PanelColumns.MONTH_INDEX, PanelColumns.MONTH_END)
        .agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new))
        .withColumn(PanelColumns.TOWNSHIP_CODE, lit(districtCode));
  }

  /** Official figures with a district row per year: as delivered, else the townships' sum. */
  static Dataset<Row> officialWithDistrict(Dataset<Row> population, String districtCode) {
    Dataset<Row> townships = population.filter(col("township_code").notEqual(districtCode));
    Dataset<Row> delivered = population.filter(col("township_code").equalTo(districtCode));
    Dataset<Row> summed =
        townships
            .groupBy("year")
            .agg(
                sum("resident_population").as("resident_population"),
                sum("hukou_population").as("hukou_population"),
                sum("nonlocal_population").as("nonlocal_population"),
                org.apache.spark.sql.functions.first("basis").as("basis"))
            .withColumn("township_code", lit(districtCode))
            .join(delivered.select("year"), new String[] {"year"}, "left_anti");
    String[] cols = {
      "township_code",
      "year",
      "resident_population",
      "hukou_population",
      "nonlocal_population",
      "basis"
    };
    return townships
        .selectExpr(cols)
        .unionByName(delivered.selectExpr(cols))
        .unionByName(summed.selectExpr(cols));
  }

  /** Active entities and employees per rectification category (long form). */
  static Dataset<Row> entitiesByCategory(
      Dataset<Row> spine, Dataset<Row> license, String firstMonth) {
    // One pass over the licences for all categories, not one per category: at 1/4 of the city a
    // fold's rewrite of this table scanned silver/license seven times (11 s of the panel's 50 s).
    List<String> named = CATEGORIES.stream().filter(c -> !c.equals(NO_CATEGORY)).toList();
    Column category =
        when(col("rectification_category").isNull(), lit(NO_CATEGORY))
            .when(
                col("rectification_category").isin(named.toArray()), col("rectification_category"));
    Dataset<Row> categories =
        spine
            .sparkSession()
            .createDataset(CATEGORIES, Encoders.STRING())
            .toDF(PanelColumns.CATEGORY);
    List<String> by = List.of(PanelColumns.CATEGORY);
    Dataset<Row> stocks =
        entityStocks(
            spine.crossJoin(categories),
            license
                .withColumn(PanelColumns.CATEGORY, category)
                .filter(col(PanelColumns.CATEGORY).isNotNull()),
            by,
            firstMonth);
    List<String> order = new ArrayList<>(List.of(spine.columns()));
    order.addAll(
        List.of(
            PanelColumns.ACTIVE_ENTITIES, PanelColumns.ACTIVE_EMPLOYEES, PanelColumns.CATEGORY));
    return stocks.select(order.stream().map(c -> col(c)).toArray(Column[]::new));
  }

  /** Active entities and their employees at each month end, per township and the columns by. */
  private static Dataset<Row> entityStocks(
      Dataset<Row> spine, Dataset<Row> license, List<String> by, String firstMonth) {
    return TownshipMonth.cumulate(
        spine,
        TownshipMonth.stock(
            license,
            by,
            col("established_on"),
            entityEnd(),
            coalesce(col("employees"), lit(0L)),
            PanelColumns.ACTIVE_ENTITIES,
            PanelColumns.ACTIVE_EMPLOYEES,
            firstMonth),
        by,
        PanelColumns.ACTIVE_ENTITIES,
        PanelColumns.ACTIVE_EMPLOYEES);
  }
}
