package org.dispersal.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The data-quality tables of a conform, built from bronze with {@link Scorecard}'s measures: the
 * scorecard of every delivery and the freshness of every ledger, each folded from the new rows.
 */
final class Quality {
  private Quality() {}

  /**
   * The scorecard of every delivery. A delivery's figures never change once it is in (only earlier
   * deliveries decide what it repeats), so an incremental conform scores only the new deliveries
   * and keeps the previous rows of the others.
   */
  static Dataset<Row> deliveries(
      Map<String, Dataset<Row>> bronze, Increment increment, Map<String, Dataset<Row>> previous) {
    Dataset<Row> deliveries = bronze.get("deliveries");
    Dataset<Row> out = increment.full() ? null : previous.get("quality_deliveries");
    for (String ledger : ConformStage.LEDGERS) {
      Dataset<Row> part =
          Scorecard.deliveries(
              increment.freshRows(deliveries),
              bronze.get(ledger),
              increment.full() ? null : increment.freshRows(bronze.get(ledger)),
              ledger,
              versionKey(ledger),
              completenessColumns(ledger));
      out = out == null ? part : out.unionByName(part);
    }
    return out;
  }

  /**
   * How recent each ledger's newest record is. The newest date only grows as deliveries arrive, so
   * a fold takes the larger of the last conform's and the new rows' instead of reading all of
   * bronze again.
   */
  static Dataset<Row> freshness(
      Map<String, Dataset<Row>> bronze,
      Increment increment,
      Dataset<Row> previous,
      Date asOf,
      ConformConfig c) {
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
      Dataset<Row> dates =
          (previous == null ? bronze.get(ledger) : increment.freshRows(bronze.get(ledger)))
              .select(date.as("_date"));
      if (previous != null) {
        dates =
            dates.unionByName(
                previous
                    .filter(col(Scorecard.LEDGER).equalTo(ledger))
                    .select(col(Scorecard.LATEST_DATA).as("_date")));
      }
      int threshold = ledger.equals("population") ? c.staleDaysYearly() : c.staleDaysMonthly();
      Dataset<Row> part = Scorecard.freshness(dates, ledger, col("_date"), asOf, threshold);
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
      case "rental", "license", "demolition" ->
          List.of(Silver.RECORD_KEYS.get(ledger), Cols.UPDATED_AT);
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
