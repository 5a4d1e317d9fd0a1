package org.dispersal.ingest;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.translate;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.time.Instant;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.dispersal.common.CreditCodes;

/**
 * Column expressions that read a staged text cell as its contract type; each gives null where the
 * text does not parse, so that a rule can tell "empty" from "invalid".
 */
final class Values {
  // Digits with optional thousands separators and decimals; no exponent, NaN or Infinity.
  static final String NUMBER = "^[+-]?(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d*)?$|^[+-]?\\.\\d+$";
  static final String WHOLE = "^[+-]?(\\d{1,3}(,\\d{3})+|\\d+)(\\.0*)?$";

  private static final UserDefinedFunction DATE =
      udf((UDF1<String, LocalDate>) Dates::date, DataTypes.DateType);
  private static final UserDefinedFunction DATETIME =
      udf((UDF1<String, Instant>) Dates::instant, DataTypes.TimestampType);
  private static final UserDefinedFunction MONTH =
      udf((UDF1<String, LocalDate>) Dates::month, DataTypes.DateType);
  private static final UserDefinedFunction CREDIT_CODE_VALID =
      udf((UDF1<String, Boolean>) CreditCodes::isValid, DataTypes.BooleanType);

  private Values() {}

  /** The cell read as the field's bronze type (personal fields are already hashes). */
  static Column typed(Field f, Column raw) {
    Column c =
        switch (f.kind()) {
          case AREA, NUMBER, COUNT, YEAR, DATE, DATETIME, MONTH -> halfWidth(raw);
          default -> raw;
        };
    return switch (f.kind()) {
      case AREA, NUMBER -> number(c);
      case COUNT -> whole(c);
      case YEAR -> whole(c).try_cast(DataTypes.IntegerType);
      case YES_NO -> yesNo(c);
      case DATE -> DATE.apply(c);
      case DATETIME -> DATETIME.apply(c);
      case MONTH -> MONTH.apply(c);
      case CREDIT_CODE -> upper(c);
      default -> c;
    };
  }

  /**
   * Full-width digits and number punctuation (typed with a Chinese input method: {@code ４０．５},
   * {@code １，２００}) as their ASCII forms, so that they read as the number they show.
   */
  static Column halfWidth(Column c) {
    return translate(c, "０１２３４５６７８９．，－：／＋", "0123456789.,-:/+");
  }

  static Column number(Column c) {
    return when(c.rlike(NUMBER), regexp_replace(c, ",", "").try_cast(DataTypes.DoubleType));
  }

  static Column whole(Column c) {
    return when(
        c.rlike(WHOLE),
        regexp_replace(regexp_replace(c, ",", ""), "\\.0*$", "").try_cast(DataTypes.LongType));
  }

  static Column yesNo(Column c) {
    return when(c.equalTo("是"), true).when(c.equalTo("否"), false);
  }

  static Column creditCodeValid(Column c) {
    return CREDIT_CODE_VALID.apply(c);
  }

  /**
   * A cell as a reason may quote it: anything like an ID or phone number masked, and cut to a few
   * characters when long.
   */
  static Column shown(Column c) {
    Column safe =
        regexp_replace(
            regexp_replace(c, Pii.ID_LIKE.pattern(), Pii.MASK), Pii.PHONE_LIKE.pattern(), Pii.MASK);
    return when(length(safe).gt(16), concat(substring(safe, 1, 12), lit("…"))).otherwise(safe);
  }

  /** A credit code as a reason quotes it: the first seven characters, e.g. {@code 9111011…}. */
  static Column shownCode(Column c) {
    return when(length(c).gt(7), concat(substring(c, 1, 7), lit("…"))).otherwise(c);
  }
}
