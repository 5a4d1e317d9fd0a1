package org.dispersal.ops;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Spark standalone cluster on 127.0.0.1 made of separate JVMs (one master, workers) started from
 * the Spark jars on the test class path, and spark-submit as {@code
 * org.apache.spark.deploy.SparkSubmit} in a JVM of its own: what a Spark distribution's scripts do,
 * without the distribution.
 */
final class StandaloneCluster implements AutoCloseable {
  /**
   * The cluster's JVMs (daemons, driver, executors) compile with C1 only: five of them share two
   * cores for a few minutes, and C2's compiler threads would take CPU from the work itself.
   */
  private static final String QUICK_JIT = "-XX:TieredStopAtLevel=1";

  private final Path dir;
  private final String sparkClassPath;
  private final List<Process> daemons = new ArrayList<>();
  private int masterPort;
  private int masterUiPort;

  /**
   * @param dir scratch folder: a fake SPARK_HOME, the workers' folders and every process's log
   * @param clusterJar the jar handed to spark-submit; what it carries is left off the daemons'
   *     class path, so executors get it only through spark-submit, as on a real cluster
   */
  StandaloneCluster(Path dir, Path clusterJar) throws IOException {
    this.dir = dir;
    this.sparkClassPath = sparkClassPath(clusterJar);
    Files.createDirectories(dir.resolve("spark-home/jars"));
  }

  /** The master's URL, for {@code --master}. */
  String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** Starts the master and the workers, and waits until every worker has registered. */
  void start(int workers, String workerMemory) throws Exception {
    masterPort = freePort();
    masterUiPort = freePort();
    daemons.add(
        launch(
            "master",
            "-Xmx512m",
            List.of(
                // No REST submission server: it would take the fixed port 6066.
                "-Dspark.master.rest.enabled=false",
                "org.apache.spark.deploy.master.Master",
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(masterPort),
                "--webui-port",
                String.valueOf(masterUiPort))));
    awaitPort(masterPort, Duration.ofSeconds(90));
    for (int i = 1; i <= workers; i++) {
      Path work = Files.createDirectories(dir.resolve("worker-" + i));
      daemons.add(
          launch(
              "worker-" + i,
              "-Xmx512m",
              List.of(
                  "org.apache.spark.deploy.worker.Worker",
                  "--host",
                  "127.0.0.1",
                  "--port",
                  String.valueOf(freePort()),
                  "--webui-port",
                  String.valueOf(freePort()),
                  "--cores",
                  "1",
                  "--memory",
                  workerMemory,
                  "--work-dir",
                  work.toString(),
                  masterUrl())));
    }
    awaitWorkers(workers, Duration.ofSeconds(120));
  }

  /**
   * Runs spark-submit to the end and returns its exit code; its output goes to {@code <name>.log}.
   */
  int submit(String name, Map<String, String> env, List<String> args, Duration timeout)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add("org.apache.spark.deploy.SparkSubmit");
    command.add("--conf");
    command.add("spark.executor.extraJavaOptions=" + QUICK_JIT);
    command.addAll(args);
    Process p = start(name, "-Xmx1g", command, env);
    if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      kill(p);
      throw new AssertionError("spark-submit " + name + " did not end within " + timeout);
    }
    return p.exitValue();
  }

  /** The log of one of the processes this cluster started. */
  String log(String name) throws IOException {
    Path log = dir.resolve(name + ".log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** Kills every daemon and the processes they started (executors), even after a failure. */
  @Override
  public void close() {
    for (Process p : daemons) {
      kill(p);
    }
    daemons.clear();
  }

  private static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Process launch(String name, String heap, List<String> mainAndArgs) throws IOException {
    return start(name, heap, mainAndArgs, Map.of());
  }

  private Process start(String name, String heap, List<String> mainAndArgs, Map<String, String> env)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(System.getProperty("spark.java.opens", "").split("\\s+")));
    command.removeIf(String::isBlank);
    command.add(heap);
    command.add(QUICK_JIT);
    command.add("-Djava.awt.headless=true");
    command.add("-Duser.timezone=Asia/Shanghai");
    // The project's log configuration, as an operator would pass it: Spark's INFO lines stay out.
    Path home = Path.of(System.getProperty("dispersal.home", "."));
    command.add("-Dlog4j2.configurationFile=" + home.resolve("conf/log4j2.properties"));
    command.add("-cp");
    command.add(sparkClassPath);
    command.addAll(mainAndArgs);
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.directory(dir.toFile()); // spark-warehouse, metastore and the like land here
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve(name + ".log").toFile());
    Map<String, String> e = pb.environment();
    e.put("SPARK_LOCAL_IP", "127.0.0.1");
    e.put("SPARK_HOME", dir.resolve("spark-home").toString());
    e.put("SPARK_SCALA_VERSION", "2.13");
    // Workers build their executors' class path from SPARK_HOME/jars (empty here) and this.
    e.put("SPARK_DIST_CLASSPATH", sparkClassPath);
    e.put("SPARK_LOCAL_DIRS", dir.resolve("local").toString());
    e.putAll(env);
    return pb.start();
  }

  /**
   * The test class path less the project and the libraries the cluster jar carries (a jar whose
   * first class the cluster jar holds): Spark, Scala, Hadoop and their dependencies, i.e. a Spark
   * distribution's {@code jars/} folder. commons-collections4 stays: POI brings it into the cluster
   * jar, but every Spark distribution ships it too.
   */
  private static String sparkClassPath(Path clusterJar) throws IOException {
    Set<String> carried;
    try (JarFile jar = new JarFile(clusterJar.toFile())) {
      carried =
          jar.stream()
              .map(JarEntry::getName)
              .filter(n -> n.endsWith(".class"))
              .collect(Collectors.toSet());
    }
    List<String> kept = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (!entry.endsWith(".jar") || name.startsWith("dispersal-jobs")) {
        continue;
      }
      if (name.startsWith("commons-collections4") || !carries(carried, entry)) {
        kept.add(entry);
      }
    }
    return String.join(File.pathSeparator, kept);
  }

  private static boolean carries(Set<String> carried, String jarPath) throws IOException {
    try (JarFile jar = new JarFile(jarPath)) {
      return jar.stream()
          .map(JarEntry::getName)
          .filter(n -> n.endsWith(".class") && !n.endsWith("module-info.class"))
          .findFirst()
          .map(carried::contains)
          .orElse(false);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }

  private void awaitPort(int port, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(250);
      }
    }
    throw new AssertionError("The Spark master did not listen on " + port + " within " + timeout);
  }

  // The master's status page (JSON) counts the workers that registered and are alive.
  private void awaitWorkers(int workers, Duration timeout) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest status =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUiPort + "/json/"))
            .timeout(Duration.ofSeconds(5))
            .build();
    Pattern alive = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
    long end = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < end) {
      try {
        last = http.send(status, HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = alive.matcher(last);
        if (m.find() && Integer.parseInt(m.group(1)) >= workers) {
          return;
        }
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(500);
    }
    throw new UncheckedIOException(
        new IOException(
            workers + " workers did not register within " + timeout + "; master says: " + last));
  }
}
