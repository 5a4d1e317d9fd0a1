package org.dispersal.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The row rules of docs/quality-rules.md as pure steps over staged records. {@link #typed} parses
 * each cell once; each rule step then records the first failure it finds in {@link #FAILURE} unless
 * an earlier step already did, and {@link #validate} runs them in the order that decides which rule
 * a row with several faults is quarantined under.
 */
final class RowRules {
  static final String FAILURE = Failures.FAILURE;
  static final String RULE_ID = Failures.RULE_ID;
  static final String FIELD = Failures.FIELD;
  static final String REASON = Failures.REASON;

  /** What the rules compare against: the run's as-of date and the area ceiling. */
  record Limits(LocalDate asOf, double maxAreaM2) {}

  static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

  private RowRules() {}

  /** All row rules in order: shape, emptiness, parsing, ranges, check characters. */
  static Dataset<Row> validate(Dataset<Row> in, Ledger ledger, Limits limits) {
    return in.transform(d -> typed(d, ledger))
        .transform(RowRules::rowColumns)
        .transform(d -> requiredMissing(d, ledger))
        .transform(d -> numberInvalid(d, ledger))
        .transform(d -> dateInvalid(d, ledger))
        .transform(d -> enumInvalid(d, ledger))
        .transform(d -> areaRange(d, ledger, limits.maxAreaM2()))
        .transform(d -> countRange(d, ledger))
        .transform(d -> dateRange(d, ledger, limits.asOf()))
        .transform(d -> creditCodeCheck(d, ledger));
  }

  /** The typed value of a field, once {@link #typed} has run. */
  static Column value(Field f) {
    return col(typedName(f));
  }

  static String typedName(Field f) {
    return "_typed_" + f.stagedName();
  }

  /** Adds each cell read as its contract type (null where it does not parse). */
  static Dataset<Row> typed(Dataset<Row> in, Ledger ledger) {
    List<Column> out = new ArrayList<>();
    out.add(col("*"));
    for (Field f : ledger.fields()) {
      out.add(Values.typed(f, col(f.stagedName())).as(typedName(f)));
    }
    return in.select(out.toArray(new Column[0]));
  }

  /** row.columns: a record with a different number of fields than the header. */
  static Dataset<Row> rowColumns(Dataset<Row> in) {
    Column fields = col(Staging.FIELD_COUNT).cast("string");
    Column header = col(Staging.HEADER_COUNT).cast("string");
    return Failures.fail(
        in,
        List.of(
            when(
                col(Staging.FIELD_COUNT).notEqual(col(Staging.HEADER_COUNT)),
                Failures.failure(
                    Rules.ROW_COLUMNS,
                    null,
                    concat(lit(": 有 "), fields, lit(" 个字段, 表头有 "), header, lit(" 个 / ")),
                    fields,
                    concat(lit(" fields where the header has "), header)))));
  }

  /** required.missing: business key, township, key dates, a demolition's area left empty. */
  static Dataset<Row> requiredMissing(Dataset<Row> in, Ledger ledger) {
    List<Column> checks = new ArrayList<>();
    for (Field f : ledger.fields()) {
      if (f.required()) {
        checks.add(
            when(
                col(f.stagedName()).isNull(),
                Failures.failure(
                    Rules.REQUIRED_MISSING,
                    f,
                    lit(": 必填项 " + f.zh() + " 为空 / required " + f.name() + " is empty"),
                    lit(""),
                    lit(""))));
      }
    }
    return Failures.fail(in, checks);
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
    return Failures.fail(in, checks);
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
    return Failures.fail(in, checks);
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
                quoted(
                    Rules.ENUM_INVALID,
                    f,
                    "不在取值范围内 (" + String.join(", ", f.values()) + ") / is not an allowed value")));
      } else if (f.kind() == Field.Kind.YES_NO) {
        checks.add(invalid(f, Rules.ENUM_INVALID, "应为 是 或 否 / must be 是 or 否"));
      }
    }
    return Failures.fail(in, checks);
  }

  /** area.range: an area of zero or less, or above the configured ceiling. */
  static Dataset<Row> areaRange(Dataset<Row> in, Ledger ledger, double maxAreaM2) {
    List<Column> checks = new ArrayList<>();
    String max = Rules.count((long) maxAreaM2);
    for (Field f : ledger.fields()) {
      if (f.kind() == Field.Kind.AREA) {
        checks.add(
            when(
                value(f).leq(0).or(value(f).gt(maxAreaM2)),
                quoted(
                    Rules.AREA_RANGE,
                    f,
                    "超出范围, 应大于 0 且不超过 " + max + " 平方米 / must be > 0 and at most " + max + " m²")));
      }
    }
    return Failures.fail(in, checks);
  }

  /** count.range: a negative count of tenants, employees, residents or people. */
  static Dataset<Row> countRange(Dataset<Row> in, Ledger ledger) {
    List<Column> checks = new ArrayList<>();
    for (Field f : ledger.fields()) {
      if (f.kind() == Field.Kind.COUNT) {
        checks.add(
            when(value(f).lt(0), quoted(Rules.COUNT_RANGE, f, "不能为负数 / must not be negative")));
      }
    }
    return Failures.fail(in, checks);
  }

  /** date.range: a date before 2000-01-01 or after the as-of date (years likewise). */
  static Dataset<Row> dateRange(Dataset<Row> in, Ledger ledger, LocalDate asOf) {
    List<Column> checks = new ArrayList<>();
    Date from = Date.valueOf(EARLIEST);
    Date to = Date.valueOf(asOf);
    String bounds =
        "超出范围 (" + EARLIEST + " 至 " + asOf + ") / is outside " + EARLIEST + " to " + asOf;
    for (Field f : ledger.fields()) {
      Column v = value(f);
      switch (f.kind()) {
        case DATE, MONTH ->
            checks.add(
                when(v.lt(lit(from)).or(v.gt(lit(to))), quoted(Rules.DATE_RANGE, f, bounds)));
        case DATETIME ->
            checks.add(
                when(
                    to_date(v).lt(lit(from)).or(to_date(v).gt(lit(to))),
                    quoted(Rules.DATE_RANGE, f, bounds)));
        case YEAR -> {
          int lo = f.values().isEmpty() ? EARLIEST.getYear() : Integer.parseInt(f.values().get(0));
          int hi =
              f.values().isEmpty()
                  ? asOf.getYear()
                  : Integer.parseInt(f.values().get(f.values().size() - 1));
          checks.add(
              when(
                  v.lt(lo).or(v.gt(hi)),
                  quoted(
                      Rules.DATE_RANGE,
                      f,
                      "超出范围 (" + lo + "–" + hi + ") / is outside " + lo + "–" + hi)));
        }
        default -> {}
      }
    }
    return Failures.fail(in, checks);
  }

  /**
   * credit_code.check: an enterprise's or individual business's credit code that is not 18
   * characters with the right GB 32100 check character; 无照经营户 carry a case number instead.
   */
  static Dataset<Row> creditCodeCheck(Dataset<Row> in, Ledger ledger) {
    List<Column> checks = new ArrayList<>();
    for (Field f : ledger.fields()) {
      if (f.kind() == Field.Kind.CREDIT_CODE) {
        Column code = value(f);
        Column checked = col("entity_type").isin("企业", "个体工商户");
        checks.add(
            when(
                checked.and(code.isNotNull()).and(Values.creditCodeValid(code).unary_$bang()),
                Failures.failure(
                    Rules.CREDIT_CODE_CHECK,
                    f,
                    lit(": " + f.zh() + " "),
                    Values.shownCode(code),
                    when(length(code).notEqual(18), lit(" 应为 18 位 / must be 18 characters"))
                        .otherwise(lit(" 校验位错误 / bad check character")))));
      }
    }
    return Failures.fail(in, checks);
  }

  // A cell that is present but does not parse as its type.
  private static Column invalid(Field f, String rule, String what) {
    return when(col(f.stagedName()).isNotNull().and(value(f).isNull()), quoted(rule, f, what));
  }

  // ": 出租面积 "-5" <what>" — the column's Chinese header and the value as the clerk typed it.
  private static Column quoted(String rule, Field f, String what) {
    return Failures.failure(
        rule, f, lit(": " + f.zh() + " \""), col(f.stagedName()), lit("\" " + what));
  }
}
