package org.dispersal.panel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.dispersal.TestSpark;
import org.dispersal.cli.Cli;
import org.dispersal.common.RunContext;
import org.dispersal.common.Settings;
import org.dispersal.common.SettingsLoader;
import org.dispersal.conform.ConformStage;
import org.dispersal.generate.GenerateConfig;
import org.dispersal.generate.Generator;
import org.dispersal.ingest.IngestStage;
import org.dispersal.ops.Pipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated ledgers delivered in two nights — everything up to July 2017, then August's files (new
 * records and corrections of older ones) — give the same gold tables incrementally as a {@code
 * --full} rebuild does.
 */
class PanelIncrementalTest {
  private static final LocalDate AS_OF = LocalDate.of(2017, 8, 31);
  private static final String[] TABLES = {
    PanelStage.TOWNSHIP_MONTH, PanelStage.ENTITIES_BY_CATEGORY, PanelStage.TASK_PROGRESS
  };

  @TempDir Path dir;

  private Settings settings(Path landing, LocalDate asOf) {
    return SettingsLoader.load(
        Cli.allSettings(),
        null,
        null,
        Map.of(),
        List.of(
            "paths.landing=" + landing,
            "paths.lake=" + dir.resolve("lake"),
            "paths.runs=" + dir.resolve("runs"),
            "run.as-of=" + asOf,
            "pii.key=panel-incremental-test-key-0123"));
  }

  private void night(Path landing, LocalDate asOf, boolean full) {
    Settings s = settings(landing, asOf);
    Pipeline.run(
        TestSpark.session(),
        s,
        RunContext.start(s, full),
        List.of(new IngestStage(), new ConformStage(), new PanelStage()));
  }

  private Dataset<Row> gold(String table) {
    return TestSpark.session()
        .read()
        .format("delta")
        .load(dir.resolve("lake/gold").resolve(table).toUri().toString());
  }

  @Test
  void incrementalNightsGiveTheSameTablesAsAFullRebuild() throws IOException {
    Path generated = dir.resolve("generated");
    Generator.generate(
        new GenerateConfig(20170101, false, 0.02, AS_OF, "110111"), generated, (f, n, r) -> {});
    Path landing = dir.resolve("landing");
    List<Path> august = new ArrayList<>();
    try (Stream<Path> files = Files.walk(generated)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path rel = generated.relativize(f);
        if (rel.startsWith("_truth")) {
          continue;
        }
        if (rel.getFileName().toString().contains("2017-08")) {
          august.add(rel);
        } else {
          Files.createDirectories(landing.resolve(rel).getParent());
          Files.copy(f, landing.resolve(rel));
        }
      }
    }
    assertThat(august).isNotEmpty();

    night(landing, LocalDate.of(2017, 7, 31), false);
    for (Path rel : august) {
      Files.copy(generated.resolve(rel), landing.resolve(rel));
    }
    night(landing, AS_OF, false);
    List<List<Row>> incremental = new ArrayList<>();
    for (String t : TABLES) {
      incremental.add(gold(t).collectAsList());
    }
    assertThat(gold(PanelStage.TOWNSHIP_MONTH).filter("month = '2017-08'").count())
        .isGreaterThan(20);

    Settings s = settings(landing, AS_OF);
    Pipeline.run(TestSpark.session(), s, RunContext.start(s, true), List.of(new PanelStage()));
    for (int i = 0; i < TABLES.length; i++) {
      Dataset<Row> full = gold(TABLES[i]);
      Dataset<Row> inc = TestSpark.session().createDataFrame(incremental.get(i), full.schema());
      assertThat(inc.count()).as(TABLES[i]).isEqualTo(full.count());
      assertThat(inc.exceptAll(full).count()).as(TABLES[i] + " rows only incremental").isZero();
      assertThat(full.exceptAll(inc).count()).as(TABLES[i] + " rows only full").isZero();
    }
  }
}
