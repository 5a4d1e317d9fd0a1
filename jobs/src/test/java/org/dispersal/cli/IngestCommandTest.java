package org.dispersal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dispersal.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import picocli.CommandLine;

/** {@code ./dispersal ingest} and {@code nightly} end to end, on the shared test session. */
@Execution(ExecutionMode.CONCURRENT)
class IngestCommandTest {
  private static final String HEADER = "任务编号,指标,乡镇街道,月份,本月完成,单位";

  @TempDir Path dir;

  private record Result(int code, String out) {}

  private Result run(String... args) {
    TestSpark.session(); // the commands then reuse the shared session
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    return new Result(cli.execute(args), out.toString());
  }

  private String[] args(String command, String... more) {
    String[] base = {
      command,
      "--set",
      "paths.landing=" + dir.resolve("landing"),
      "--set",
      "paths.lake=" + dir.resolve("lake"),
      "--set",
      "paths.runs=" + dir.resolve("runs"),
      "--set",
      "pii.key-file=" + dir.resolve("keys/pii.key"),
      "--as-of",
      "2020-06-30"
    };
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void ingestPrintsTheSummaryAndExitsThreeOnARejectedFileThenNightlyFindsNothingNew()
      throws Exception {
    Path progress = dir.resolve("landing/progress");
    Files.createDirectories(progress);
    Files.writeString(
        progress.resolve("2019-05.csv"),
        HEADER + "\nT1,拆除面积,长阳镇,2019-05,12000,平方米\nT7,群租房,长阳镇,2019-13,3,户\n",
        StandardCharsets.UTF_8);
    Files.write(progress.resolve("empty.csv"), new byte[0]);
    Files.createDirectories(dir.resolve("keys"));
    Files.writeString(dir.resolve("keys/pii.key"), "a-key-file-for-the-cli-test-0123456789\n");

    Result first = run(args("ingest"));
    assertThat(first.code()).isEqualTo(3);
    assertThat(first.out())
        .containsPattern("LEDGER +NEW +SKIPPED +REJECTED +ROWS LOADED +QUARANTINED")
        .containsPattern("progress +2 +0 +1 +1 +1 +date.invalid 月份 \\(1\\)")
        .contains("progress/empty.csv  file.empty");

    Result nightly = run(args("nightly"));
    assertThat(nightly.code()).isZero();
    ownerOnlyAndNoKey(dir.resolve("lake"), dir.resolve("runs"));
  }

  // Issue #13: what the runs wrote (lake tables, run tables, run summaries) is readable by its
  // owner only (paths.umask 077), and the key is in none of it.
  private static void ownerOnlyAndNoKey(Path... roots) throws Exception {
    java.util.List<String> open = new java.util.ArrayList<>();
    java.util.List<String> keyed = new java.util.ArrayList<>();
    int files = 0;
    for (Path root : roots) {
      try (java.util.stream.Stream<Path> s = Files.walk(root)) {
        for (Path p : s.toList()) {
          String perms =
              java.nio.file.attribute.PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(p));
          if (!perms.endsWith("------")) {
            open.add(root.relativize(p) + " " + perms);
          }
          if (Files.isRegularFile(p)) {
            files++;
            if (new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1)
                .contains("a-key-file-for-the-cli-test")) {
              keyed.add(p.toString());
            }
          }
        }
      }
    }
    assertThat(files).isGreaterThan(50);
    assertThat(open).as("files others may read").isEmpty();
    assertThat(keyed).as("files holding the key").isEmpty();
  }

  @Test
  void withoutAKeyIngestStopsWithAUsageErrorBeforeReadingAnything() throws Exception {
    Files.createDirectories(dir.resolve("landing"));
    Result r = run(args("ingest"));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(dir.resolve("lake")).doesNotExist();
  }
}
