package org.dispersal.panel;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.dispersal.GeneratedLake;
import org.dispersal.TestSpark;
import org.dispersal.common.RunContext;
import org.dispersal.ops.Pipeline;
import org.junit.jupiter.api.Test;

/**
 * The generated district delivered in two nights — everything to November 2019, then December's
 * files (new records and corrections of older ones) — gives the same gold tables incrementally as a
 * {@code --full} rebuild does.
 */
class PanelIncrementalTest {
  private static final String[] TABLES = {
    PanelStage.TOWNSHIP_MONTH, PanelStage.ENTITIES_BY_CATEGORY, PanelStage.TASK_PROGRESS
  };

  // The key of a gold panel table: its month and township, and its task or category.
  private static List<String> keyOf(Dataset<Row> rows) {
    List<String> columns = List.of(rows.columns());
    if (columns.contains(PanelColumns.TASK)) {
      return List.of(
          PanelColumns.TASK, PanelColumns.METRIC, PanelColumns.TOWNSHIP_CODE, PanelColumns.MONTH);
    }
    if (columns.contains(PanelColumns.CATEGORY)) {
      return List.of(PanelColumns.TOWNSHIP_CODE, PanelColumns.MONTH, PanelColumns.CATEGORY);
    }
    return List.of(PanelColumns.TOWNSHIP_CODE, PanelColumns.MONTH);
  }

  // Rows of one table whose key is missing from the other or whose values differ. Sums of areas
  // read from other files come in another order and may differ in the last bits (1585.98 against
  // 1585.9799999999998), so doubles are equal within a relative 1e-9.
  private static Dataset<Row> differing(Dataset<Row> a, Dataset<Row> b) {
    List<String> key = keyOf(a);
    Column join = lit(true);
    for (String k : key) {
      join = join.and(col("a." + k).eqNullSafe(col("b." + k)));
    }
    Column differs = col("b." + key.get(0)).isNull();
    for (StructField f : a.schema().fields()) {
      Column x = col("a." + f.name());
      Column y = col("b." + f.name());
      Column same =
          f.dataType().equals(DataTypes.DoubleType)
              ? x.eqNullSafe(y).or(abs(x.minus(y)).leq(abs(x).plus(1).multiply(1e-9)))
              : x.eqNullSafe(y);
      differs = differs.or(not(coalesce(same, lit(false))));
    }
    return a.as("a").join(b.as("b"), join, "left").filter(differs).select("a.*");
  }

  @Test
  void incrementalNightsGiveTheSameTablesAsAFullRebuild() {
    GeneratedLake lake = GeneratedLake.get();
    // The second night rewrote the months from the earliest one December's files touch: the last
    // commit before our rebuild replaced those months, not the whole table.
    Row last =
        TestSpark.session()
            .sql(
                "describe history delta.`"
                    + lake.lake.resolve("gold").resolve(PanelStage.TOWNSHIP_MONTH).toUri()
                    + "` limit 1")
            .first();
    assertThat((String) last.getAs("operation")).isEqualTo("WRITE");
    assertThat(String.valueOf(last.<java.util.Map<String, String>>getAs("operationParameters")))
        .contains("month")
        .contains(">= '20");

    List<List<Row>> incremental = new ArrayList<>();
    for (String t : TABLES) {
      incremental.add(lake.table("gold/" + t).collectAsList());
    }
    Pipeline.run(
        TestSpark.session(),
        lake.settings,
        RunContext.start(lake.settings, true),
        List.of(new PanelStage()));
    for (int i = 0; i < TABLES.length; i++) {
      Dataset<Row> full = lake.table("gold/" + TABLES[i]);
      Dataset<Row> inc = TestSpark.session().createDataFrame(incremental.get(i), full.schema());
      assertThat(inc.count()).as(TABLES[i]).isEqualTo(full.count()).isGreaterThan(100);
      assertThat(differing(inc, full).limit(3).collectAsList())
          .as(TABLES[i] + " rows only incremental or different")
          .isEmpty();
      assertThat(differing(full, inc).limit(3).collectAsList())
          .as(TABLES[i] + " rows only full or different")
          .isEmpty();
    }
  }
}
