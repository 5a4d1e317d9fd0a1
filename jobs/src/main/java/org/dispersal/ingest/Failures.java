package org.dispersal.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.format_number;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The first failure of a row as the rule steps record it (rule, field and the parts of its reason),
 * and the reason text a clerk reads, assembled once for quarantined rows only.
 */
final class Failures {
  static final String FAILURE = "_failure";
  static final String RULE_ID = "rule_id";
  static final String FIELD = "field";
  static final String REASON = "reason";
  private static final String BEFORE = "before";
  private static final String VALUE = "value";
  private static final String AFTER = "after";

  static final StructType FAILURE_TYPE =
      new StructType()
          .add(RULE_ID, DataTypes.StringType)
          .add(FIELD, DataTypes.StringType)
          .add(BEFORE, DataTypes.StringType)
          .add(VALUE, DataTypes.StringType)
          .add(AFTER, DataTypes.StringType);

  private Failures() {}

  /**
   * Splits the failure into rule_id, field and the reason a clerk reads: {@code 第 1,204 行: …} with
   * the cell as typed, masked where it looks like an ID or phone number and cut when long.
   */
  static Dataset<Row> split(Dataset<Row> in) {
    Column f = col(FAILURE);
    return in.withColumn(RULE_ID, f.getField(RULE_ID))
        .withColumn(FIELD, f.getField(FIELD))
        .withColumn(REASON, reason(f))
        .drop(FAILURE);
  }

  /** The reason text of a failure struct, led by the row number as Excel shows it. */
  static Column reason(Column failure) {
    return when(
        failure.isNotNull(),
        concat(
            lit("第 "),
            format_number(col(Staging.ROW_NUMBER), 0),
            lit(" 行"),
            failure.getField(BEFORE),
            Values.shown(failure.getField(VALUE)),
            failure.getField(AFTER)));
  }

  /** A failure of a rule about a field (null for the row as a whole). */
  static Column failure(String rule, Field f, Column before, Column value, Column after) {
    return struct(
        lit(rule).as(RULE_ID),
        lit(f == null ? null : f.name()).cast("string").as(FIELD),
        before.as(BEFORE),
        value.as(VALUE),
        after.as(AFTER));
  }

  // Keeps an earlier step's failure; otherwise the first of this step's checks that fails.
  static Dataset<Row> fail(Dataset<Row> in, List<Column> checks) {
    Column previous =
        Arrays.asList(in.columns()).contains(FAILURE) ? col(FAILURE) : lit(null).cast(FAILURE_TYPE);
    if (checks.isEmpty()) {
      return in.withColumn(FAILURE, previous);
    }
    List<Column> all = new ArrayList<>();
    all.add(previous);
    all.addAll(checks);
    return in.withColumn(FAILURE, coalesce(all.toArray(new Column[0])));
  }
}
