package org.dispersal.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.format_number;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;

/**
 * The bronze ledgers with their townships resolved to codes and their addresses keyed; rows that
 * cannot be resolved, or whose dates contradict each other, are set aside with a reason.
 */
record Resolved(
    Map<String, Dataset<Row>> ledgers,
    Dataset<Row> quarantine,
    UserDefinedFunction resolve,
    UserDefinedFunction addressKey,
    UserDefinedFunction addressTownship) {
  static final String RULE_ID = "rule_id";
  static final String REASON = "reason";
  static final String VALUE = "value";
  private static final String DWELLING = "_dwelling";

  private static final List<String> ADDRESSED = List.of("rental", "license", "demolition");

  static Resolved of(Map<String, Dataset<Row>> bronze, TownshipResolver resolver, String district) {
    UserDefinedFunction resolve = ConformStage.resolveUdf(resolver, district);
    AddressKeys keys = new AddressKeys(resolver.spellings());
    UserDefinedFunction addressKey = ConformStage.addressKeyUdf(keys);
    UserDefinedFunction dwellingKey = ConformStage.dwellingKeyUdf(keys);
    UserDefinedFunction siteKey = ConformStage.siteKeyUdf();
    Map<String, Dataset<Row>> ok = new LinkedHashMap<>();
    Dataset<Row> quarantine = null;
    for (String ledger : ConformStage.LEDGERS) {
      Dataset<Row> withCode =
          bronze
              .get(ledger)
              .withColumn("_t", resolve.apply(col(Cols.TOWNSHIP)))
              .withColumn(Cols.TOWNSHIP_CODE, col("_t.code"))
              .withColumn(Cols.TOWNSHIP_METHOD, col("_t.method"));
      if (ADDRESSED.contains(ledger)) {
        withCode =
            withCode
                // The site key is cut from the dwelling key: the address is normalised once.
                .withColumn(DWELLING, dwellingKey.apply(col(Cols.ADDRESS)))
                .withColumn(Cols.ADDRESS_KEY, siteKey.apply(col(DWELLING)))
                .withColumn(Cols.DWELLING_KEY, col(DWELLING))
                .drop(DWELLING);
      }
      Column bad = col("_t.status").notEqual(TownshipResolver.RESOLVED);
      Column dateOrder = dateOrder(ledger);
      Dataset<Row> rejected =
          withCode
              .filter(bad.or(dateOrder))
              .select(
                  lit(ledger).as("ledger"),
                  col("delivery_id"),
                  col("file_name"),
                  col("row_number"),
                  when(bad, concat(lit("township."), col("_t.status")))
                      .otherwise(lit("date.order"))
                      .as(RULE_ID),
                  when(bad, townshipReason()).otherwise(dateReason(ledger)).as(REASON),
                  col(Cols.TOWNSHIP).as(VALUE));
      quarantine = quarantine == null ? rejected : quarantine.unionByName(rejected);
      // Every silver table reads these; resolve each row once.
      ok.put(ledger, withCode.filter(bad.or(dateOrder).unary_$bang()).drop("_t").persist());
    }
    UserDefinedFunction addressTownship =
        org.apache.spark.sql.functions.udf(
            (org.apache.spark.sql.api.java.UDF1<String, String>) keys::township,
            org.apache.spark.sql.types.DataTypes.StringType);
    return new Resolved(ok, quarantine, resolve, addressKey, addressTownship);
  }

  private static Column rowLabel() {
    return concat(lit("第 "), format_number(col("row_number"), 0), lit(" 行: "));
  }

  private static Column townshipReason() {
    return concat(
        rowLabel(),
        lit("乡镇街道 \""),
        col(Cols.TOWNSHIP),
        when(
                col("_t.status").equalTo(TownshipResolver.AMBIGUOUS),
                concat(lit("\" 对应多个乡镇街道: "), col("_t.candidates"), lit(" / ambiguous township")))
            .otherwise(
                concat(
                    lit("\" 无法识别, 最接近: "),
                    col("_t.candidates"),
                    lit(
                        " / unknown township; fix the name or add it to conf/reference/township_aliases.csv"))));
  }

  private static Column dateOrder(String ledger) {
    return switch (ledger) {
      case "rental" ->
          col(Cols.DEREGISTERED_ON)
              .isNotNull()
              .and(col(Cols.DEREGISTERED_ON).lt(col(Cols.REGISTERED_ON)));
      case "license" ->
          col(Cols.STATUS_CHANGED_ON)
              .isNotNull()
              .and(col(Cols.STATUS_CHANGED_ON).lt(col(Cols.ESTABLISHED_ON)));
      default -> lit(false);
    };
  }

  private static Column dateReason(String ledger) {
    String what =
        ledger.equals("rental")
            ? "注销日期早于登记日期 / deregistered before registered"
            : "状态变更日期早于成立日期 / status changed before establishment";
    return concat(rowLabel(), lit(what));
  }
}
