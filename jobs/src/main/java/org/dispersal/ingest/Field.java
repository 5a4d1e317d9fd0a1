package org.dispersal.ingest;

import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * One column of a ledger as the input contract defines it: its English and Chinese headers, its
 * kind (which decides parsing, checks and the bronze type), whether it is required, and its values
 * for enumerations.
 */
record Field(String name, String zh, Kind kind, boolean required, List<String> values) {

  /** What a column holds; decides how it is parsed, checked and stored. */
  enum Kind {
    TEXT(DataTypes.StringType),
    /** Free text typed by clerks; phone and ID patterns are masked out of it. */
    FREE_TEXT(DataTypes.StringType),
    /**
     * A market entity's name: for 无照经营户 it is a person's name with a description, such as 张三（无照经营）,
     * so the name part is masked on those rows.
     */
    ENTITY_NAME(DataTypes.StringType),
    /** Kept as the raw text; conform resolves it. */
    TOWNSHIP(DataTypes.StringType),
    ENUM(DataTypes.StringType),
    CREDIT_CODE(DataTypes.StringType),
    /** Square metres, {@code > 0} and at most {@code ingest.max-area-m2}. */
    AREA(DataTypes.DoubleType),
    NUMBER(DataTypes.DoubleType),
    /** A whole number that must not be negative. */
    COUNT(DataTypes.LongType),
    /**
     * A calendar year; bounds like dates (2000 to the as-of year) unless the field sets its own.
     */
    YEAR(DataTypes.IntegerType),
    YES_NO(DataTypes.BooleanType),
    DATE(DataTypes.DateType),
    DATETIME(DataTypes.TimestampType),
    /** {@code YYYY-MM}; stored as the first day of the month. */
    MONTH(DataTypes.DateType),
    NAME(DataTypes.StringType),
    ID_NUMBER(DataTypes.StringType),
    PHONE(DataTypes.StringType);

    private final DataType type;

    Kind(DataType type) {
      this.type = type;
    }

    /** The bronze type; for personal data the type of the keyed hash. */
    DataType type() {
      return type;
    }

    boolean personal() {
      return this == NAME || this == ID_NUMBER || this == PHONE;
    }

    /** Whether a cell of this kind may hold personal data, so misaligned rows mask near it. */
    boolean maybePersonal() {
      return personal() || this == ENTITY_NAME;
    }
  }

  static Field of(String name, String zh, Kind kind) {
    return new Field(name, zh, kind, false, List.of());
  }

  static Field required(String name, String zh, Kind kind) {
    return new Field(name, zh, kind, true, List.of());
  }

  static Field oneOf(String name, String zh, boolean required, String... values) {
    return new Field(name, zh, Kind.ENUM, required, List.of(values));
  }

  /** A year restricted to a fixed list (the targets ledger's 2017–2020). */
  static Field years(String name, String zh, int from, int to) {
    List<String> values =
        java.util.stream.IntStream.rangeClosed(from, to).mapToObj(Integer::toString).toList();
    return new Field(name, zh, Kind.YEAR, true, values);
  }

  /** The column's name in the staged rows and bronze: personal columns become their hash. */
  String stagedName() {
    return kind.personal() ? hashColumn() : name;
  }

  String hashColumn() {
    return name + "_hash";
  }

  String validColumn() {
    return name + "_valid";
  }
}
