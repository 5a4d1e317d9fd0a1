package org.dispersal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.dispersal.GeneratedLake;
import org.dispersal.common.ExitCode;
import org.dispersal.generate.Generator;
import org.dispersal.ops.Runner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Issue #13: after the generator's district went through every stage (the shared {@link
 * GeneratedLake}) and one more run through the {@link Runner} (run tables, a run summary), nothing
 * the system wrote holds an ID number, a mobile number or a name of the generator's in clear: every
 * Delta table's rows and every other lake file, the run summaries, the exports (workbook parts,
 * CSV, HTML) and the logs. Landing and generator folders hold clear data by design.
 */
@Isolated
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunOutputPiiTest {
  private static final PiiScan.NameTest GENERATED_NAME = Generator::couldBeGeneratedName;

  private GeneratedLake g;
  private String logs;
  private final List<Path> files = new ArrayList<>();

  @BeforeAll
  void runOnTheGeneratedLake() throws Exception {
    ExitCode code;
    try (CapturedLogs captured = CapturedLogs.start()) {
      g = GeneratedLake.get();
      code = Runner.run(g.settings, "ingest", false, null, List.of(new IngestStage()));
      logs = captured.text();
    }
    assertThat(code).isEqualTo(ExitCode.SUCCESS);
    Path root = g.lake.getParent();
    for (String folder : List.of("runs", "exports")) {
      try (Stream<Path> s = Files.walk(root.resolve(folder))) {
        files.addAll(s.filter(Files::isRegularFile).toList());
      }
    }
  }

  @Test
  void exportsAndRunSummariesAreOwnerOnly() throws Exception {
    List<String> open = new ArrayList<>();
    for (Path f : files) {
      for (Path p = f; !p.equals(g.lake.getParent()); p = p.getParent()) {
        String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        if (!perms.endsWith("------")) {
          open.add(p + " " + perms);
        }
      }
    }
    assertThat(files).isNotEmpty();
    assertThat(open).as("export and run files others may read").isEmpty();
  }

  @Test
  void noIdPhoneOrGeneratedNameInAnythingARunWrites() throws Exception {
    assertThat(files.stream().map(p -> p.getFileName().toString()))
        .anyMatch(n -> n.endsWith(".json"))
        .anyMatch(n -> n.endsWith(".xlsx"))
        .anyMatch(n -> n.endsWith(".csv"))
        .anyMatch(n -> n.endsWith(".html"));

    List<String> found = new ArrayList<>();
    found.addAll(PiiScan.lake(g.lake, List.of()));
    found.addAll(PiiScan.names(g.lake, GENERATED_NAME));
    for (Path f : files) {
      for (var part : texts(f)) {
        found.addAll(PiiScan.text(part.getKey(), part.getValue(), List.of()));
        found.addAll(PiiScan.namesInText(part.getKey(), part.getValue(), GENERATED_NAME));
      }
    }
    found.addAll(PiiScan.text("logs", logs, List.of()));
    found.addAll(PiiScan.namesInText("logs", logs, GENERATED_NAME));
    assertThat(logs).contains("Ingest finished");
    assertThat(found).isEmpty();
  }

  /** A file's text: each part of a workbook (a zip of XML), else the file as UTF-8. */
  private static List<java.util.Map.Entry<String, String>> texts(Path f) throws Exception {
    byte[] bytes = Files.readAllBytes(f);
    List<java.util.Map.Entry<String, String>> out = new ArrayList<>();
    if (f.toString().endsWith(".png")) {
      return out; // charts: pixels only
    }
    if (f.toString().endsWith(".xlsx")) {
      try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
          out.add(
              java.util.Map.entry(
                  f.getFileName() + "!" + e.getName(),
                  new String(zip.readAllBytes(), StandardCharsets.UTF_8)));
        }
      }
      return out;
    }
    out.add(
        java.util.Map.entry(f.getFileName().toString(), new String(bytes, StandardCharsets.UTF_8)));
    return out;
  }
}
