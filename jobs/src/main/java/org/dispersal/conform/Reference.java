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
import org.dispersal.common.Townships;

/**
 * Reference data conform needs — townships, their aliases, and how progress metrics derive from the
 * ledgers — read from {@code conf/reference/} of the installation, or from the copy packaged in the
 * jar when running on a cluster.
 */
final class Reference {
  private Reference() {}

  static List<TownshipResolver.Township> townships() {
    return Townships.load().all().stream()
        .map(t -> new TownshipResolver.Township(t.code(), t.name(), t.kind(), t.districtCode()))
        .toList();
  }

  static List<TownshipResolver.Alias> aliases() {
    return Townships.load().aliases().stream()
        .map(a -> new TownshipResolver.Alias(a.alias(), a.townshipCode(), a.kind()))
        .toList();
  }

  static List<Comparison.Derivation> derivations() {
    return rows("task_metrics.csv").stream()
        .map(r -> new Comparison.Derivation(r[0], r[1], r[2], r[3], r.length > 4 ? r[4] : ""))
        .toList();
  }

  /**
   * A digest of the reference data conform resolves with: a new alias can resolve rows quarantined
   * before, so a changed reference means conforming every delivery again.
   */
  static String stamp() {
    String all = townships() + "|" + aliases() + "|" + derivations();
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(all.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest, 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
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
    Path file = Townships.home().resolve(Townships.REFERENCE_DIR).resolve(name);
    if (Files.isRegularFile(file)) {
      return Files.newInputStream(file);
    }
    InputStream in = Reference.class.getResourceAsStream("/org/dispersal/reference/" + name);
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
