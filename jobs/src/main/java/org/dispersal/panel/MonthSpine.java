package org.dispersal.panel;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Every township (and the district) × every month of the panel, so that no cell is missing. */
final class MonthSpine {
  private MonthSpine() {}

  static final StructType SCHEMA =
      new StructType()
          .add(PanelColumns.TOWNSHIP_CODE, DataTypes.StringType, false)
          .add(PanelColumns.MONTH, DataTypes.StringType, false)
          .add(PanelColumns.MONTH_INDEX, DataTypes.IntegerType, false)
          .add(PanelColumns.MONTH_END, DataTypes.DateType, false);

  /** The months from {@code first} to {@code last} inclusive, as {@code yyyy-MM}. */
  static List<YearMonth> months(YearMonth first, YearMonth last) {
    List<YearMonth> months = new ArrayList<>();
    for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
      months.add(m);
    }
    return months;
  }

  /** Month index counted from 2015-01 = 0; stable across runs so tables can be joined. */
  static int index(YearMonth m) {
    return (m.getYear() - 2015) * 12 + m.getMonthValue() - 1;
  }

  static Dataset<Row> spine(
      SparkSession spark, List<String> units, YearMonth first, YearMonth last) {
    List<Row> rows = new ArrayList<>();
    for (String unit : units) {
      for (YearMonth m : months(first, last)) {
        rows.add(
            RowFactory.create(
                unit, m.toString(), index(m), java.sql.Date.valueOf(m.atEndOfMonth())));
      }
    }
    return spark.createDataFrame(rows, SCHEMA);
  }
}
