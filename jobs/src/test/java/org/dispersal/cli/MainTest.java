package org.dispersal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void helpListsEveryCommandWithOneLineEach() {
    Result r = run("--help");
    assertThat(r.code()).isZero();
    for (String cmd :
        new String[] {
          "generate",
          "ingest",
          "conform",
          "panel",
          "estimate",
          "forecast",
          "export",
          "nightly",
          "demo",
          "runs",
          "maintain",
          "config",
          "notebook-kernel"
        }) {
      assertThat(r.out()).containsPattern("(?m)^  " + cmd + " +\\S");
    }
  }

  @Test
  void everyCommandDocumentsTheCommonOptions() {
    for (String cmd :
        new String[] {"ingest", "nightly", "config", "generate", "demo", "forecast"}) {
      Result r = run(cmd, "--help");
      assertThat(r.code()).as(cmd).isZero();
      assertThat(r.out())
          .as(cmd)
          .contains("--config=FILE", "--set=KEY=VALUE", "--as-of", "--verbose");
    }
  }

  @Test
  void invalidValueExitsWithUsageCode() {
    assertThat(run("config", "--set", "paths.lake=").code()).isEqualTo(2);
    assertThat(run("config", "--as-of", "yesterday").code()).isEqualTo(2);
    assertThat(run("config", "--set", "no.such.key=1").code()).isEqualTo(2);
  }

  @Test
  void optionsBeforeTheCommandAreValidatedAndApply() {
    assertThat(run("--set", "paths.lake=").code()).isEqualTo(2);
    assertThat(run("--set", "spark.shuffle-partitions=3").code()).isZero();
    Result r = run("--set", "spark.shuffle-partitions=8", "config", "--set", "paths.runs=/r");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .containsPattern("spark\\.shuffle-partitions +8 +--set")
        .containsPattern("paths\\.runs +/r +--set");
    Result after = run("--set", "spark.log-level=INFO", "config", "--set", "spark.log-level=ERROR");
    assertThat(after.out()).containsPattern("spark\\.log-level +ERROR +--set");
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertThat(run("config", "--no-such-option").code()).isEqualTo(2);
  }

  @Test
  void configShowsValuesAndTheirSources() {
    Result r = run("config", "--set", "spark.shuffle-partitions=8", "--as-of", "2020-06-30");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .containsPattern("spark\\.shuffle-partitions +8 +--set")
        .containsPattern("run\\.as-of +2020-06-30 +--set")
        .containsPattern("paths\\.lake +\\./data/lake +\\S+dispersal\\.conf:\\d+");
  }

  @Test
  void thePiiKeyIsShownMaskedAndNeverEchoed() {
    String key = "never-show-this-key-0123456789";
    Result r = run("config", "--set", "pii.key=" + key);
    assertThat(r.code()).isZero();
    assertThat(r.out()).containsPattern("pii\\.key +\\*{8} \\(set\\)").doesNotContain(key);
    assertThat(run("config", "--verbose", "--set", "pii.key=" + key).out()).doesNotContain(key);
    assertThat(run("config", "--template", "--set", "pii.key=" + key).out()).doesNotContain(key);
    // A mistyped key name must not echo the secret value in the error.
    Result typo = run("config", "--set", "pii.kye=" + key);
    assertThat(typo.code()).isEqualTo(2);
    assertThat(typo.out() + typo.err()).doesNotContain(key);
  }

  @Test
  void defaultFileInConfIsExactlyTheDeclaredTemplate() throws Exception {
    String template = ConfigCommand.template(Cli.allSettings());
    String file = Files.readString(Cli.defaultConfigFile());
    assertThat(file)
        .as("conf/dispersal.conf is stale: regenerate it with ./dispersal config --template")
        .isEqualTo(template);
    assertThat(run("config", "--template").out()).isEqualTo(template);
    assertThat(Path.of(Cli.defaultConfigFile().toString())).exists();
  }
}
