package org.dispersal.ops;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.dispersal.generate.GenerateConfig;
import org.dispersal.generate.Generator;

/**
 * The smallest district the generator makes that still runs every stage: Yanqing (18 townships),
 * January to March 2015, no injected defects — so a nightly on it exits 0 in well under a minute.
 */
final class SmallDistrict {
  static final String DISTRICT = "110119";
  static final LocalDate AS_OF = LocalDate.of(2015, 3, 31);

  /** A test key for the personal-data hashes, long enough to pass the key check. */
  static final String PII_KEY = "integration-test-key-0123456789abcdef";

  private SmallDistrict() {}

  /** The command line of a nightly run on this district: {@code nightly --as-of … --set …}. */
  static List<String> nightly(Path landing, String lake, String runs, Path exports) {
    return List.of(
        "nightly",
        "--as-of",
        AS_OF.toString(),
        "--set",
        "run.district=" + DISTRICT,
        "--set",
        "paths.landing=" + landing,
        "--set",
        "paths.lake=" + lake,
        "--set",
        "paths.runs=" + runs,
        "--set",
        "paths.exports=" + exports);
  }

  /** Generates the district's ledgers into a new landing folder. */
  static Path landing(Path dir) {
    Path landing = dir.resolve("landing");
    Generator.generate(
        new GenerateConfig(20170101, false, 0.0, AS_OF, DISTRICT), landing, (f, n, r) -> {});
    return landing;
  }
}
