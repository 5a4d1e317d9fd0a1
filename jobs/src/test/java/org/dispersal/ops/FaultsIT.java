package org.dispersal.ops;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dispersal.TestSpark;
import org.dispersal.common.ExitCode;
import org.dispersal.common.Lake;
import org.dispersal.common.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults of the process and the disk, tried on real processes: the nightly runs as the launcher
 * runs it, in a JVM of its own (Spark embedded, local[2]) on the small district, and is killed with
 * SIGKILL, started twice at once, paused while {@code maintain} tries the lake, and given a full or
 * read-only filesystem. Every outcome is compared with an uninterrupted run of the same landing
 * folder by content checksums of every table ({@link TableChecksums}).
 *
 * <p>The kill delays are random: the seed is printed, and {@code -Ddispersal.faults.seed=N} repeats
 * a run's choices.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {
  private static final Duration RUN = Duration.ofMinutes(10);
  private static final Pattern FINISHED = Pattern.compile("Stage (\\w+) finished in ([0-9.]+) s");

  @TempDir static Path dir;

  private static Path landing;
  private static Path referenceLake;
  private static Map<String, String> reference;
  private static final Map<String, Double> stageSeconds = new LinkedHashMap<>();

  @BeforeAll
  static void landing() {
    ChildRun.classPath(); // fails early, naming the missing jar
    landing = SmallDistrict.landing(dir);
  }

  private static List<String> nightly(Path lake, String name) {
    List<String> args =
        new ArrayList<>(
            SmallDistrict.nightly(
                landing,
                lake.toString(),
                dir.resolve("runs-" + name).toString(),
                dir.resolve("exports-" + name)));
    args.addAll(List.of("--set", "spark.master=local[2]"));
    return args;
  }

  private static ChildRun startNightly(Path lake, String name) {
    return ChildRun.start(dir, name, nightly(lake, name));
  }

  private static boolean completed(int code) {
    return code == ExitCode.SUCCESS.code() || code == ExitCode.REJECTED_INPUT.code();
  }

  private static void assertSameTablesAsTheReference(Path lake, String what) {
    SparkSession spark = TestSpark.session();
    Map<String, String> actual = TableChecksums.of(spark, lake);
    if (!actual.equals(reference)) {
      List<String> differences = new ArrayList<>();
      for (String table : reference.keySet()) {
        if (!reference.get(table).equals(actual.get(table))) {
          differences.add(TableChecksums.difference(spark, referenceLake, lake, table));
        }
      }
      actual.keySet().stream()
          .filter(t -> !reference.containsKey(t))
          .forEach(t -> differences.add(t + ": not in the reference lake"));
      throw new AssertionError(
          "The tables after "
              + what
              + " differ from the uninterrupted run's:\n"
              + String.join("\n", differences)
              + "\nexpected "
              + reference
              + "\nbut was  "
              + actual);
    }
  }

  /**
   * Two nightlies started together on one lake: one runs, the other exits 75 naming the holder;
   * while the first still holds the lock (paused by SIGSTOP, so it cannot finish meanwhile) {@code
   * maintain} is refused with 75 too. The run that ran is the reference of the other tests.
   */
  @Test
  @Order(1)
  void twoNightliesTogetherOneRunsTheOtherAndMaintainAreRefused() throws Exception {
    referenceLake = dir.resolve("lake-reference");
    try (ChildRun a = startNightly(referenceLake, "together-a");
        ChildRun b = startNightly(referenceLake, "together-b")) {
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (a.isAlive() && b.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      ChildRun loser = a.isAlive() ? b : a;
      ChildRun winner = loser == a ? b : a;
      int lost = loser.awaitExit(Duration.ofMinutes(1));
      assertThat(lost)
          .as("exit code of the nightly that ended first; %s%n%s", loser.tail(30), winner.tail(30))
          .isEqualTo(ExitCode.LOCKED.code());
      assertThat(winner.isAlive())
          .as("the other nightly is still running; %s", winner.tail(30))
          .isTrue();
      // Its last log line names the holder: the other process.
      assertThat(loser.lastError())
          .as("the refused nightly's error line; %s", loser.tail(30))
          .containsPattern(
              "ERROR +Main - Another run holds the lock \\S+_dispersal\\.lock — held by run \\S+"
                  + " \\(nightly\\) on host \\S+, pid "
                  + winner.pid()
                  + ", since ");

      assertThat(winner.awaitLine(Pattern.compile("Stage ingest started"), RUN))
          .as("the nightly reached ingest; %s", winner.tail(40))
          .isTrue();
      winner.signal("STOP");
      int maintained;
      String maintainLog;
      try (ChildRun maintain =
          ChildRun.start(
              dir,
              "maintain",
              List.of(
                  "maintain",
                  "--set",
                  "paths.lake=" + referenceLake,
                  "--set",
                  "paths.runs=" + dir.resolve("runs-maintain"),
                  "--set",
                  "spark.master=local[2]"))) {
        maintained = maintain.awaitExit(Duration.ofMinutes(3));
        maintainLog = maintain.tail(20);
        assertThat(maintain.lastError())
            .as("maintain's error line; %s", maintainLog)
            .containsPattern(
                "Another run holds the lock .* held by run \\S+ \\(nightly\\) on host \\S+, pid "
                    + winner.pid());
      } finally {
        winner.signal("CONT");
      }
      assertThat(maintained)
          .as("maintain's exit code during a nightly; %s", maintainLog)
          .isEqualTo(ExitCode.LOCKED.code());

      int code = winner.awaitExit(RUN);
      assertThat(completed(code)).as("exit code %d; %s", code, winner.tail(40)).isTrue();
      Matcher m = FINISHED.matcher(winner.log());
      while (m.find()) {
        stageSeconds.put(m.group(1), Double.parseDouble(m.group(2)));
      }
    }
    SparkSession spark = TestSpark.session();
    List<Row> runs =
        Lake.read(spark, referenceLake.resolve("_runs/runs").toUri().toString())
            .select("run_id", "event", "status")
            .collectAsList();
    assertThat(runs.stream().map(r -> r.getString(0)).distinct())
        .as("run tables: only the nightly that ran is recorded: %s", runs)
        .hasSize(1);
    assertThat(runs.stream().filter(r -> "ended".equals(r.getString(1))).map(r -> r.getString(2)))
        .containsExactly("succeeded");
    assertThat(referenceLake.resolve(RunLock.FILE)).as("the lock, released").doesNotExist();
    reference = TableChecksums.of(spark, referenceLake);
    assertThat(reference.keySet())
        .as("tables of the reference lake")
        .contains(
            "bronze/rental", "silver/rental_history", "gold/township_month", "gold/forecasts");
    System.out.printf(
        "FaultsIT reference checksums: %s%nstage seconds: %s%n", reference, stageSeconds);
  }

  /**
   * One nightly killed with SIGKILL inside each stage in turn (a random delay after the stage's
   * start line, up to half the stage's time in the reference run), each next start taking over the
   * dead holder's lock and resuming the run; then a last start finishes it. The tables equal the
   * reference's; the run tables show every killed attempt as interrupted and the resume.
   */
  @Test
  @Order(2)
  void aNightlyKilledInsideEachStageResumesToTheSameTables() throws Exception {
    assumeTrue(reference != null, "needs the reference run of the first test");
    long seed = Long.getLong("dispersal.faults.seed", System.nanoTime());
    Random random = new Random(seed);
    Path lake = dir.resolve("lake-killed");
    List<String> stages = Pipeline.stages().stream().map(Stage::name).toList();
    List<String> kills = new ArrayList<>();
    List<String> late = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      String stage = stages.get(i);
      try (ChildRun run = startNightly(lake, "killed-in-" + stage)) {
        assertThat(run.awaitLine(Pattern.compile("Stage " + stage + " started"), RUN))
            .as("attempt %d reached stage %s (seed %d); %s", i + 1, stage, seed, run.tail(40))
            .isTrue();
        if (i > 0) {
          assertThat(run.log())
              .as(
                  "attempt %d took over the killed holder's lock and resumed; %s",
                  i + 1, run.tail(40))
              .contains("Taking over a stale lock")
              .containsPattern("Resuming run \\S+ \\(attempt " + (i + 1) + "\\)");
        }
        double stageMillis = 1000 * stageSeconds.getOrDefault(stage, 2.0);
        long delay = (long) (random.nextDouble() * 0.5 * stageMillis);
        Thread.sleep(delay);
        boolean finishedFirst = run.hasLine(Pattern.compile("Stage " + stage + " finished"));
        int code = run.kill();
        assertThat(code).as("exit code of a process killed by SIGKILL").isEqualTo(137);
        kills.add(String.format("%s after %d ms (pid %d)", stage, delay, run.pid()));
        if (finishedFirst) {
          late.add(stage);
        }
        // The dead process's lock stays behind: stale, for the next start to take over.
        assertThat(RunLock.holder(lake.toUri().toString()))
            .as("the lock after the kill")
            .containsEntry("pid", (int) run.pid());
      }
    }
    System.out.printf(
        "FaultsIT kills (seed %d): %s; stage already finished when killed: %s%n",
        seed, kills, late);

    try (ChildRun last = startNightly(lake, "resumed")) {
      int code = last.awaitExit(RUN);
      assertThat(completed(code))
          .as("exit code %d of the last start; %s", code, last.tail(40))
          .isTrue();
      assertThat(last.log())
          .contains("Taking over a stale lock")
          .containsPattern("Resuming run \\S+ \\(attempt " + (stages.size() + 1) + "\\)");
    }
    assertSameTablesAsTheReference(lake, "a kill inside each stage (seed " + seed + ")");

    SparkSession spark = TestSpark.session();
    List<Row> events =
        Lake.read(spark, lake.resolve("_runs/runs").toUri().toString())
            .filter(col("event").equalTo("ended"))
            .orderBy("attempt")
            .select("run_id", "attempt", "status")
            .collectAsList();
    assertThat(events.stream().map(r -> r.getString(0)).distinct())
        .as("one run, resumed by every start: %s", events)
        .hasSize(1);
    List<String> statuses = events.stream().map(r -> r.getInt(1) + " " + r.getString(2)).toList();
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= stages.size(); i++) {
      expected.add(i + " interrupted");
    }
    expected.add((stages.size() + 1) + " succeeded");
    assertThat(statuses).as("the end of every attempt in _runs/runs").isEqualTo(expected);
    List<Row> succeeded =
        Lake.read(spark, lake.resolve("_runs/stages").toUri().toString())
            .filter(col("status").equalTo("succeeded"))
            .select("stage", "attempt")
            .collectAsList();
    assertThat(succeeded.stream().map(r -> r.getString(0)))
        .as("each stage succeeded once, in the attempt after its kill: %s", succeeded)
        .containsExactlyInAnyOrderElementsOf(stages);
    for (Row r : succeeded) {
      String stage = r.getString(0);
      if (!late.contains(stage)) {
        assertThat(r.getInt(1))
            .as("attempt in which %s succeeded", stage)
            .isEqualTo(stages.indexOf(stage) + 2);
      }
    }

    // ./dispersal runs shows the same.
    String listed = runsCommand(lake);
    assertThat(listed.lines().filter(l -> l.contains(" interrupted ")).count())
        .as("'dispersal runs':%n%s", listed)
        .isEqualTo(stages.size());
    assertThat(listed).contains(" succeeded ");
  }

  private static String runsCommand(Path lake) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    var cli = org.dispersal.cli.Main.commandLine();
    cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    int code =
        cli.execute(
            "runs",
            "--limit",
            "20",
            "--set",
            "paths.lake=" + lake,
            "--set",
            "spark.master=local[2]");
    assertThat(code).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * The lake on a tmpfs too small for it (a filler file takes all but half the reference lake's
   * size): the nightly exits 1 saying the disk is full; with the filler deleted the next nightly
   * completes with the reference's tables. Needs root (mount); skipped otherwise.
   */
  @Test
  @Order(3)
  void aFullDiskFailsClearlyAndTheRunAfterFreeingSpaceCompletes() throws Exception {
    assumeTrue(reference != null, "needs the reference run of the first test");
    long lakeBytes = bytes(referenceLake);
    long sizeMb = (2 * lakeBytes >> 20) + 8;
    Path mount = Files.createDirectories(dir.resolve("tiny"));
    String mounted =
        run("mount", "-t", "tmpfs", "-o", "size=" + sizeMb + "m", "tmpfs", mount.toString());
    assumeTrue(
        mounted.isEmpty(),
        "a size-limited tmpfs needs root (mount -t tmpfs); this process may not: " + mounted);
    try {
      Path lake = mount.resolve("lake");
      Path filler = mount.resolve("filler");
      long free = Files.getFileStore(mount).getUsableSpace();
      writeZeros(filler, free - lakeBytes / 2);
      assertNightlyFails(
          lake,
          "disk-full",
          "The disk is full: ",
          "could not write to " + uri(lake),
          "no space left on its filesystem",
          "Fix: free space there");
      Files.delete(filler);
      try (ChildRun after = startNightly(lake, "disk-freed")) {
        int code = after.awaitExit(RUN);
        assertThat(completed(code))
            .as("exit code after freeing space; %s", after.tail(40))
            .isTrue();
      }
      assertSameTablesAsTheReference(lake, "a full disk and a rerun");
    } finally {
      run("umount", mount.toString());
    }
  }

  /**
   * A lake that cannot be written (a read-only bind mount when running as root, which chmod does
   * not stop; chmod 500 otherwise): the nightly exits 1 naming the lake, and changes nothing.
   */
  @Test
  @Order(4)
  void aReadOnlyLakeFailsNamingItAndIsLeftAsItWas() throws Exception {
    assumeTrue(reference != null, "needs the reference run of the first test");
    Path lake = dir.resolve("lake-read-only");
    copy(referenceLake, lake);
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root) {
      String bound = run("mount", "--bind", lake.toString(), lake.toString());
      assumeTrue(bound.isEmpty(), "a read-only lake as root needs a bind mount: " + bound);
      String ro = run("mount", "-o", "remount,bind,ro", lake.toString());
      if (!ro.isEmpty()) {
        run("umount", lake.toString());
      }
      assumeTrue(ro.isEmpty(), "cannot remount the lake read-only: " + ro);
    } else {
      Files.setPosixFilePermissions(
          lake, java.nio.file.attribute.PosixFilePermissions.fromString("r-x------"));
    }
    try {
      assertNightlyFails(
          lake,
          "read-only",
          "Cannot take the lock of the lake " + uri(lake),
          "Fix: check that the lake's location exists and is writable");
    } finally {
      if (root) {
        run("umount", lake.toString());
      } else {
        Files.setPosixFilePermissions(
            lake, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
      }
    }
    assertSameTablesAsTheReference(lake, "a nightly refused by a read-only lake");
  }

  /** Runs a nightly that must exit 1 with an error line containing every one of {@code parts}. */
  private static void assertNightlyFails(Path lake, String name, String... parts)
      throws InterruptedException {
    try (ChildRun run = startNightly(lake, name)) {
      int code = run.awaitExit(RUN);
      assertThat(code)
          .as("exit code of the nightly '%s'; %s", name, run.tail(40))
          .isEqualTo(ExitCode.FAILURE.code());
      assertThat(run.lastError())
          .as("the error line of the nightly '%s'; %s", name, run.tail(40))
          .contains(parts);
    }
  }

  /** A local path as the settings name it, without a trailing slash. */
  private static String uri(Path path) {
    return path.toUri().toString().replaceAll("/$", "");
  }

  /** Runs a command; "" when it exited 0, else its output and exit code. */
  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    int code = p.waitFor();
    return code == 0 ? "" : String.join(" ", command) + " exited " + code + ": " + out;
  }

  private static void writeZeros(Path file, long bytes) throws IOException {
    byte[] block = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = bytes; left > 0; left -= block.length) {
        out.write(block, 0, (int) Math.min(block.length, left));
      }
    }
  }

  /** The space the files under a folder take on tmpfs: whole 4 KB pages. */
  private static long bytes(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile)
          .mapToLong(p -> (p.toFile().length() + 4095) / 4096 * 4096)
          .sum();
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
