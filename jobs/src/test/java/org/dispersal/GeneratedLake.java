package org.dispersal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.dispersal.cli.Cli;
import org.dispersal.common.RunContext;
import org.dispersal.common.Settings;
import org.dispersal.common.SettingsLoader;
import org.dispersal.common.Stage;
import org.dispersal.conform.ConformStage;
import org.dispersal.generate.GenerateConfig;
import org.dispersal.generate.Generator;
import org.dispersal.ingest.IngestStage;
import org.dispersal.ops.Pipeline;
import org.dispersal.panel.PanelStage;

/**
 * The generator's district (fixed seed, default defect rate) up to {@link #AS_OF}, run through the
 * pipeline once per test JVM, so that every stage's end-to-end test against the generator's truth
 * reads the same lake.
 */
public final class GeneratedLake {
  /** Three and a half years of the special action: enough reports to measure rates on. */
  public static final LocalDate AS_OF = LocalDate.of(2019, 12, 31);

  private static GeneratedLake instance;

  public final Path landing;
  public final Path lake;
  public final Settings settings;
  private final Path root;
  private final Path generated;

  private GeneratedLake(Path root) {
    this.root = root;
    generated = root.resolve("generated");
    landing = root.resolve("landing");
    lake = root.resolve("lake");
    settings = settings(AS_OF);
  }

  /** The run settings of this lake at an as-of date. */
  public Settings settings(LocalDate asOf) {
    List<String> sets = new ArrayList<>();
    sets.add("paths.landing=" + landing);
    sets.add("paths.lake=" + lake);
    sets.add("paths.runs=" + root.resolve("runs"));
    sets.add("paths.exports=" + root.resolve("exports"));
    sets.add("run.as-of=" + asOf);
    sets.add("pii.key=generated-lake-test-key-0123456789");
    sets.add(TestFonts.chartsSetting());
    // The generator's files are complete when it returns: no settling time.
    sets.add("ingest.settle-seconds=0");
    return SettingsLoader.load(Cli.allSettings(), null, null, Map.of(), sets);
  }

  /**
   * The lake after two nights (made on first use): ingest, conform and panel on every delivery but
   * December 2019's demolition ledger, then the whole pipeline after it arrives — so the conform of
   * the second night is a fold and its panel an incremental one.
   */
  public static synchronized GeneratedLake get() {
    if (instance == null) {
      try {
        Path root = Files.createTempDirectory("dispersal-lake-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
        GeneratedLake g = new GeneratedLake(root);
        Generator.generate(
            new GenerateConfig(20170101, false, 0.02, AS_OF, "110111"),
            g.generated,
            (f, n, r) -> {});
        // One ledger's file, not a month of all ledgers: a fold of every ledger costs as much as
        // the first night's rebuild, and ConformIncrementalTest checks such folds already.
        java.util.function.Predicate<String> last =
            name -> name.startsWith("拆违台账") && name.contains(AS_OF.toString().substring(0, 7));
        g.deliver(last.negate());
        Pipeline.run(
            TestSpark.session(),
            g.settings,
            RunContext.start(g.settings, false),
            List.of(new IngestStage(), new ConformStage(), new PanelStage()));
        g.deliver(last);
        g.run(Pipeline.stages());
        instance = g;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  // Copies the generated files whose names pass the filter into the landing folder.
  private void deliver(java.util.function.Predicate<String> names) throws IOException {
    try (Stream<Path> files = Files.walk(generated)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path rel = generated.relativize(f);
        if (!rel.startsWith("_truth") && names.test(rel.getFileName().toString())) {
          Files.createDirectories(landing.resolve(rel).getParent());
          Files.copy(f, landing.resolve(rel), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  /** Runs stages on the lake as a nightly run would (without the lock and run tables). */
  public void run(List<Stage> stages) {
    Pipeline.run(TestSpark.session(), settings, RunContext.start(settings, false), stages);
  }

  /** A lake table, e.g. {@code silver/links}. */
  public Dataset<Row> table(String name) {
    return TestSpark.session().read().format("delta").load(lake.resolve(name).toUri().toString());
  }

  /** A truth file of the generator, e.g. {@code links.csv}. */
  public Dataset<Row> truth(String file) {
    return TestSpark.session()
        .read()
        .option("header", true)
        .csv(generated.resolve("_truth").resolve(file).toUri().toString());
  }

  private static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort at JVM exit
    }
  }
}
