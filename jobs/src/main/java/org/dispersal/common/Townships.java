package org.dispersal.common;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Beijing's township-level divisions and their alternative spellings, read from {@code
 * conf/reference/} under the installation, or from the copy packaged in the jar.
 */
public final class Townships {
  /** Folder under the installation and resource prefix on the class path. */
  public static final String REFERENCE_DIR = "conf/reference";

  public static final String TOWNSHIPS_FILE = "beijing_townships.csv";
  public static final String ALIASES_FILE = "township_aliases.csv";

  private static final String RESOURCE_PREFIX = "/org/dispersal/reference/";

  /** One township-level division. */
  public record Township(
      String code, String name, String kind, String districtCode, String districtName) {

    /** The name without its suffix (长阳 for 长阳镇); the full name when it has none. */
    public String shortName() {
      for (String suffix : List.of("街道", "地区", "镇", "乡")) {
        if (name.endsWith(suffix) && name.length() > suffix.length()) {
          return name.substring(0, name.length() - suffix.length());
        }
      }
      return name;
    }
  }

  /** Another spelling of a township: short_name, older_form or misspelling. */
  public record Alias(String alias, String townshipCode, String kind) {}

  private final List<Township> all;
  private final List<Alias> aliases;

  private Townships(List<Township> all, List<Alias> aliases) {
    this.all = Collections.unmodifiableList(all);
    this.aliases = Collections.unmodifiableList(aliases);
  }

  /** Loads from {@code <home>/conf/reference} when present, else from the packaged copy. */
  public static Townships load() {
    return load(home());
  }

  /** Loads from {@code <home>/conf/reference} when present, else from the packaged copy. */
  public static Townships load(Path home) {
    List<String[]> towns = read(home, TOWNSHIPS_FILE);
    List<String[]> alias = read(home, ALIASES_FILE);
    List<Township> ts = new ArrayList<>();
    for (String[] r : towns) {
      ts.add(new Township(r[0], r[1], r[2], r[3], r[4]));
    }
    List<Alias> as = new ArrayList<>();
    for (String[] r : alias) {
      as.add(new Alias(r[0], r[1], r[2]));
    }
    return new Townships(ts, as);
  }

  /** The installation folder: system property dispersal.home, DISPERSAL_HOME, else ".". */
  public static Path home() {
    String home = System.getProperty("dispersal.home", System.getenv("DISPERSAL_HOME"));
    return Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize();
  }

  public List<Township> all() {
    return all;
  }

  public List<Alias> aliases() {
    return aliases;
  }

  /**
   * The townships of one district in code order (all of them for {@link RunConfig#CITY}); empty if
   * the code is unknown.
   */
  public List<Township> ofDistrict(String districtCode) {
    return all.stream().filter(t -> RunConfig.covers(districtCode, t.districtCode())).toList();
  }

  /** The district codes in code order. */
  public List<String> districtCodes() {
    return all.stream().map(Township::districtCode).distinct().sorted().toList();
  }

  /** The aliases of one township of a given kind, in file order. */
  public List<String> aliases(String townshipCode, String kind) {
    return aliases.stream()
        .filter(a -> a.townshipCode().equals(townshipCode) && a.kind().equals(kind))
        .map(Alias::alias)
        .toList();
  }

  private static List<String[]> read(Path home, String file) {
    Path local = home.resolve(REFERENCE_DIR).resolve(file);
    try (InputStream in =
        Files.isRegularFile(local)
            ? Files.newInputStream(local)
            : Townships.class.getResourceAsStream(RESOURCE_PREFIX + file)) {
      if (in == null) {
        throw DispersalException.failure(
            "Reference file " + file + " not found",
            "neither " + local + " nor the copy in the jar exists",
            "reinstall, or set dispersal.home to the folder holding conf/",
            null);
      }
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read reference file " + file, e);
    }
  }

  // The reference files are plain comma-separated UTF-8 without quoted fields.
  private static List<String[]> parse(InputStream in) throws IOException {
    List<String[]> rows = new ArrayList<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String header = reader.readLine();
    if (header == null) {
      return rows;
    }
    int columns = header.split(",", -1).length;
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.split(",", -1);
      if (fields.length != columns) {
        throw new IllegalStateException(
            String.format(Locale.ROOT, "Malformed reference line '%s'", line));
      }
      rows.add(fields);
    }
    return rows;
  }
}
