package org.dispersal.ops;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The {@code dispersal} command line in a JVM of its own, started as the launcher script starts it
 * (the packaged jar, {@code target/classpath.txt}, Spark embedded): its merged output is kept line
 * by line (and in a log file) so a test can wait for a line, kill it with SIGKILL or stop it.
 */
final class ChildRun implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path logFile;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Thread reader;

  private ChildRun(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
    this.reader = new Thread(this::read, "output of " + name);
    reader.setDaemon(true);
    reader.start();
  }

  /** The project's folder (holds conf/ and jobs/target/), as failsafe passes it. */
  static Path home() {
    return Path.of(System.getProperty("dispersal.home", "..")).toAbsolutePath().normalize();
  }

  /** The jar and class path of an embedded run, built at package time. */
  static String classPath() {
    Path target = home().resolve("jobs").resolve("target");
    Path jar = target.resolve("dispersal-jobs.jar");
    Path classpath = target.resolve("classpath.txt");
    if (!Files.isRegularFile(jar) || !Files.isRegularFile(classpath)) {
      throw new IllegalStateException(
          jar + " or " + classpath + " is missing: run 'mvn -pl jobs package -DskipTests' first");
    }
    try {
      return jar + java.io.File.pathSeparator + Files.readString(classpath).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts {@code dispersal args…} with its temporary files under {@code dir}.
   *
   * @param name names the log file {@code dir/name.log} and the failure messages
   */
  static ChildRun start(Path dir, String name, List<String> args) {
    try {
      Path tmp = Files.createDirectories(dir.resolve("tmp-" + name));
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      String opens = System.getProperty("spark.java.opens", "");
      command.addAll(Arrays.stream(opens.split("\\s+")).filter(s -> !s.isBlank()).toList());
      command.addAll(
          List.of(
              "-Xmx1g",
              "-XX:+UseG1GC",
              "-Djava.awt.headless=true",
              // Spark's scratch space too: a killed run's leftovers stay in the test's folder.
              "-Djava.io.tmpdir=" + tmp,
              "-Dlog4j2.configurationFile=" + home().resolve("conf").resolve("log4j2.properties"),
              "-Ddispersal.home=" + home(),
              "-cp",
              classPath(),
              "org.dispersal.cli.Main"));
      command.addAll(args);
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
      pb.environment().put("DISPERSAL_PII_KEY", SmallDistrict.PII_KEY);
      // The generated landing files are complete: no settling time (the default is 60 s).
      pb.environment().put("DISPERSAL_INGEST_SETTLE_SECONDS", "0");
      return new ChildRun(name, pb.start(), dir.resolve(name + ".log"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + name, e);
    }
  }

  private void read() {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer out = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        lines.add(line);
        out.write(line);
        out.write('\n');
        out.flush();
      }
    } catch (IOException e) {
      lines.add("(output no longer readable: " + e + ")");
    }
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Whether a line so far matches. */
  boolean hasLine(Pattern pattern) {
    return lines.stream().anyMatch(l -> pattern.matcher(l).find());
  }

  /**
   * Waits until a line matches; false if the process ended (and its output was read) without one,
   * or the time ran out.
   */
  boolean awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (hasLine(pattern)) {
        return true;
      }
      if (!process.isAlive()) {
        reader.join(5_000);
        return hasLine(pattern);
      }
      Thread.sleep(20);
    }
    return false;
  }

  /** Waits for the exit code; fails, killing the process, when it takes longer than timeout. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError(name + " did not end within " + timeout + "; its log:\n" + tail(60));
    }
    reader.join(10_000);
    return process.exitValue();
  }

  /** SIGKILL (Process.destroyForcibly on Linux), then waits for the process to be gone. */
  int kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
    reader.join(10_000);
    return process.exitValue();
  }

  /** SIGSTOP or SIGCONT: a stopped process is alive (it keeps its lock) but does nothing. */
  void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -" + signal + " " + pid() + " failed");
    }
  }

  String log() {
    return String.join("\n", lines);
  }

  /** The last lines of the output, for failure messages. */
  String tail(int n) {
    List<String> all = List.copyOf(lines);
    return name
        + " (pid "
        + pid()
        + ", log "
        + logFile
        + "):\n"
        + String.join("\n", all.subList(Math.max(0, all.size() - n), all.size()));
  }

  /** The last line logged at ERROR, or "" if none. */
  String lastError() {
    List<String> all = List.copyOf(lines);
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).matches("\\S+ \\S+ ERROR .*")) {
        return all.get(i);
      }
    }
    return "";
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor();
    }
  }
}
