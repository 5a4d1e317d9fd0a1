package org.dispersal.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dispersal.common.DispersalException;
import org.dispersal.common.Townships;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes synthetic ledgers with a known truth into a landing folder: the six deliveries of the
 * input contract, as the departments produce them, and {@code _truth/} beside them.
 */
public final class Generator {
  private static final Logger LOG = LoggerFactory.getLogger(Generator.class);
  static final List<String> LAYOUT =
      List.of("rental", "license", "demolition", "population", "targets", "progress", Truth.DIR);
  static final String MARKER = "generator.txt";

  /** Where the run is: fraction done, files and data rows written so far. */
  public interface Listener {
    void progress(double fraction, long files, long rows);
  }

  /** What was written: files and rows per ledger folder, defects per kind, time taken. */
  public record Summary(
      Path out,
      Map<String, long[]> ledgers,
      Map<String, Long> defects,
      int districts,
      int townships,
      Duration elapsed) {}

  /** The parts one run shares across its districts. */
  record Run(long seed, Clock clock, Defects defects, Deliveries deliveries, Truth truth) {}

  private Generator() {}

  /**
   * Generates into {@code out}, which must be absent, empty or an earlier generator output (which
   * is replaced).
   */
  public static Summary generate(GenerateConfig config, Path out, Listener listener) {
    long start = System.nanoTime();
    Townships ref = Townships.load();
    List<Geography.DistrictProfile> districts =
        Geography.districts(ref, config.city(), config.districtCode(), config.scaleFraction());
    if (districts.isEmpty()) {
      throw DispersalException.usage(
          "Unknown district " + config.districtCode(),
          "run.district must be one of Beijing's 16 district codes",
          "use e.g. --set run.district=110111 (Fangshan)");
    }
    LOG.info(
        "Generating {} scale × {} ({} districts) to {} as of {}, seed {}, defect rate {}",
        config.scale(),
        config.scaleFraction(),
        districts.size(),
        out,
        config.asOf(),
        config.seed(),
        config.defectRate());
    try {
      prepare(out, config);
      Clock clock = new Clock(config.asOf());
      Parameters parameters = new Parameters(config, districts);
      Deliveries deliveries;
      try (Defects defects =
              new Defects(
                  out.resolve(Truth.DIR).resolve("defects.csv"),
                  config.defectRate(),
                  config.asOf());
          Truth truth = new Truth(out)) {
        deliveries = new Deliveries(out, defects, config.asOf().atTime(23, 59));
        Run run = new Run(config.seed(), clock, defects, deliveries, truth);
        int total = districts.size() * (clock.lastMonth + 1);
        int[] done = {0};
        for (Geography.DistrictProfile d : districts) {
          DistrictRun dr = new DistrictRun(run, d, ref);
          String prefix = config.city() ? d.name() + "_" : "";
          dr.run(
              prefix,
              () ->
                  listener.progress(
                      ++done[0] / (double) total, files(deliveries), rows(deliveries)));
          parameters.add(dr);
        }
        parameters.write(out.resolve(Truth.DIR).resolve("parameters.csv"), defects.counts());
        Summary summary = summary(out, deliveries, defects, districts, start);
        LOG.info(
            "Generated {} files, {} rows and {} defects in {} s into {}",
            files(deliveries),
            rows(deliveries),
            summary.defects().values().stream().mapToLong(Long::longValue).sum(),
            String.format(java.util.Locale.ROOT, "%.1f", summary.elapsed().toMillis() / 1000.0),
            out);
        return summary;
      }
    } catch (IOException e) {
      throw DispersalException.failure(
          "Cannot write the synthetic ledgers to " + out,
          e.toString(),
          "check that the folder is writable and the disk has space",
          e);
    }
  }

  private static long files(Deliveries d) {
    return d.counts().values().stream().mapToLong(Deliveries.Count::files).sum();
  }

  private static long rows(Deliveries d) {
    return d.counts().values().stream().mapToLong(Deliveries.Count::rows).sum();
  }

  private static Summary summary(
      Path out,
      Deliveries deliveries,
      Defects defects,
      List<Geography.DistrictProfile> districts,
      long start) {
    Map<String, long[]> ledgers = new LinkedHashMap<>();
    deliveries.counts().forEach((l, c) -> ledgers.put(l.folder, new long[] {c.files(), c.rows()}));
    Map<String, Long> kinds = new LinkedHashMap<>();
    new EnumMap<>(defects.counts()).forEach((k, n) -> kinds.put(k.id, n));
    int townships = districts.stream().mapToInt(d -> d.townships().size()).sum();
    return new Summary(
        out,
        ledgers,
        kinds,
        districts.size(),
        townships,
        Duration.ofNanos(System.nanoTime() - start));
  }

  /**
   * Whether a text could be a person's name the generator makes (surname and one or two given names
   * from its lists), for scans that prove no such name leaves ingest in clear.
   */
  public static boolean couldBeGeneratedName(String text) {
    return text != null && FakeData.isPersonName(text);
  }

  /**
   * Whether {@code out} already holds a complete generator output made with these settings (its
   * parameters.csv names the same seed, scale, as-of date, defect rate and districts).
   */
  public static boolean alreadyGenerated(GenerateConfig config, Path out) {
    Path parameters = out.resolve(Truth.DIR).resolve("parameters.csv");
    if (!Files.isRegularFile(parameters)) {
      return false;
    }
    try {
      List<String> lines = Files.readAllLines(parameters, StandardCharsets.UTF_8);
      String district = "population_2016." + config.districtCode() + ",";
      return lines.stream().anyMatch(l -> l.startsWith("seed," + config.seed() + ","))
          && lines.stream().anyMatch(l -> l.startsWith("scale," + config.scale() + ","))
          && lines.stream().anyMatch(l -> l.startsWith("as_of," + config.asOf() + ","))
          && lines.stream()
                  .filter(l -> l.startsWith("scale_fraction,"))
                  .mapToDouble(Generator::rate)
                  .findFirst()
                  .orElse(1.0)
              == config.scaleFraction()
          && lines.stream()
              .anyMatch(l -> l.startsWith("defect_rate,") && rate(l) == config.defectRate())
          && (config.city() || lines.stream().anyMatch(l -> l.startsWith(district)));
    } catch (IOException e) {
      return false;
    }
  }

  private static double rate(String line) {
    // The value of a parameters.csv line "name,value,...".
    try {
      return Double.parseDouble(line.split(",")[1]);
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /** Clears an earlier generator output (only its own folders); refuses any other content. */
  static void prepare(Path out, GenerateConfig config) throws IOException {
    if (Files.isDirectory(out)) {
      boolean generated = Files.isRegularFile(out.resolve(Truth.DIR).resolve(MARKER));
      try (Stream<Path> entries = Files.list(out)) {
        List<Path> all = entries.sorted().toList();
        if (!all.isEmpty() && !generated) {
          throw DispersalException.usage(
              "The folder " + out + " is not empty and was not written by the generator",
              "generating there could mix synthetic files with real deliveries",
              "choose an empty or new folder with --out, or empty this one");
        }
        for (Path p : all) {
          if (LAYOUT.contains(p.getFileName().toString())) {
            deleteTree(p);
          }
        }
      }
    }
    Path marker = out.resolve(Truth.DIR).resolve(MARKER);
    Files.createDirectories(marker.getParent());
    Files.writeString(
        marker,
        "Synthetic ledgers written by 'dispersal generate' (seed "
            + config.seed()
            + ", scale "
            + config.scale()
            + ", as of "
            + config.asOf()
            + "). Not real data.\n",
        StandardCharsets.UTF_8);
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
