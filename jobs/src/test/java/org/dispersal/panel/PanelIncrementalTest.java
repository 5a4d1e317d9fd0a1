package org.dispersal.panel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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

  @Test
  void incrementalNightsGiveTheSameTablesAsAFullRebuild() {
    GeneratedLake lake = GeneratedLake.get();
    // The second night merged: the last commit before our rebuild is a MERGE from 2019-12 on.
    Row last =
        TestSpark.session()
            .sql(
                "describe history delta.`"
                    + lake.lake.resolve("gold").resolve(PanelStage.TOWNSHIP_MONTH).toUri()
                    + "` limit 1")
            .first();
    assertThat((String) last.getAs("operation")).isEqualTo("MERGE");

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
      assertThat(inc.exceptAll(full).count()).as(TABLES[i] + " rows only incremental").isZero();
      assertThat(full.exceptAll(inc).count()).as(TABLES[i] + " rows only full").isZero();
    }
  }
}
