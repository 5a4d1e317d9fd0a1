package org.dispersal.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.dispersal.common.ExitCode;
import org.dispersal.common.Settings;
import org.dispersal.ingest.IngestStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Runs the ingest stage alone and prints its summary table. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Load new landing files into bronze Delta tables.",
      "Reads every new file under <paths.landing>/<ledger>/ (rental, license, demolition,"
          + " population, targets, progress); a file seen before (same content) is skipped."
          + " Valid rows go to bronze, the others to the quarantine table with a reason; personal"
          + " data is kept only as keyed hashes (key: DISPERSAL_PII_KEY or pii.key-file)."
          + " Exit code 3 if a file was rejected as a whole."
    })
final class IngestCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Settings settings = Cli.load(common);
    IngestStage stage = new IngestStage();
    ExitCode code = NightlyCommand.runStages(settings, false, List.of(stage), "ingest");
    PrintWriter out = spec.commandLine().getOut();
    if (stage.lastReport() != null) {
      out.print(stage.lastReport().table());
      out.flush();
    }
    return code.code();
  }
}
