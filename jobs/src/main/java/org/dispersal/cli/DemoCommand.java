package org.dispersal.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dispersal.common.ExitCode;
import org.dispersal.common.PathsConfig;
import org.dispersal.common.RunConfig;
import org.dispersal.common.Settings;
import org.dispersal.generate.GenerateConfig;
import org.dispersal.generate.Generator;
import org.dispersal.ops.Pipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Generates sample ledgers into the landing folder and runs the nightly job on them. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Generate Fangshan sample ledgers into ./data/landing and run the nightly job on them.",
      "Everything it writes stays under ./data (or the configured paths).",
      "The ledgers are generated at district scale (run.district, default Fangshan) with the"
          + " generate.* settings, up to generate.as-of (2020-06-30) or --as-of; the nightly run"
          + " then reports as of that same date, since the data ends there.",
      "If the landing folder already holds generator output with the same seed, as-of date,"
          + " defect rate and district, it is reused as it is (generation is deterministic, so"
          + " it would be identical); otherwise it is regenerated. A landing folder with other"
          + " files is never touched."
    })
final class DemoCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  @Option(
      names = "--regenerate",
      description = "Generate the sample ledgers again even if the same ones are already there.")
  boolean regenerate;

  @Override
  public Integer call() {
    Settings settings = Cli.load(common).with(GenerateConfig.SCALE, "district");
    if (common.asOf != null) {
      settings = settings.with(GenerateConfig.AS_OF, common.asOf);
    }
    GenerateConfig config = GenerateConfig.from(settings);
    Path landing = GenerateCommand.localFolder(settings.get(PathsConfig.LANDING));
    if (!regenerate && Generator.alreadyGenerated(config, landing)) {
      LOG.info(
          "Sample ledgers with seed {} as of {} are already in {}; reusing them.",
          config.seed(),
          config.asOf(),
          landing);
    } else {
      ProgressLine progress = new ProgressLine();
      Generator.Summary summary = Generator.generate(config, landing, progress);
      progress.finish();
      LOG.info(
          "Generated {} files into {} in {} s",
          summary.ledgers().values().stream().mapToLong(c -> c[0]).sum(),
          landing,
          summary.elapsed().toSeconds());
    }
    Settings nightly =
        settings
            .with(RunConfig.AS_OF, config.asOf().toString())
            // The demo wrote the ledgers itself and they are complete: no settling time.
            .with(org.dispersal.ingest.IngestConfig.SETTLE_SECONDS, "0")
            .with(org.dispersal.export.ExportConfig.CHARTS, "when-font");
    // The nightly stages, except that ingest may create a local key for personal data.
    ExitCode code = NightlyCommand.runStages(nightly, false, Pipeline.demoStages(), "nightly");
    if (code == ExitCode.SUCCESS || code == ExitCode.REJECTED_INPUT) {
      String workbook =
          org.dispersal.export.ExportStage.workbook(
              PathsConfig.from(nightly).exports(), config.asOf());
      spec.commandLine()
          .getOut()
          .println(
              "Workbook: "
                  // getPath, not Path.of(URI): the file name is Chinese, which Path.of rejects.
                  + (workbook.startsWith("file:")
                      ? java.net.URI.create(workbook).getPath()
                      : workbook));
      spec.commandLine().getOut().flush();
    }
    long injected = injectedFileFaults(landing);
    if (code == ExitCode.REJECTED_INPUT && injected > 0) {
      // The generator writes faulty files on purpose; rejecting them is the demo working.
      LOG.info(
          "Demo finished. Files were rejected as the generator intended ({} faulty files injected,"
              + " listed in {}); a nightly run on real deliveries would exit 3 here.",
          injected,
          landing.resolve("_truth").resolve("defects.csv"));
      return ExitCode.SUCCESS.code();
    }
    return code.code();
  }

  /** Whole-file faults the generator injected, from its truth (0 if there is none). */
  static long injectedFileFaults(Path landing) {
    Path defects = landing.resolve("_truth").resolve("defects.csv");
    try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(defects)) {
      return lines.filter(l -> l.contains(",file_")).count();
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return 0;
    }
  }
}
