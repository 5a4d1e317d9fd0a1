package org.dispersal.conform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;
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
          new String[] {"台账编号", "乡镇街道", "位置", "拆除日期", "拆除面积", "是否新增", null, null, null},
          "license",
          new String[] {"统一社会信用代码", "乡镇街道", "经营地址", "整治日期", null, null, "整治类别", "整治措施", null},
          "rental",
          new String[] {"登记编号", "乡镇街道", "房屋地址", "注销日期", null, null, null, null, "注销原因"});

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
            null
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
            "deregistration_reason"
          });

  private static final String[] COLUMNS = {
    "key",
    "township_raw",
    "address_raw",
    "event_raw",
    "area_raw",
    "newly_raw",
    "category",
    "action",
    "reason"
  };

  private Missing() {}

  /** Quarantined bronze rows of the record ledgers, in the common raw form. */
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
      Column[] cols = new Column[COLUMNS.length + 2];
      cols[0] = lit(ledger).as("ledger");
      for (int i = 0; i < COLUMNS.length; i++) {
        cols[i + 1] =
            zh[i] == null
                ? lit(null).cast("string").as(COLUMNS[i])
                : coalesce(col("m").getItem(zh[i]), col("m").getItem(en[i])).as(COLUMNS[i]);
      }
      cols[COLUMNS.length + 1] =
          coalesce(col("m").getItem("更新时间"), col("m").getItem("updated_at")).as("updated_raw");
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
      Column[] cols = new Column[COLUMNS.length + 2];
      cols[0] = lit(ledger).as("ledger");
      for (int i = 0; i < COLUMNS.length; i++) {
        cols[i + 1] =
            en[i] == null
                ? lit(null).cast("string").as(COLUMNS[i])
                : col(en[i]).cast("string").as(COLUMNS[i]);
      }
      cols[COLUMNS.length + 1] = col(Cols.UPDATED_AT).cast("string").as("updated_raw");
      Dataset<Row> part = rows.select(cols);
      out = out == null ? part : out.unionByName(part);
    }
    return out;
  }

  /**
   * Places each missing record: township from its text or, failing that, from its address; month
   * from its event date or, when that is the broken field, from its last update and the month
   * before. Records whose key has a usable version in silver are not missing.
   */
  static Dataset<Row> place(
      Dataset<Row> raw,
      Map<String, Dataset<Row>> current,
      UserDefinedFunction resolve,
      UserDefinedFunction addressKey,
      Date asOf) {
    Dataset<Row> keys =
        current
            .get("demolition")
            .select(lit("demolition").as("k_ledger"), col(Cols.RECORD_ID).as("k_key"))
            .unionByName(
                current
                    .get("license")
                    .select(lit("license").as("k_ledger"), col(Cols.CREDIT_CODE).as("k_key")))
            .unionByName(
                current
                    .get("rental")
                    .select(lit("rental").as("k_ledger"), col(Cols.REGISTRATION_ID).as("k_key")));
    Dataset<Row> sites = addressTownships(current);
    Dataset<Row> missing =
        raw.join(
                keys,
                col("ledger").equalTo(col("k_ledger")).and(col("key").equalTo(col("k_key"))),
                "left_anti")
            .withColumn("_t", resolve.apply(col("township_raw")))
            .withColumn("_site", addressKey.apply(col("address_raw")))
            .join(sites, col("_site").equalTo(col("s_key")), "left")
            .withColumn(Cols.TOWNSHIP_CODE, coalesce(col("_t.code"), col("s_township")))
            .filter(col(Cols.TOWNSHIP_CODE).isNotNull());
    Column event = toDate(col("event_raw"));
    Column updated = toDate(col("updated_raw"));
    Column eventUsable =
        event.isNotNull().and(event.geq(lit(Date.valueOf("2000-01-01")))).and(event.leq(lit(asOf)));
    // A date with a slipped year keeps its month and day: put it in the update's year (or the
    // year before, if that would be after the update).
    Column sameYear =
        org.apache.spark.sql.functions.make_date(
            org.apache.spark.sql.functions.year(updated),
            org.apache.spark.sql.functions.month(event),
            lit(1));
    Column repaired =
        when(sameYear.gt(updated), org.apache.spark.sql.functions.add_months(sameYear, -12))
            .otherwise(sameYear);
    Column months =
        when(eventUsable, org.apache.spark.sql.functions.array(date_format(event, "yyyy-MM")))
            // 1 January of an odd year is a placeholder (1970-01-01, 1900-01-01), not a slip.
            .when(
                event
                    .isNotNull()
                    .and(updated.isNotNull())
                    .and(date_format(event, "MM-dd").notEqual("01-01")),
                org.apache.spark.sql.functions.array(date_format(repaired, "yyyy-MM")))
            .otherwise(
                org.apache.spark.sql.functions.array(
                    date_format(updated, "yyyy-MM"),
                    date_format(
                        org.apache.spark.sql.functions.add_months(updated, -1), "yyyy-MM")));
    Column area = regexp_extract(col("area_raw"), "^-?[0-9.,]+", 0);
    Column areaValue =
        org.apache.spark.sql.functions.regexp_replace(area, ",", "").try_cast("double");
    return missing
        .withColumn(MONTH, explode(months))
        .filter(col(MONTH).isNotNull())
        // The likely area of a broken one: a sign slip or a unit slip (×10,000) undone; else
        // unknown.
        .withColumn(
            AREA,
            when(areaValue.gt(0).and(areaValue.leq(1_000_000)), areaValue)
                .when(areaValue.lt(0).and(areaValue.geq(-1_000_000)), areaValue.multiply(-1))
                .when(
                    areaValue.gt(1_000_000).and(areaValue.notEqual(9_999_999)),
                    areaValue.divide(10_000)))
        .select(
            col("ledger"),
            col("key"),
            col(Cols.TOWNSHIP_CODE),
            col(MONTH),
            col(AREA),
            col("newly_raw"),
            col("category"),
            col("action"),
            col("reason"));
  }

  /** The allowance each derivation gets per township and month from the missing records. */
  static Dataset<Row> allowances(
      List<Comparison.Derivation> derivations, Dataset<Row> missing, Dataset<Row> demolitions) {
    // An area that cannot be read or repaired counts as the township's typical (median) one.
    Dataset<Row> typical =
        demolitions
            .groupBy(col(Cols.TOWNSHIP_CODE).as("p_township"))
            .agg(percentile_approx(col(Cols.DEMOLISHED_AREA), lit(0.5), lit(1000)).as("typical"));
    Dataset<Row> out = null;
    for (Comparison.Derivation d : derivations) {
      Dataset<Row> part =
          switch (d.derivation()) {
            case "demolition.area" ->
                missing
                    .filter(col("ledger").equalTo("demolition"))
                    .join(typical, col(Cols.TOWNSHIP_CODE).equalTo(col("p_township")), "left")
                    .groupBy(Cols.TOWNSHIP_CODE, MONTH)
                    .agg(sum(coalesce(col(AREA), col("typical"), lit(0.0))).as(ALLOWANCE));
            case "demolition.new_count", "demolition.count" ->
                counted(
                    missing.filter(
                        col("ledger")
                            .equalTo("demolition")
                            .and(
                                d.derivation().equals("demolition.count")
                                    ? lit(true)
                                    : col("newly_raw")
                                        .isNull()
                                        .or(col("newly_raw").isin("是", "true")))));
            case "license.closed", "license.rectified" ->
                counted(
                    missing.filter(
                        col("ledger")
                            .equalTo("license")
                            .and(
                                col("category")
                                    .isNull()
                                    .or(col("category").equalTo(d.argument())))));
            case "rental.cleared" ->
                counted(
                    missing.filter(
                        col("ledger")
                            .equalTo("rental")
                            .and(col("reason").isNull().or(col("reason").equalTo(d.argument())))));
            default -> throw new IllegalArgumentException("Unknown derivation " + d.derivation());
          };
      part =
          part.withColumn(Comparison.TASK, lit(d.task()))
              .withColumn(Comparison.METRIC, lit(d.metric()));
      out = out == null ? part : out.unionByName(part);
    }
    return out;
  }

  private static Dataset<Row> counted(Dataset<Row> rows) {
    return rows.groupBy(Cols.TOWNSHIP_CODE, MONTH).agg(count(lit(1)).cast("double").as(ALLOWANCE));
  }

  /** Site keys that belong to one township only, from the usable records. */
  private static Dataset<Row> addressTownships(Map<String, Dataset<Row>> current) {
    Dataset<Row> all =
        current
            .get("demolition")
            .select(Cols.ADDRESS_KEY, Cols.TOWNSHIP_CODE)
            .unionByName(current.get("license").select(Cols.ADDRESS_KEY, Cols.TOWNSHIP_CODE))
            .unionByName(current.get("rental").select(Cols.ADDRESS_KEY, Cols.TOWNSHIP_CODE))
            .filter(col(Cols.ADDRESS_KEY).isNotNull());
    return all.groupBy(col(Cols.ADDRESS_KEY).as("s_key"))
        .agg(
            countDistinct(col(Cols.TOWNSHIP_CODE)).as("_n"),
            first(col(Cols.TOWNSHIP_CODE)).as("s_township"))
        .filter(col("_n").equalTo(1))
        .drop("_n");
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
