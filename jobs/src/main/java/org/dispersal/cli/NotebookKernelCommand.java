package org.dispersal.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.dispersal.common.DispersalException;
import org.dispersal.notebook.kernel.KernelLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Installs the Jupyter kernel spec of the analyst notebooks for this checkout: the rapaio Java
 * kernel started through {@link KernelLauncher}, with Spark's JVM options and the project's class
 * path. See notebooks/README.md.
 */
@Command(
    name = "notebook-kernel",
    mixinStandardHelpOptions = true,
    description = {
      "Install the Jupyter kernel spec for the notebooks (Java, Spark embedded) of this checkout.",
      "Writes <kernels-dir>/<name>/kernel.json: java with Spark's --add-opens options, headless"
          + " AWT, a quiet log4j2 configuration, a logging.properties at INFO ahead of the kernel"
          + " jar, the project's class path in RJK_CLASSPATH and SPARK_LOCAL_IP=127.0.0.1. The kernel"
          + " jar (io.github.padreati:rapaio-jupyter-kernel:3.0.1) is fetched with Maven when it is"
          + " not in the local repository."
    })
final class NotebookKernelCommand implements Callable<Integer> {
  static final String KERNEL_ARTIFACT = "io.github.padreati:rapaio-jupyter-kernel:3.0.1";

  /** The options Spark needs on Java 17 (as in the ./dispersal launcher). */
  static final List<String> ADD_OPENS =
      List.of(
          "java.lang",
          "java.lang.invoke",
          "java.lang.reflect",
          "java.io",
          "java.net",
          "java.nio",
          "java.util",
          "java.util.concurrent",
          "java.util.concurrent.atomic",
          "sun.nio.ch",
          "sun.nio.cs",
          "sun.security.action",
          "sun.util.calendar");

  /** Read by the kernel's JShell through java.util.logging; FINEST breaks Spark's codegen. */
  static final String LOGGING_PROPERTIES =
      "handlers = java.util.logging.ConsoleHandler\n"
          + ".level = INFO\n"
          + "java.util.logging.ConsoleHandler.level = INFO\n"
          + "java.util.logging.ConsoleHandler.formatter = java.util.logging.SimpleFormatter\n"
          + "java.util.logging.SimpleFormatter.format = [%1$tF %1$tT] [%4$-7s] %5$s %n\n";

  /** Spark and the project log errors only (the kernel shows stderr in the cells). */
  static final String LOG4J2_PROPERTIES =
      "status = error\n"
          + "appender.err.type = Console\n"
          + "appender.err.name = err\n"
          + "appender.err.target = SYSTEM_ERR\n"
          + "appender.err.layout.type = PatternLayout\n"
          + "appender.err.layout.pattern = %d{HH:mm:ss} %-5p %c{1} - %m%n\n"
          + "rootLogger.level = error\n"
          + "rootLogger.appenderRef.err.ref = err\n";

  @Spec CommandSpec spec;

  @Option(
      names = "--name",
      defaultValue = "dispersal",
      description = "Kernel name (folder under the kernels directory); default ${DEFAULT-VALUE}.")
  String name;

  @Option(
      names = "--kernels-dir",
      paramLabel = "DIR",
      description =
          "Where kernel specs live; default $JUPYTER_DATA_DIR/kernels, else"
              + " ~/.local/share/jupyter/kernels (Jupyter's user folder).")
  Path kernelsDir;

  @Option(
      names = "--kernel-jar",
      paramLabel = "JAR",
      description = "The rapaio-jupyter-kernel 3.0.1 jar; default: the local Maven repository's.")
  Path kernelJar;

  @Option(
      names = "--memory",
      defaultValue = "${env:DISPERSAL_DRIVER_MEMORY:-4g}",
      description = "Heap of the kernel's JVM (Spark runs in it); default ${DEFAULT-VALUE}.")
  String memory;

  @Override
  public Integer call() throws IOException {
    Path jar = kernelJar != null ? kernelJar : mavenKernelJar();
    if (!Files.isRegularFile(jar)) {
      throw DispersalException.usage(
          "The kernel jar " + jar + " is missing",
          "--kernel-jar must name rapaio-jupyter-kernel-3.0.1.jar",
          "leave --kernel-jar out to use (and fetch) the one in the local Maven repository");
    }
    Path dir = (kernelsDir != null ? kernelsDir : defaultKernelsDir()).resolve(name);
    List<String> classPath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(s -> !s.isBlank())
            .map(s -> Path.of(s).toAbsolutePath().normalize().toString())
            .toList();
    write(dir, jar.toAbsolutePath().normalize(), classPath, Cli.home(), memory, javaBinary());
    PrintWriter out = spec.commandLine().getOut();
    out.printf("Installed the Jupyter kernel spec '%s' in %s%n", name, dir);
    out.printf(
        "Run a notebook: /usr/bin/python3 -m jupyter nbconvert --to notebook --execute"
            + " --ExecutePreprocessor.kernel_name=%s NOTEBOOK.ipynb%n",
        name);
    out.flush();
    return 0;
  }

  /** Writes the spec folder: kernel.json, boot/ (launcher classes, logging.properties), log4j2. */
  static void write(
      Path dir, Path kernelJar, List<String> classPath, Path home, String memory, String java)
      throws IOException {
    Path boot = dir.resolve("boot");
    Files.createDirectories(boot);
    Files.writeString(boot.resolve("logging.properties"), LOGGING_PROPERTIES);
    copyLauncherClasses(boot);
    Path log4j2 = dir.resolve("log4j2.properties");
    Files.writeString(log4j2, LOG4J2_PROPERTIES);
    Files.writeString(
        dir.resolve("kernel.json"),
        kernelJson(argv(java, memory, log4j2, home, boot, kernelJar), env(classPath, dir)),
        StandardCharsets.UTF_8);
  }

  static List<String> argv(
      String java, String memory, Path log4j2, Path home, Path boot, Path kernelJar) {
    List<String> argv = new ArrayList<>();
    argv.add(java);
    ADD_OPENS.forEach(p -> argv.add("--add-opens=java.base/" + p + "=ALL-UNNAMED"));
    argv.add("-Xmx" + memory);
    argv.add("-XX:+UseG1GC");
    argv.add("-Djava.awt.headless=true");
    argv.add("-Dlog4j2.configurationFile=" + log4j2.toAbsolutePath());
    argv.add("-Ddispersal.home=" + home.toAbsolutePath());
    argv.add("-cp");
    // boot/ first: its logging.properties shadows the kernel jar's FINEST one.
    argv.add(boot.toAbsolutePath() + File.pathSeparator + kernelJar.toAbsolutePath());
    argv.add(KernelLauncher.class.getName());
    argv.add("{connection_file}");
    return argv;
  }

  static Map<String, String> env(List<String> classPath, Path dir) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("RJK_CLASSPATH", String.join(";", classPath));
    env.put("RJK_TIMEOUT_MILLIS", "-1");
    env.put("RJK_COMPILER_OPTIONS", "");
    env.put("RJK_INIT_SCRIPT", "");
    env.put("RJK_MIMA_CACHE", dir.resolve("mima_cache").toAbsolutePath().toString());
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    return env;
  }

  static String kernelJson(List<String> argv, Map<String, String> env) {
    String envJson =
        env.entrySet().stream()
            .map(e -> "    " + json(e.getKey()) + ": " + json(e.getValue()))
            .collect(Collectors.joining(",\n"));
    return "{\n"
        + "  \"argv\": [\n"
        + argv.stream().map(a -> "    " + json(a)).collect(Collectors.joining(",\n"))
        + "\n  ],\n"
        + "  \"display_name\": \"Java (dispersal, Spark)\",\n"
        + "  \"language\": \"java\",\n"
        + "  \"interrupt_mode\": \"message\",\n"
        + "  \"env\": {\n"
        + envJson
        + "\n  }\n"
        + "}\n";
  }

  static String json(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** KernelLauncher's class files (it needs only the JDK), copied beside the kernel jar. */
  private static void copyLauncherClasses(Path boot) throws IOException {
    String pkg = KernelLauncher.class.getPackageName().replace('.', '/');
    Path target = boot.resolve(pkg);
    Files.createDirectories(target);
    String file = KernelLauncher.class.getSimpleName() + ".class";
    try (InputStream in = KernelLauncher.class.getResourceAsStream(file)) {
      if (in == null) {
        throw DispersalException.failure(
            "Cannot find " + pkg + "/" + file,
            "the project's classes are not on the class path",
            "run the command through ./dispersal",
            null);
      }
      Files.write(target.resolve(file), in.readAllBytes());
    }
  }

  private static Path defaultKernelsDir() {
    String data = System.getenv("JUPYTER_DATA_DIR");
    if (data != null && !data.isBlank()) {
      return Path.of(data).resolve("kernels");
    }
    return Path.of(System.getProperty("user.home"), ".local", "share", "jupyter", "kernels");
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The jar in the local Maven repository, fetched with mvn dependency:get when absent. */
  private static Path mavenKernelJar() {
    String[] gav = KERNEL_ARTIFACT.split(":");
    Path repo =
        Path.of(
            System.getProperty(
                "maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
    Path jar =
        repo.resolve(gav[0].replace('.', '/'))
            .resolve(gav[1])
            .resolve(gav[2])
            .resolve(gav[1] + "-" + gav[2] + ".jar");
    if (!Files.isRegularFile(jar)) {
      fetch();
    }
    return jar;
  }

  private static void fetch() {
    List<String> cmd =
        List.of(
            "mvn",
            "-B",
            "-q",
            "dependency:get",
            "-Dartifact=" + KERNEL_ARTIFACT,
            "-Dtransitive=false");
    try {
      Process p = new ProcessBuilder(cmd).inheritIO().start();
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw DispersalException.failure(
            "Could not fetch " + KERNEL_ARTIFACT,
            String.join(" ", cmd) + " failed",
            "check access to Maven Central, or give the jar with --kernel-jar",
            null);
      }
    } catch (IOException e) {
      throw DispersalException.failure(
          "Could not fetch " + KERNEL_ARTIFACT,
          "mvn could not be started: " + e.getMessage(),
          "put Maven on the PATH, or give the jar with --kernel-jar",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw DispersalException.failure(
          "Interrupted while fetching " + KERNEL_ARTIFACT, e.toString(), "run it again", e);
    }
  }
}
