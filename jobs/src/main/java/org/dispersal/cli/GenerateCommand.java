package org.dispersal.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dispersal.common.DispersalException;
import org.dispersal.common.PathsConfig;
import org.dispersal.common.Settings;
import org.dispersal.generate.GenerateConfig;
import org.dispersal.generate.Generator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes synthetic ledgers with a known truth. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Write synthetic ledgers with a known truth into the landing folder.",
      "The six deliveries of the input contract (rental, license, demolition, population,"
          + " targets, progress) as the departments produce them - Chinese headers, GBK,"
          + " UTF-8 and XLSX, monthly increments with repeats and corrections, injected defects -"
          + " and _truth/ beside them: true population, effects, links and every defect.",
      "The folder must be new, empty or an earlier generator output (which is replaced).",
      "--as-of sets the last day covered (default generate.as-of, 2020-06-30)."
    })
final class GenerateCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  @Option(names = "--seed", paramLabel = "N", description = "Random seed (generate.seed).")
  String seed;

  @Option(
      names = "--scale",
      paramLabel = "district|city",
      description = "district: run.district's townships; city: all 16 districts (generate.scale).")
  String scale;

  @Option(
      names = "--scale-fraction",
      paramLabel = "SHARE",
      description =
          "Share of the published populations generated, 0.01 to 1 (generate.scale-fraction).")
  String scaleFraction;

  @Option(
      names = "--defect-rate",
      paramLabel = "RATE",
      description = "Share of rows per defect kind, 0 to 0.5 (generate.defect-rate).")
  String defectRate;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Landing folder to write (paths.landing, default ./data/landing).")
  String out;

  @Override
  public Integer call() {
    Settings settings = settings(Cli.load(common));
    GenerateConfig config = GenerateConfig.from(settings);
    Path folder = localFolder(settings.get(PathsConfig.LANDING));
    PrintWriter stdout = spec.commandLine().getOut();
    ProgressLine progress = new ProgressLine();
    Generator.Summary summary = Generator.generate(config, folder, progress);
    progress.finish();
    print(stdout, summary);
    return 0;
  }

  /** The effective settings with this command's options applied, validated like --set. */
  Settings settings(Settings loaded) {
    Settings s = loaded;
    if (seed != null) {
      s = s.with(GenerateConfig.SEED, seed);
    }
    if (scale != null) {
      s = s.with(GenerateConfig.SCALE, scale);
    }
    if (scaleFraction != null) {
      s = s.with(GenerateConfig.SCALE_FRACTION, scaleFraction);
    }
    if (defectRate != null) {
      s = s.with(GenerateConfig.DEFECT_RATE, defectRate);
    }
    if (common.asOf != null) {
      s = s.with(GenerateConfig.AS_OF, common.asOf);
    }
    if (out != null) {
      s = s.with(PathsConfig.LANDING, out);
    }
    return s;
  }

  static Path localFolder(String location) {
    String qualified = PathsConfig.qualify(location);
    if (!qualified.startsWith("file:")) {
      throw DispersalException.usage(
          "The generator writes to a local folder, not " + location,
          "it streams files with the local filesystem",
          "use --out with a local path, then copy the files if they must go elsewhere");
    }
    return Path.of(java.net.URI.create(qualified));
  }

  static void print(PrintWriter out, Generator.Summary s) {
    out.printf(
        Locale.ROOT,
        "Generated %d district(s), %d townships into %s in %.1f s%n",
        s.districts(),
        s.townships(),
        s.out(),
        s.elapsed().toMillis() / 1000.0);
    out.printf(Locale.ROOT, "%-12s %7s %12s%n", "ledger", "files", "rows");
    for (Map.Entry<String, long[]> e : s.ledgers().entrySet()) {
      out.printf(Locale.ROOT, "%-12s %7d %12d%n", e.getKey(), e.getValue()[0], e.getValue()[1]);
    }
    long total = s.defects().values().stream().mapToLong(Long::longValue).sum();
    out.printf(Locale.ROOT, "Defects injected: %d (listed in _truth/defects.csv)%n", total);
    for (Map.Entry<String, Long> e : s.defects().entrySet()) {
      out.printf(Locale.ROOT, "  %-22s %9d%n", e.getKey(), e.getValue());
    }
    out.flush();
  }
}
