package org.dispersal.conform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dispersal.common.DispersalException;

/**
 * Reference data conform needs — townships, their aliases, and how progress metrics derive from the
 * ledgers — read from {@code conf/reference/} of the installation, or from the copy packaged in the
 * jar when running on a cluster.
 */
final class Reference {
  private Reference() {}

  static List<TownshipResolver.Township> townships() {
    return rows("beijing_townships.csv").stream()
        .map(r -> new TownshipResolver.Township(r[0], r[1], r[2], r[3]))
        .toList();
  }

  static List<TownshipResolver.Alias> aliases() {
    return rows("township_aliases.csv").stream()
        .map(r -> new TownshipResolver.Alias(r[0], r[1], r[2]))
        .toList();
  }

  static List<Comparison.Derivation> derivations() {
    return rows("task_metrics.csv").stream()
        .map(r -> new Comparison.Derivation(r[0], r[1], r[2], r[3], r.length > 4 ? r[4] : ""))
        .toList();
  }

  /** Data rows of a simple CSV (no quoted commas in reference files), header skipped. */
  static List<String[]> rows(String name) {
    try (InputStream in = open(name);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<String[]> rows = new ArrayList<>();
      reader.readLine();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          rows.add(line.strip().replace("\uFEFF", "").split(",", -1));
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream open(String name) throws IOException {
    String home = System.getProperty("dispersal.home", System.getenv("DISPERSAL_HOME"));
    if (home != null && !home.isBlank()) {
      Path file = Path.of(home, "conf", "reference", name);
      if (Files.isRegularFile(file)) {
        return Files.newInputStream(file);
      }
    }
    InputStream in = Reference.class.getResourceAsStream("/reference/" + name);
    if (in == null) {
      throw DispersalException.failure(
          "Reference file " + name + " not found",
          "neither conf/reference/ under the installation nor the jar holds it",
          "run from a checkout (./dispersal sets dispersal.home) or rebuild the jar",
          null);
    }
    return in;
  }
}
