package org.dispersal.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Every silver table, built without IO in layers: each layer reads the tables of the layers before
 * it as the stage wrote them, so no plan carries its inputs' whole lineage (a comparison planned
 * from bronze up had 17,000 plan nodes and took minutes to optimise on a two-month lake).
 */
final class Silver {
  /** One layer: its tables from the tables written before it. */
  interface Layer {
    Map<String, Dataset<Row>> build(Map<String, Dataset<Row>> written);
  }

  private Silver() {}

  static List<Layer> layers(
      Resolved resolved,
      ConformConfig config,
      List<Comparison.Derivation> derivations,
      Date asOf,
      Map<String, Dataset<Row>> bronze) {
    return List.of(
        written -> ledgers(resolved),
        written -> Map.of("links", links(written, config)),
        written -> events(written),
        written -> checks(written, resolved, config, derivations, asOf, bronze));
  }

  /** The ledgers' histories and current records, and the rows conform set aside. */
  static Map<String, Dataset<Row>> ledgers(Resolved resolved) {
    Map<String, Dataset<Row>> t = new LinkedHashMap<>();
    Map<String, Dataset<Row>> in = resolved.ledgers();
    Dataset<Row> rentalHistory =
        History.versions(in.get("rental"), Cols.REGISTRATION_ID, Cols.UPDATED_AT).persist();
    Dataset<Row> licenseHistory =
        History.versions(in.get("license"), Cols.CREDIT_CODE, Cols.UPDATED_AT).persist();
    Dataset<Row> demolitionHistory =
        History.versions(in.get("demolition"), Cols.RECORD_ID, Cols.UPDATED_AT).persist();
    t.put("rental_history", rentalHistory);
    t.put("rental", current(rentalHistory));
    t.put("license_history", licenseHistory);
    t.put("license", current(licenseHistory));
    t.put("demolition_history", demolitionHistory);
    t.put("demolition", current(demolitionHistory));
    t.put("population", History.latestDelivery(in.get("population"), Cols.TOWNSHIP_CODE, "year"));
    t.put(
        "targets",
        History.latestDelivery(
            in.get("targets"), "task", "metric", Cols.TOWNSHIP_CODE, "year", "cumulative"));
    t.put(
        "progress",
        History.latestDelivery(
            in.get("progress").withColumn("month", date_format(col("month"), "yyyy-MM")),
            "task",
            "metric",
            Cols.TOWNSHIP_CODE,
            "month"));
    t.put("quarantine", resolved.quarantine());
    return t;
  }

  static Dataset<Row> links(Map<String, Dataset<Row>> w, ConformConfig config) {
    return Linkage.rentalLinks(
            w.get("demolition"), w.get("rental"), config.linkDaysBefore(), config.linkDaysAfter())
        .unionByName(
            Linkage.entityLinks(
                w.get("demolition"),
                w.get("license"),
                config.linkDaysBefore(),
                config.linkDaysAfter()));
  }

  static Map<String, Dataset<Row>> events(Map<String, Dataset<Row>> w) {
    Map<String, Dataset<Row>> t = new LinkedHashMap<>();
    t.put("linkage_rate", linkageRate(w.get("demolition"), w.get("rental"), w.get("links")));
    t.put(
        "vacating_events",
        VacatingEvents.all(
            VacatingEvents.demolitions(w.get("demolition"), w.get("links")),
            w.get("license"),
            w.get("rental"),
            w.get("links")));
    return t;
  }

  /** What the tables say about the data: rebound, the townships' reports, quality. */
  static Map<String, Dataset<Row>> checks(
      Map<String, Dataset<Row>> w,
      Resolved resolved,
      ConformConfig config,
      List<Comparison.Derivation> derivations,
      Date asOf,
      Map<String, Dataset<Row>> bronze) {
    Map<String, Dataset<Row>> t = new LinkedHashMap<>();
    Dataset<Row> demolition = w.get("demolition");
    Dataset<Row> license = w.get("license");
    Dataset<Row> rental = w.get("rental");
    t.put("rebound_watch", Rebound.watch(w.get("vacating_events"), rental, license, demolition));
    // Cached because every derivation's allowance reads it (the stage clears the cache).
    Dataset<Row> missing =
        Missing.place(
                Missing.fromIngest(bronze.get("quarantine"))
                    .unionByName(Missing.fromConform(bronze, w.get("quarantine"))),
                Map.of("demolition", demolition, "license", license, "rental", rental),
                resolved,
                asOf)
            .persist();
    t.put(
        "city_district_comparison",
        Comparison.compare(
            Comparison.derived(derivations, demolition, license, rental),
            w.get("progress"),
            Missing.allowances(derivations, missing, demolition),
            config.comparisonRelative(),
            config.comparisonAbsolute()));
    t.put("quality_deliveries", qualityDeliveries(bronze));
    t.put("quality_freshness", freshness(bronze, asOf, config));
    return t;
  }

  private static Dataset<Row> current(Dataset<Row> history) {
    return history.filter(col(History.IS_CURRENT)).drop(History.VALID_TO, History.IS_CURRENT);
  }

  /** Per township: how many residential demolitions and 拆除 deregistrations found a partner. */
  static Dataset<Row> linkageRate(
      Dataset<Row> demolition, Dataset<Row> rental, Dataset<Row> links) {
    Dataset<Row> linkedRecords =
        links
            .filter(col(Linkage.TARGET_LEDGER).equalTo("rental"))
            .select(col(Cols.RECORD_ID).as("l_record"))
            .distinct();
    Dataset<Row> linkedRentals =
        links
            .filter(col(Linkage.TARGET_LEDGER).equalTo("rental"))
            .select(col(Linkage.TARGET_KEY).as("l_reg"))
            .distinct();
    Dataset<Row> d =
        demolition
            .filter(VacatingEvents.demolitionKind().equalTo(VacatingEvents.RESIDENTIAL))
            .join(linkedRecords, col(Cols.RECORD_ID).equalTo(col("l_record")), "left")
            .groupBy(Cols.TOWNSHIP_CODE)
            .agg(
                count(lit(1)).as("residential_demolitions"),
                count(col("l_record")).as("residential_demolitions_linked"));
    Dataset<Row> r =
        rental
            .filter(col(Cols.DEREGISTRATION_REASON).equalTo(Cols.REASON_DEMOLITION))
            .join(linkedRentals, col(Cols.REGISTRATION_ID).equalTo(col("l_reg")), "left")
            .groupBy(col(Cols.TOWNSHIP_CODE).as("r_township"))
            .agg(
                count(lit(1)).as("deregistered_for_demolition"),
                count(col("l_reg")).as("deregistered_for_demolition_linked"));
    Column rate =
        col("deregistered_for_demolition_linked")
            .cast("double")
            .divide(col("deregistered_for_demolition"));
    return d.join(r, col(Cols.TOWNSHIP_CODE).equalTo(col("r_township")), "full_outer")
        .select(
            org.apache
                .spark
                .sql
                .functions
                .coalesce(col(Cols.TOWNSHIP_CODE), col("r_township"))
                .as(Cols.TOWNSHIP_CODE),
            col("residential_demolitions"),
            col("residential_demolitions_linked"),
            col("residential_demolitions_linked")
                .cast("double")
                .divide(col("residential_demolitions"))
                .as("demolition_link_rate"),
            col("deregistered_for_demolition"),
            col("deregistered_for_demolition_linked"),
            rate.as("registration_link_rate"));
  }

  private static Dataset<Row> qualityDeliveries(Map<String, Dataset<Row>> bronze) {
    Dataset<Row> deliveries = bronze.get("deliveries");
    Dataset<Row> out = null;
    for (String ledger : ConformStage.LEDGERS) {
      Dataset<Row> part =
          Scorecard.deliveries(
              deliveries,
              bronze.get(ledger),
              ledger,
              versionKey(ledger),
              completenessColumns(ledger));
      out = out == null ? part : out.unionByName(part);
    }
    return out;
  }

  private static Dataset<Row> freshness(
      Map<String, Dataset<Row>> bronze, Date asOf, ConformConfig c) {
    Dataset<Row> out = null;
    for (String ledger : ConformStage.LEDGERS) {
      Column date =
          switch (ledger) {
            case "population" ->
                org.apache.spark.sql.functions.make_date(col("year"), lit(12), lit(31));
            case "targets" -> lit(null).cast("date");
            case "progress" -> org.apache.spark.sql.functions.last_day(col("month"));
            default -> col(Cols.UPDATED_AT);
          };
      int threshold = ledger.equals("population") ? c.staleDaysYearly() : c.staleDaysMonthly();
      Dataset<Row> part = Scorecard.freshness(bronze.get(ledger), ledger, date, asOf, threshold);
      if (ledger.equals("targets")) {
        // Targets are set once and revised rarely: they are never stale.
        part = part.withColumn(Scorecard.STALE, lit(false));
      }
      out = out == null ? part : out.unionByName(part);
    }
    return out;
  }

  static List<String> versionKey(String ledger) {
    return switch (ledger) {
      case "rental" -> List.of(Cols.REGISTRATION_ID, Cols.UPDATED_AT);
      case "license" -> List.of(Cols.CREDIT_CODE, Cols.UPDATED_AT);
      case "demolition" -> List.of(Cols.RECORD_ID, Cols.UPDATED_AT);
      case "population" -> List.of(Cols.TOWNSHIP, "year");
      case "targets" -> List.of("task", "metric", Cols.TOWNSHIP, "year", "cumulative");
      default -> List.of("task", "metric", Cols.TOWNSHIP, "month");
    };
  }

  static List<String> completenessColumns(String ledger) {
    return switch (ledger) {
      case "rental" ->
          List.of(
              Cols.REGISTRATION_ID,
              Cols.TOWNSHIP,
              Cols.ADDRESS,
              Cols.HOUSING_TYPE,
              Cols.RENTED_AREA,
              Cols.TENANT_COUNT,
              Cols.REGISTERED_ON,
              Cols.UPDATED_AT);
      case "license" ->
          List.of(
              Cols.CREDIT_CODE,
              Cols.TOWNSHIP,
              Cols.ADDRESS,
              Cols.ENTITY_TYPE,
              Cols.STATUS,
              Cols.ESTABLISHED_ON,
              Cols.EMPLOYEES,
              Cols.FLOOR_AREA,
              Cols.UPDATED_AT);
      case "demolition" ->
          List.of(
              Cols.RECORD_ID,
              Cols.TOWNSHIP,
              Cols.ADDRESS,
              Cols.STRUCTURE_TYPE,
              Cols.DEMOLISHED_AREA,
              Cols.DEMOLISHED_ON,
              Cols.UPDATED_AT);
      case "population" ->
          List.of(
              Cols.TOWNSHIP,
              "year",
              "resident_population",
              "hukou_population",
              "nonlocal_population",
              "basis");
      case "targets" ->
          List.of("task", "metric", Cols.TOWNSHIP, "year", "target_value", "unit", "direction");
      default -> List.of("task", "metric", Cols.TOWNSHIP, "month", "completed", "unit");
    };
  }
}
