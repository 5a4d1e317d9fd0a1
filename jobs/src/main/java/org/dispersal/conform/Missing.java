package org.dispersal.conform;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Records the ledgers hold but the silver tables cannot use — quarantined at ingest or conform, and
 * never replaced by a valid version — placed in the township and month they most likely belong to.
 * The city–district comparison does not blame a township for a difference these records explain.
 */
final class Missing {
  static final String MONTH = "month";
  static final String AREA = "area";
  static final String ALLOWANCE = "allowance";

  /** Per ledger: business key, township, address, event date, and the fields derivations read. */
  private static final Map<String, String[]> FIELDS =
      Map.of(
          "demolition",
          new String[] {"台账编号", "乡镇街道", "位置", "拆除日期", "拆除面积", "是否新增", null, null, null, "村社区"},
          "license",
          new String[] {"统一社会信用代码", "乡镇街道", "经营地址", "整治日期", null, null, "整治类别", "整治措施", null, null},
          "rental",
          new String[] {"登记编号", "乡镇街道", "房屋地址", "注销日期", null, null, null, null, "注销原因", "社区村"});

  private static final Map<String, String[]> ENGLISH =
      Map.of(
          "demolition",
          new String[] {
            "record_id",
            "township",
            "address",
            "demolished_on",
            "demolished_area_m2",
            "newly_built",
            null,
            null,
            null,
            "community"
          },
          "license",
          new String[] {
            "credit_code",
            "township",
            "address",
            "rectified_on",
            null,
            null,
            "rectification_category",
            "rectification_action",
            null,
            null
          },
          "rental",
          new String[] {
            "registration_id",
            "township",
            "address",
            "deregistered_on",
            null,
            null,
            null,
            null,
            "deregistration_reason",
            "community"
          });

  /**
   * The raw form's fields after {@code ledger}; then {@code updated_raw}, {@code _row_id}, the
   * delivery.
   */
  static final String[] COLUMNS = {
    "key",
    "township_raw",
    "address_raw",
    "event_raw",
    "area_raw",
    "newly_raw",
    "category",
    "action",
    "reason",
    "community"
  };

  private Missing() {}

  /**
   * Quarantined bronze rows of the record ledgers, in the common raw form (with the delivery, so a
   * fold knows its new ones).
   */
  static Dataset<Row> fromIngest(Dataset<Row> quarantine) {
    Dataset<Row> parsed =
        quarantine
            .filter(col("ledger").isin("demolition", "license", "rental"))
            .withColumn(
                "m",
                from_json(
                    col("raw_row"),
                    DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType)));
    Dataset<Row> out = null;
    for (String ledger : List.of("demolition", "license", "rental")) {
      String[] zh = FIELDS.get(ledger);
      String[] en = ENGLISH.get(ledger);
      Column[] cols = new Column[COLUMNS.length + 4];
      cols[0] = lit(ledger).as("ledger");
      cols[COLUMNS.length + 3] = col(Cols.DELIVERY_ID);
      for (int i = 0; i < COLUMNS.length; i++) {
        cols[i + 1] =
            zh[i] == null
                ? lit(null).cast("string").as(COLUMNS[i])
                : blankAsNull(coalesce(col("m").getItem(zh[i]), col("m").getItem(en[i])))
                    .as(COLUMNS[i]);
      }
      cols[COLUMNS.length + 1] =
          coalesce(col("m").getItem("更新时间"), col("m").getItem("updated_at")).as("updated_raw");
      cols[COLUMNS.length + 2] = rowId();
      Dataset<Row> part = parsed.filter(col("ledger").equalTo(ledger)).select(cols);
      out = out == null ? part : out.unionByName(part);
    }
    return out;
  }

  /** Bronze rows conform set aside (unknown township, contradictory dates), in the same form. */
  static Dataset<Row> fromConform(
      Map<String, Dataset<Row>> bronze, Dataset<Row> conformQuarantine) {
    Dataset<Row> out = null;
    for (String ledger : List.of("demolition", "license", "rental")) {
      String[] en = ENGLISH.get(ledger);
      Dataset<Row> rejected =
          conformQuarantine
              .filter(col("ledger").equalTo(ledger))
              .select(col("delivery_id").as("q_delivery"), col("row_number").as("q_row"));
      Dataset<Row> rows =
          bronze
              .get(ledger)
              .join(
                  rejected,
                  col("delivery_id")
                      .equalTo(col("q_delivery"))
                      .and(col("row_number").equalTo(col("q_row"))),
                  "left_semi");
      Column[] cols = new Column[COLUMNS.length + 4];
      cols[0] = lit(ledger).as("ledger");
      cols[COLUMNS.length + 3] = col(Cols.DELIVERY_ID);
      for (int i = 0; i < COLUMNS.length; i++) {
        cols[i + 1] =
            en[i] == null
                ? lit(null).cast("string").as(COLUMNS[i])
                : col(en[i]).cast("string").as(COLUMNS[i]);
      }
      cols[COLUMNS.length + 1] = col(Cols.UPDATED_AT).cast("string").as("updated_raw");
      cols[COLUMNS.length + 2] = rowId();
      Dataset<Row> part = rows.select(cols);
      out = out == null ? part : out.unionByName(part);
    }
    return out;
  }

  /** The allowance each derivation gets per township and month from the missing records. */
  static Dataset<Row> allowances(
      List<Comparison.Derivation> derivations, Dataset<Row> missing, Dataset<Row> demolitions) {
    // An area that cannot be read or repaired counts as a large one for the township (its 90th
    // percentile): a township is not blamed for a record whose area the ledger lost. The exact
    // percentile, not percentile_approx: the approximation depends on the order the rows arrive
    // in, which a fold changes, so a township whose demolitions had not changed got another
    // allowance (1/4 of the city: 23 townships in five districts no delivery had touched).
    Dataset<Row> typical =
        demolitions
            .groupBy(col(Cols.TOWNSHIP_CODE).as("p_township"))
            .agg(percentile(col(Cols.DEMOLISHED_AREA), lit(0.9)).as("typical"));
    Column[] parts =
        derivations.stream()
            .map(
                d ->
                    when(
                        counts(d), struct(lit(d.task()).as("t"), lit(d.metric()).as("m"), area(d))))
            .toArray(Column[]::new);
    // One aggregation over all derivations rather than one per derivation (see Comparison).
    return missing
        .join(typical, col(Cols.TOWNSHIP_CODE).equalTo(col("p_township")), "left")
        .select(col(Cols.TOWNSHIP_CODE), col(MONTH), explode(array(parts)).as("_a"))
        .filter(col("_a").isNotNull())
        .groupBy(
            col(Cols.TOWNSHIP_CODE),
            col(MONTH),
            col("_a.t").as(Comparison.TASK),
            col("_a.m").as(Comparison.METRIC))
        .agg(sum(col("_a.v")).as(ALLOWANCE))
        .select(Cols.TOWNSHIP_CODE, MONTH, ALLOWANCE, Comparison.TASK, Comparison.METRIC);
  }

  // Which missing records a derivation's allowance counts.
  private static Column counts(Comparison.Derivation d) {
    Column ledger = col("ledger");
    return switch (d.derivation()) {
      case "demolition.area", "demolition.count" -> ledger.equalTo("demolition");
      case "demolition.new_count" ->
          ledger
              .equalTo("demolition")
              .and(col("newly_raw").isNull().or(col("newly_raw").isin("是", "true")));
      case "license.closed", "license.rectified" ->
          ledger.equalTo("license").and(col("category").equalTo(d.argument()));
      case "rental.cleared" -> ledger.equalTo("rental").and(col("reason").equalTo(d.argument()));
      default -> throw new IllegalArgumentException("Unknown derivation " + d.derivation());
    };
  }

  // What a counted missing record allows: its area (or the township's typical one) or one record.
  private static Column area(Comparison.Derivation d) {
    Column v =
        d.derivation().equals("demolition.area")
            ? coalesce(col(AREA), col("typical"), lit(0.0))
            : lit(1.0);
    return v.cast("double").as("v");
  }

  // Identifies a row without a key, which is a record of its own.
  private static Column rowId() {
    return concat_ws("#", col("delivery_id"), col("row_number").cast("string")).as("_row_id");
  }

  private static Column blankAsNull(Column text) {
    return when(org.apache.spark.sql.functions.trim(text).notEqual(""), text);
  }

  /** A date from any of the contract's text forms (or ISO), else null. */
  static Column toDate(Column text) {
    Column y = regexp_extract(text, "^\\s*(\\d{4})\\D{1,3}(\\d{1,2})\\D{1,3}(\\d{1,2})", 1);
    Column m = regexp_extract(text, "^\\s*(\\d{4})\\D{1,3}(\\d{1,2})\\D{1,3}(\\d{1,2})", 2);
    Column d = regexp_extract(text, "^\\s*(\\d{4})\\D{1,3}(\\d{1,2})\\D{1,3}(\\d{1,2})", 3);
    return when(
        y.notEqual(""),
        // try_to_date: a corrupted date (2019-02-30) is no date, not a failed run.
        org.apache.spark.sql.functions.call_function(
            "try_to_date",
            org.apache.spark.sql.functions.concat(
                y, lit("-"), lpad(m, 2, "0"), lit("-"), lpad(d, 2, "0")),
            lit("yyyy-MM-dd")));
  }
}
