package org.dispersal.cli;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.dispersal.common.Settings;
import org.dispersal.common.Stage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs one stage of the pipeline on its own, as the nightly run would. */
@Command(mixinStandardHelpOptions = true)
final class StageCommand implements Callable<Integer> {
  private final Supplier<Stage> stage;

  @Mixin CommonOptions common;

  @Option(names = "--full", description = "Rebuild the stage's tables rather than update them.")
  boolean full;

  private StageCommand(Supplier<Stage> stage) {
    this.stage = stage;
  }

  /** A subcommand for a stage, with its description lines. */
  static CommandLine of(Supplier<Stage> stage, String... description) {
    CommandLine cli = new CommandLine(new StageCommand(stage));
    cli.getCommandSpec().usageMessage().description(description);
    return cli;
  }

  @Override
  public Integer call() {
    Settings settings = Cli.load(common);
    Stage s = stage.get();
    return NightlyCommand.runStages(settings, full, List.of(s), s.name()).code();
  }
}
