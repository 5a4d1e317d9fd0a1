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
