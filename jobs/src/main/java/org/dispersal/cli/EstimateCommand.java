package org.dispersal.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.dispersal.common.ExitCode;
import org.dispersal.common.PathsConfig;
import org.dispersal.common.Settings;
import org.dispersal.common.SparkConfig;
import org.dispersal.common.SparkSessions;
import org.dispersal.estimate.EstimateStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the estimate stage and prints the headline table of its run. */
@Command(
    name = "estimate",
    mixinStandardHelpOptions = true,
    description = {
      "Estimate residents leaving per 10,000 m2 vacated.",
      "Panel (township and year effects, township trends, wild cluster bootstrap over townships),"
          + " linkage (linked registered tenants scaled by coverage) and district net effects;"
          + " appends gold/effect_estimates and gold/population_attribution and prints the"
          + " headline: estimate and 95% interval per estimator and kind."
    })
final class EstimateCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  @Option(
      names = "--full",
      description = "Estimate even when nothing changed since the last estimate.")
  boolean full;

  @Override
  public Integer call() {
    Settings settings = Cli.load(common);
    ExitCode code =
        NightlyCommand.runStages(settings, full, List.of(new EstimateStage()), "estimate");
    if (code == ExitCode.SUCCESS) {
      spec.commandLine()
          .getOut()
          .print(
              EstimateStage.headline(
                  SparkSessions.open(SparkConfig.from(settings), "estimate"),
                  PathsConfig.from(settings)));
      spec.commandLine().getOut().flush();
    }
    return code.code();
  }
}
