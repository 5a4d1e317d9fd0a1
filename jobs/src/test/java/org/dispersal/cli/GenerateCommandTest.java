package org.dispersal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.dispersal.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import picocli.CommandLine;

@Execution(ExecutionMode.CONCURRENT)
class GenerateCommandTest {
  @TempDir Path dir;

  private static String[] run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    int code = cli.execute(args);
    return new String[] {String.valueOf(code), out.toString()};
  }

  @Test
  void helpDocumentsTheGeneratorsOptions() {
    String[] r = run("generate", "--help");
    assertThat(r[0]).isEqualTo("0");
    assertThat(r[1]).contains("--seed", "--scale", "--defect-rate", "--out", "--as-of", "_truth");
    assertThat(run("demo", "--help")[1]).contains("--regenerate", "reused");
  }

  @Test
  void generatesAndPrintsASummaryPerLedger() {
    Path out = dir.resolve("landing");
    String[] r = run("generate", "--out", out.toString(), "--as-of", "2015-02-28", "--seed", "5");
    assertThat(r[0]).isEqualTo("0");
    assertThat(r[1]).contains("rental", "license", "demolition", "Defects injected");
    assertThat(out.resolve("rental/出租房屋登记_2015-02.csv")).exists();
    assertThat(out.resolve("_truth/parameters.csv")).exists();
  }

  @Test
  void aScaleFractionGeneratesTheSameTownshipsWithFewerResidentsAndRows() throws Exception {
    Path whole = dir.resolve("whole");
    Path quarter = dir.resolve("quarter");
    String[] common = {"--as-of", "2015-03-31", "--seed", "5", "--defect-rate", "0"};
    assertThat(run(concat(new String[] {"generate", "--out", whole.toString()}, common))[0])
        .isEqualTo("0");
    String[] r =
        run(
            concat(
                new String[] {"generate", "--out", quarter.toString(), "--scale-fraction", "0.25"},
                common));
    assertThat(r[0]).isEqualTo("0");
    assertThat(Files.readAllLines(quarter.resolve("_truth/parameters.csv")))
        .contains("scale_fraction,0.25,share of the published populations,run,")
        .anyMatch(l -> l.startsWith("population_2016.110111,275000,"));
    double ratio =
        (double) rows(quarter.resolve("rental/出租房屋登记_2015-03.csv"))
            / rows(whole.resolve("rental/出租房屋登记_2015-03.csv"));
    assertThat(ratio).isBetween(0.15, 0.35);
    assertThat(run("generate", "--out", quarter.toString(), "--scale-fraction", "0")[0])
        .isEqualTo("2");
  }

  private static String[] concat(String[] a, String[] b) {
    return java.util.stream.Stream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b))
        .toArray(String[]::new);
  }

  // Lines, counted in bytes: some deliveries are in GBK.
  private static long rows(Path csv) throws java.io.IOException {
    long n = 0;
    for (byte b : Files.readAllBytes(csv)) {
      n += b == '\n' ? 1 : 0;
    }
    return n;
  }

  @Test
  void badOptionsAreUsageErrors() {
    String out = dir.resolve("x").toString();
    assertThat(run("generate", "--out", out, "--scale", "town")[0]).isEqualTo("2");
    assertThat(run("generate", "--out", out, "--defect-rate", "0.9")[0]).isEqualTo("2");
    assertThat(run("generate", "--out", out, "--as-of", "2014-12-31")[0]).isEqualTo("2");
    assertThat(run("generate", "--out", out, "--seed", "-1")[0]).isEqualTo("2");
  }

  @Test
  void demoGeneratesOnceThenReusesTheSameData() throws Exception {
    TestSpark.session(); // the demo's nightly run then reuses the shared test session
    Path landing = dir.resolve("landing");
    String[] args = {
      "demo",
      "--set",
      "paths.landing=" + landing,
      "--set",
      "paths.runs=" + dir.resolve("runs"),
      "--set",
      "paths.lake=" + dir.resolve("lake"),
      "--set",
      "paths.exports=" + dir.resolve("exports"),
      "--set",
      "pii.key-file=" + dir.resolve("keys/pii.key"),
      // A tenth of the district: the same files and townships, fewer rows to ingest.
      "--set",
      "generate.scale-fraction=0.1",
      "--as-of",
      "2015-02-28"
    };
    // The sample data carries whole-file faults on purpose: ingest rejects them, which the demo
    // reports as intended (exit 0, where a nightly would exit 3), and creates the demo's local
    // key; the second run finds nothing new.
    assertThat(run(args)[0]).isEqualTo("0");
    assertThat(dir.resolve("keys/pii.key")).exists();
    Path marker = landing.resolve("_truth/parameters.csv");
    FileTime first = Files.getLastModifiedTime(marker);
    Files.setLastModifiedTime(marker, FileTime.fromMillis(first.toMillis() - 60_000));
    FileTime aged = Files.getLastModifiedTime(marker);
    assertThat(run(args)[0]).isEqualTo("0");
    assertThat(Files.getLastModifiedTime(marker)).isEqualTo(aged);
  }
}
