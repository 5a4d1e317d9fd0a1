package org.dispersal.conform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dispersal.TestSpark;
import org.dispersal.cli.Cli;
import org.dispersal.common.Lake;
import org.dispersal.common.RunContext;
import org.dispersal.common.Settings;
import org.dispersal.common.SettingsLoader;
import org.dispersal.common.StageOutcome;
import org.dispersal.generate.GenerateConfig;
import org.dispersal.generate.Generator;
import org.dispersal.ingest.IngestStage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * An incremental conform — only the deliveries ingested since the last one, folded into silver —
 * leaves exactly the silver tables a full rebuild from all of bronze makes, also when it is run
 * again over deliveries it had already folded (a conform that failed before recording them), and
 * leaves the tables a night's deliveries do not feed as they were.
 */
@Execution(ExecutionMode.CONCURRENT)
class ConformIncrementalTest {
  private static final LocalDate AS_OF = LocalDate.of(2015, 3, 31);
  private static final String DISTRICT = "110119";
  // The third night delivers this ledger's March file alone.
  private static final String LAST = "拆违台账";
  private static final Set<String> NOT_FROM_DEMOLITION =
      Set.of(
          "rental_history",
          "rental",
          "license_history",
          "license",
          "population",
          "targets",
          "targets_history",
          "progress",
          "progress_history");

  @TempDir static Path dir;
  private static SparkSession spark;
  private static StageOutcome firstNight;
  private static StageOutcome secondNight;
  private static StageOutcome thirdNight;
  private static Map<String, Long> beforeThird;
  private static Map<String, Long> afterThird;
  private static Map<String, List<Row>> incremental;
  private static long bronzeRows;
  private static long firstNightInputs;

  @BeforeAll
  static void twoNights() throws IOException {
    spark = TestSpark.session();
    Path generated = dir.resolve("generated");
    Generator.generate(
        new GenerateConfig(20170101, false, 0.02, AS_OF, DISTRICT), generated, (f, n, r) -> {});
    deliver(generated, name -> !name.contains("2015-03"));
    firstNight = night(AS_OF.withDayOfMonth(1).minusDays(1), false);
    firstNightInputs = Lake.version(spark, table("silver", Inputs.TABLE));
    deliver(generated, name -> name.contains("2015-03") && !name.startsWith(LAST));
    secondNight = night(AS_OF, false);
    beforeThird = versions();
    deliver(generated, name -> name.contains("2015-03") && name.startsWith(LAST));
    thirdNight = night(AS_OF, false);
    afterThird = versions();
    incremental = silver();
    for (String ledger : ConformStage.LEDGERS) {
      bronzeRows += spark.read().format("delta").load(table("bronze", ledger)).count();
    }
  }

  @Test
  @Execution(ExecutionMode.SAME_THREAD) // the tests rebuild the same lake in turn
  void theSecondNightConformsOnlyTheNewDeliveries() {
    assertThat(firstNight.summary()).contains("rebuilt (no earlier conform");
    assertThat(secondNight.summary()).contains("new deliveries").doesNotContain("rebuilt");
    assertThat(secondNight.rowsIn()).isPositive().isLessThan(bronzeRows / 2);
    assertThat(firstNight.rowsIn() + secondNight.rowsIn() + thirdNight.rowsIn())
        .isEqualTo(bronzeRows);
  }

  @Test
  @Execution(ExecutionMode.SAME_THREAD) // the tests rebuild the same lake in turn
  void aDeliveryOfOneLedgerWritesOnlyTheTablesItFeeds() {
    // That the tables kept and written are right is aFullRebuildMakesTheSameSilverTables' part.
    assertThat(thirdNight.summary()).contains("new deliveries").contains(" kept");
    for (String t : NOT_FROM_DEMOLITION) {
      assertThat(afterThird.get(t)).as("silver/" + t).isEqualTo(beforeThird.get(t));
    }
    for (String t : List.of("demolition_history", "demolition", "quality_deliveries")) {
      assertThat(afterThird.get(t)).as("silver/" + t).isGreaterThan(beforeThird.get(t));
    }
  }

  @Test
  @Execution(ExecutionMode.SAME_THREAD) // the tests rebuild the same lake in turn
  void aDeliveryRewritesTheTownshipLocalTablesOnlyInTheTownshipsItTouches() {
    // The townships of every version of the demolition records the third night delivered.
    Dataset<Row> delivered =
        spark
            .read()
            .format("delta")
            .load(table("bronze", "demolition"))
            .filter(org.apache.spark.sql.functions.col("file_name").contains(LAST + "_2015-03"))
            .select(Cols.RECORD_ID);
    Set<String> touched =
        townships(
            spark
                .read()
                .format("delta")
                .load(table("silver", "demolition_history"))
                .join(delivered, Cols.RECORD_ID, "left_semi"));
    Set<String> all =
        townships(spark.read().format("delta").load(table("silver", "vacating_events")));
    assertThat(touched).isNotEmpty().isSubsetOf(all).hasSizeLessThan(all.size());
    for (String t :
        List.of("demolition", "links", "linkage_rate", "vacating_events", "rebound_watch")) {
      if (afterThird.get(t).equals(beforeThird.get(t))) {
        // Delta commits no replaceWhere that removes and adds nothing.
        assertThat(
                spark
                    .read()
                    .format("delta")
                    .load(table("silver", t))
                    .filter(
                        org.apache
                            .spark
                            .sql
                            .functions
                            .col(Cols.TOWNSHIP_CODE)
                            .isin(touched.toArray()))
                    .count())
            .as("silver/" + t)
            .isZero();
        continue;
      }
      assertThat(t.equals("demolition") ? merged(t) : replaced(t))
          .as("silver/" + t)
          .isEqualTo(touched);
    }
  }

  /**
   * The townships a MERGE of the third night was limited to (the current records take their
   * recomputed versions by key, within the townships of the records' versions).
   */
  private static Set<String> merged(String t) {
    Row commit = thirdNight(t);
    assertThat(commit.<String>getAs("operation")).as("silver/" + t).isEqualTo("MERGE");
    String predicate = String.valueOf(commit.<Map<String, String>>getAs("operationParameters"));
    Set<String> within = new java.util.TreeSet<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\\b(1101\\d{5})\\b").matcher(predicate);
    while (m.find()) {
      within.add(m.group(1));
    }
    return within;
  }

  /** The third night's commit to a table. */
  private static Row thirdNight(String t) {
    return io.delta.tables.DeltaTable.forPath(spark, table("silver", t))
        .history()
        .filter(org.apache.spark.sql.functions.col("version").equalTo(afterThird.get(t)))
        .first();
  }

  /** The townships the commit of the third night replaced in a table (a replaceWhere on them). */
  private static Set<String> replaced(String t) {
    Row commit = thirdNight(t);
    String predicate = String.valueOf(commit.<Map<String, String>>getAs("operationParameters"));
    assertThat(predicate).as("silver/" + t).contains("`" + Cols.TOWNSHIP_CODE + "` IN");
    Set<String> replaced = new java.util.TreeSet<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("'(\\d+)'").matcher(predicate);
    while (m.find()) {
      replaced.add(m.group(1));
    }
    return replaced;
  }

  @Test
  @Execution(ExecutionMode.SAME_THREAD) // the tests rebuild the same lake in turn
  void aFullRebuildMakesTheSameSilverTables() {
    StageOutcome full = conform(AS_OF, true);
    assertThat(full.summary()).contains("rebuilt (--full)");
    assertThat(full.rowsIn()).isEqualTo(bronzeRows);
    assertSameTables(silver(), incremental);
  }

  @Test
  @Execution(ExecutionMode.SAME_THREAD) // the tests rebuild the same lake in turn
  void foldingTheSameDeliveriesAgainChangesNothing() {
    // As if the last conform had failed after folding but before recording its deliveries.
    String inputs = table("silver", Inputs.TABLE);
    Lake.overwrite(Lake.readAt(spark, inputs, firstNightInputs), inputs, "test-rollback");

    StageOutcome again = conform(AS_OF, false);

    assertThat(again.summary()).contains("new deliveries").doesNotContain("rebuilt");
    assertThat(again.rowsIn()).isEqualTo(secondNight.rowsIn() + thirdNight.rowsIn());
    assertSameTables(silver(), incremental);
  }

  private static void assertSameTables(Map<String, List<Row>> actual, Map<String, List<Row>> want) {
    assertThat(actual.keySet()).isEqualTo(want.keySet());
    for (String t : want.keySet()) {
      assertThat(actual.get(t)).as("silver/" + t).containsExactlyInAnyOrderElementsOf(want.get(t));
    }
  }

  private static Set<String> townships(Dataset<Row> rows) {
    return new java.util.TreeSet<>(
        rows.select(Cols.TOWNSHIP_CODE)
            .distinct()
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList());
  }

  /** Every silver table's latest version. */
  private static Map<String, Long> versions() {
    Map<String, Long> out = new TreeMap<>();
    for (String t : silverTables()) {
      out.put(t, Lake.version(spark, table("silver", t)));
    }
    return out;
  }

  /** Every silver table's rows but the conform's own bookkeeping, sorted for a stable diff. */
  private static Map<String, List<Row>> silver() {
    Map<String, List<Row>> out = new TreeMap<>();
    for (String t : silverTables()) {
      Dataset<Row> rows = spark.read().format("delta").load(table("silver", t));
      out.put(t, new ArrayList<>(rows.collectAsList()));
    }
    return out;
  }

  private static List<String> silverTables() {
    try (Stream<Path> tables = Files.list(dir.resolve("lake").resolve("silver"))) {
      return tables
          .map(t -> t.getFileName().toString())
          .filter(name -> !name.equals(Inputs.TABLE))
          .toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static StageOutcome night(LocalDate asOf, boolean full) {
    Settings settings = settings(asOf);
    new IngestStage().run(spark, settings, RunContext.start(settings, full));
    return conform(asOf, full);
  }

  private static StageOutcome conform(LocalDate asOf, boolean full) {
    Settings settings = settings(asOf);
    return new ConformStage().run(spark, settings, RunContext.start(settings, full));
  }

  private static Settings settings(LocalDate asOf) {
    return SettingsLoader.load(
        Cli.allSettings(),
        null,
        null,
        Map.of(),
        List.of(
            "paths.landing=" + dir.resolve("landing"),
            "paths.lake=" + dir.resolve("lake"),
            "paths.runs=" + dir.resolve("runs"),
            "run.as-of=" + asOf,
            "run.district=" + DISTRICT,
            "pii.key=conform-incremental-test-key-0123456789"));
  }

  private static String table(String layer, String name) {
    return dir.resolve("lake").resolve(layer).resolve(name).toUri().toString();
  }

  private static void deliver(Path generated, Predicate<String> names) throws IOException {
    try (Stream<Path> files = Files.walk(generated)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path rel = generated.relativize(f);
        if (!rel.startsWith("_truth") && names.test(rel.getFileName().toString())) {
          Files.createDirectories(dir.resolve("landing").resolve(rel).getParent());
          Files.copy(
              f,
              dir.resolve("landing").resolve(rel),
              java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
