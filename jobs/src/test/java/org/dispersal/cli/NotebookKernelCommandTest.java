package org.dispersal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class NotebookKernelCommandTest {
  @TempDir Path dir;

  @Test
  void writesAKernelSpecWithSparksOptionsTheClassPathAndTheLauncher() throws Exception {
    Path jar = Files.writeString(dir.resolve("rapaio-jupyter-kernel-3.0.1.jar"), "");
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));
    int code =
        cli.execute(
            "notebook-kernel",
            "--kernels-dir",
            dir.resolve("kernels").toString(),
            "--kernel-jar",
            jar.toString(),
            "--memory",
            "3g");
    assertThat(code).isZero();
    Path spec = dir.resolve("kernels/dispersal");
    String json = Files.readString(spec.resolve("kernel.json"));
    assertThat(json)
        .contains(
            "\"--add-opens=java.base/sun.nio.ch=ALL-UNNAMED\"",
            "\"-Xmx3g\"",
            "\"-Djava.awt.headless=true\"",
            "\"-Dlog4j2.configurationFile=" + spec.resolve("log4j2.properties") + "\"",
            "\"" + spec.resolve("boot") + ":" + jar + "\"",
            "\"org.dispersal.notebook.kernel.KernelLauncher\"",
            "\"{connection_file}\"",
            "\"SPARK_LOCAL_IP\": \"127.0.0.1\"",
            "\"RJK_CLASSPATH\": \"/");
    // the class path's entries are absolute and separated by ';'
    String classPath = json.replaceAll("(?s).*\"RJK_CLASSPATH\": \"([^\"]*)\".*", "$1");
    assertThat(classPath.split(";")).allMatch(e -> e.startsWith("/"));
    assertThat(spec.resolve("boot/org/dispersal/notebook/kernel/KernelLauncher.class")).exists();
    assertThat(Files.readString(spec.resolve("boot/logging.properties"))).contains(".level = INFO");
    assertThat(out.toString()).contains("Installed the Jupyter kernel spec 'dispersal'");
  }

  @Test
  void escapesJson() {
    assertThat(NotebookKernelCommand.json("a\"b\\c\n")).isEqualTo("\"a\\\"b\\\\c\\n\"");
  }
}
