package org.dispersal.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.format_number;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The row rules of docs/quality-rules.md as pure steps over staged records. Each step records the
 * first failure it finds in {@link #FAILURE} unless an earlier step already did; {@link #validate}
 * runs them in the order that decides which rule a row with several faults is quarantined under.
 */
final class RowRules {
  static final String FAILURE = "_failure";
  static final String RULE_ID = "rule_id";
  static final String FIELD = "field";
  static final String REASON = "reason";

  static final StructType FAILURE_TYPE =
      new StructType()
          .add(RULE_ID, DataTypes.StringType)
          .add(FIELD, DataTypes.StringType)
          .add(REASON, DataTypes.StringType);

  /** What the rules compare against: the run's as-of date and the area ceiling. */
  record Limits(LocalDate asOf, double maxAreaM2) {}

  static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

  private RowRules() {}

  /** All row rules in order: shape, emptiness, parsing, ranges, check characters. */
  static Dataset<Row> validate(Dataset<Row> in, Ledger ledger, Limits limits) {
    return in.transform(RowRules::rowColumns)
        .transform(d -> requiredMissing(d, ledger))
        .transform(d -> numberInvalid(d, ledger))
        .transform(d -> dateInvalid(d, ledger))
        .transform(d -> enumInvalid(d, ledger))
        .transform(d -> areaRange(d, ledger, limits.maxAreaM2()))
        .transform(d -> countRange(d, ledger))
        .transform(d -> dateRange(d, ledger, limits.asOf()))
        .transform(d -> creditCodeCheck(d, ledger));
  }

  /** row.columns: a record with a different number of fields than the header. */
  static Dataset<Row> rowColumns(Dataset<Row> in) {
    Column fields = col(Staging.FIELD_COUNT);
    Column header = col(Staging.HEADER_COUNT);
    return fail(
        in,
        List.of(
            when(
                fields.notEqual(header),
                failure(
                    Rules.ROW_COLUMNS,
                    null,
                    concat(
                        lit(": 有 "),
                        fields.cast("string"),
                        lit(" 个字段, 表头有 "),
                        header.cast("string"),
                        lit(" 个 / "),
                        fields.cast("string"),
                        lit(" fields where the header has "),
                        header.cast("string"))))));
  }

  /** required.missing: business key, township, key dates, a demolition's area left empty. */
  static Dataset<Row> requiredMissing(Dataset<Row> in, Ledger ledger) {
    List<Column> checks = new ArrayList<>();
    for (Field f : ledger.fields()) {
      if (f.required()) {
        checks.add(
            when(
                col(f.stagedName()).isNull(),
                failure(
                    Rules.REQUIRED_MISSING,
                    f,
                    lit(": 必填项 " + f.zh() + " 为空 / required " + f.name() + " is empty"))));
      }
    }
    return fail(in, checks);
  }

  /** number.invalid: a number or whole-number cell that does not parse. */
  static Dataset<Row> numberInvalid(Dataset<Row> in, Ledger ledger) {
    List<Column> checks = new ArrayList<>();
    for (Field f : ledger.fields()) {
      boolean whole = f.kind() == Field.Kind.COUNT || f.kind() == Field.Kind.YEAR;
      if (whole || f.kind() == Field.Kind.AREA || f.kind() == Field.Kind.NUMBER) {
        checks.add(
            invalid(
                f,
                Rules.NUMBER_INVALID,
                whole ? "不是整数 / is not a whole number" : "不是数字 / is not a number"));
      }
    }
    return fail(in, checks);
  }

  /** date.invalid: a date, datetime or month in none of the contract's forms. */
  static Dataset<Row> dateInvalid(Dataset<Row> in, Ledger ledger) {
    List<Column> checks = new ArrayList<>();
    for (Field f : ledger.fields()) {
      switch (f.kind()) {
        case DATE, DATETIME ->
            checks.add(
                invalid(
                    f,
                    Rules.DATE_INVALID,
                    "不是有效日期 (YYYY-MM-DD, YYYY/M/D, YYYY年M月D日) / is not a date in a contract form"));
        case MONTH ->
            checks.add(
                invalid(f, Rules.DATE_INVALID, "不是有效月份 (YYYY-MM) / is not a month (YYYY-MM)"));
        default -> {}
      }
    }
    return fail(in, checks);
  }

  /** enum.invalid: a value outside the contract's list for its column (是/否 included). */
  static Dataset<Row> enumInvalid(Dataset<Row> in, Ledger ledger) {
    List<Column> checks = new ArrayList<>();
    for (Field f : ledger.fields()) {
      if (f.kind() == Field.Kind.ENUM) {
        Column c = col(f.stagedName());
        checks.add(
            when(
                c.isNotNull().and(c.isin(f.values().toArray()).unary_$bang()),
                failure(
                    Rules.ENUM_INVALID,
                    f,
                    quoted(
                        f,
                        c,
                        "不在取值范围内 ("
                            + String.join(", ", f.values())
                            + ") / is not an allowed value"))));
      } else if (f.kind() == Field.Kind.YES_NO) {
        checks.add(invalid(f, Rules.ENUM_INVALID, "应为 是 或 否 / must be 是 or 否"));
      }
    }
    return fail(in, checks);
  }

  /** area.range: an area of zero or less, or above the configured ceiling. */
  static Dataset<Row> areaRange(Dataset<Row> in, Ledger ledger, double maxAreaM2) {
    List<Column> checks = new ArrayList<>();
    String max = Rules.count((long) maxAreaM2);
    for (Field f : ledger.fields()) {
      if (f.kind() == Field.Kind.AREA) {
        Column v = Values.typed(f, col(f.stagedName()));
        checks.add(
            when(
                v.leq(0).or(v.gt(maxAreaM2)),
                failure(
                    Rules.AREA_RANGE,
                    f,
                    quoted(
                        f,
                        col(f.stagedName()),
                        "超出范围, 应大于 0 且不超过 "
                            + max
                            + " 平方米 / must be > 0 and at most "
                            + max
                            + " m²"))));
      }
    }
    return fail(in, checks);
  }

  /** count.range: a negative count of tenants, employees, residents or people. */
  static Dataset<Row> countRange(Dataset<Row> in, Ledger ledger) {
    List<Column> checks = new ArrayList<>();
    for (Field f : ledger.fields()) {
      if (f.kind() == Field.Kind.COUNT) {
        checks.add(
            when(
                Values.typed(f, col(f.stagedName())).lt(0),
                failure(
                    Rules.COUNT_RANGE,
                    f,
                    quoted(f, col(f.stagedName()), "不能为负数 / must not be negative"))));
      }
    }
    return fail(in, checks);
  }

  /** date.range: a date before 2000-01-01 or after the as-of date (years likewise). */
  static Dataset<Row> dateRange(Dataset<Row> in, Ledger ledger, LocalDate asOf) {
    List<Column> checks = new ArrayList<>();
    Date from = Date.valueOf(EARLIEST);
    Date to = Date.valueOf(asOf);
    String span = EARLIEST + " 至 " + asOf;
    String spanEn = EARLIEST + " to " + asOf;
    for (Field f : ledger.fields()) {
      Column raw = col(f.stagedName());
      Column v = Values.typed(f, raw);
      Column out;
      String bounds;
      switch (f.kind()) {
        case DATE, MONTH -> {
          out = v.lt(lit(from)).or(v.gt(lit(to)));
          bounds = "超出范围 (" + span + ") / is outside " + spanEn;
        }
        case DATETIME -> {
          Column day = to_date(v);
          out = day.lt(lit(from)).or(day.gt(lit(to)));
          bounds = "超出范围 (" + span + ") / is outside " + spanEn;
        }
        case YEAR -> {
          int lo = f.values().isEmpty() ? EARLIEST.getYear() : Integer.parseInt(f.values().get(0));
          int hi =
              f.values().isEmpty()
                  ? asOf.getYear()
                  : Integer.parseInt(f.values().get(f.values().size() - 1));
          out = v.lt(lo).or(v.gt(hi));
          bounds = "超出范围 (" + lo + "–" + hi + ") / is outside " + lo + "–" + hi;
        }
        default -> {
          continue;
        }
      }
      checks.add(when(out, failure(Rules.DATE_RANGE, f, quoted(f, raw, bounds))));
    }
    return fail(in, checks);
  }

  /**
   * credit_code.check: an enterprise's or individual business's credit code that is not 18
   * characters with the right GB 32100 check character; 无照经营户 carry a case number instead.
   */
  static Dataset<Row> creditCodeCheck(Dataset<Row> in, Ledger ledger) {
    List<Column> checks = new ArrayList<>();
    for (Field f : ledger.fields()) {
      if (f.kind() == Field.Kind.CREDIT_CODE) {
        Column code = Values.typed(f, col(f.stagedName()));
        Column checked = col("entity_type").isin("企业", "个体工商户");
        Column shown = Values.shownCode(code);
        checks.add(
            when(
                checked.and(code.isNotNull()).and(Values.creditCodeValid(code).unary_$bang()),
                failure(
                    Rules.CREDIT_CODE_CHECK,
                    f,
                    when(
                            length(code).notEqual(18),
                            concat(
                                lit(": " + f.zh() + " "),
                                shown,
                                lit(" 应为 18 位 / must be 18 characters")))
                        .otherwise(
                            concat(
                                lit(": " + f.zh() + " "),
                                shown,
                                lit(" 校验位错误 / bad check character"))))));
      }
    }
    return fail(in, checks);
  }

  /** Splits the failure into rule_id, field and reason columns. */
  static Dataset<Row> split(Dataset<Row> in) {
    return in.withColumn(RULE_ID, col(FAILURE).getField(RULE_ID))
        .withColumn(FIELD, col(FAILURE).getField(FIELD))
        .withColumn(REASON, col(FAILURE).getField(REASON))
        .drop(FAILURE);
  }

  // A cell that is present but does not parse as its type.
  private static Column invalid(Field f, String rule, String what) {
    Column raw = col(f.stagedName());
    return when(
        raw.isNotNull().and(Values.typed(f, raw).isNull()), failure(rule, f, quoted(f, raw, what)));
  }

  // ": 出租面积 "-5" <what>" — the column's Chinese header and the value as the clerk typed it.
  private static Column quoted(Field f, Column raw, String what) {
    return concat(lit(": " + f.zh() + " \""), Values.shown(raw), lit("\" " + what));
  }

  private static Column failure(String rule, Field f, Column detail) {
    Column row = concat(lit("第 "), format_number(col(Staging.ROW_NUMBER), 0), lit(" 行"));
    return struct(
        lit(rule).as(RULE_ID),
        lit(f == null ? null : f.name()).cast("string").as(FIELD),
        concat(row, detail).as(REASON));
  }

  // Keeps an earlier step's failure; otherwise the first of this step's checks that fails.
  private static Dataset<Row> fail(Dataset<Row> in, List<Column> checks) {
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
