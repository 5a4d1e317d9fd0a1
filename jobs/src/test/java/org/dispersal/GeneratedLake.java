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
import org.dispersal.generate.GenerateConfig;
import org.dispersal.generate.Generator;
import org.dispersal.ops.Pipeline;

/**
 * The generator's district (fixed seed, default defect rate) up to {@link #AS_OF}, run through the
 * pipeline's first stages once per test JVM, so that every stage's end-to-end test against the
 * generator's truth reads the same lake.
 */
public final class GeneratedLake {
  /** Three and a half years of the special action: enough reports to measure rates on. */
  public static final LocalDate AS_OF = LocalDate.of(2019, 12, 31);

  private static GeneratedLake instance;

  public final Path landing;
  public final Path lake;
  public final Settings settings;

  private GeneratedLake(Path root) {
    landing = root.resolve("landing");
    lake = root.resolve("lake");
    List<String> sets = new ArrayList<>();
    sets.add("paths.landing=" + landing);
    sets.add("paths.lake=" + lake);
    sets.add("paths.runs=" + root.resolve("runs"));
    sets.add("paths.exports=" + root.resolve("exports"));
    sets.add("run.as-of=" + AS_OF);
    sets.add("pii.key=generated-lake-test-key-0123456789");
    settings = SettingsLoader.load(Cli.allSettings(), null, null, Map.of(), sets);
  }

  /** The lake after ingest, conform and panel (made on first use). */
  public static synchronized GeneratedLake get() {
    if (instance == null) {
      try {
        Path root = Files.createTempDirectory("dispersal-lake-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
        GeneratedLake g = new GeneratedLake(root);
        Generator.generate(
            new GenerateConfig(20170101, false, 0.02, AS_OF, "110111"), g.landing, (f, n, r) -> {});
        g.run(Pipeline.stages());
        instance = g;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
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
        .csv(landing.resolve("_truth").resolve(file).toUri().toString());
  }

  private static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort at JVM exit
    }
  }
}
