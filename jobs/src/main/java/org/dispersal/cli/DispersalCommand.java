package org.dispersal.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code dispersal} command: lists the subcommands. */
@Command(
    name = "dispersal",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Nightly analytics for the dispersal, rectification and upgrading special action"
          + " (疏解整治促提升).",
      ""
    },
    footer = {
      "",
      "Exit codes: 0 success, 1 failure, 2 usage or configuration error,"
          + " 3 finished but some input files were rejected, 75 another run holds the lock."
    },
    commandListHeading = "%nCommands:%n")
public final class DispersalCommand implements Runnable {

  @Spec CommandSpec spec;

  @Mixin CommonOptions common;

  @Override
  public void run() {
    // Validate what was given (exit 2 on a bad value) even when no command follows.
    Cli.load(common);
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Adds every subcommand in pipeline order; commands still to come say which issue brings them.
   */
  static void addSubcommands(CommandLine cli) {
    cli.addSubcommand("generate", new GenerateCommand());
    cli.addSubcommand("ingest", new IngestCommand());
    cli.addSubcommand(
        "conform",
        StageCommand.of(
            org.dispersal.conform.ConformStage::new,
            "Clean, historise and link the ledgers (silver).",
            "Resolves townships, keeps every version of each record, links demolitions to the"
                + " registrations and businesses at the same site, lists vacating events and"
                + " rebounds, compares reported progress with the ledgers, and scores data quality."));
    cli.addSubcommand(
        "panel",
        StageCommand.of(
            org.dispersal.panel.PanelStage::new,
            "Build the township x month gold tables.",
            "Incremental: merges only the months touched by data ingested since the last build;"
                + " --full rebuilds."));
    cli.addSubcommand("estimate", new EstimateCommand());
    cli.addSubcommand("forecast", new ForecastCommand());
    cli.addSubcommand(
        "export",
        StageCommand.of(
            org.dispersal.export.ExportStage::new,
            "Write the leading group's workbook, CSV, charts and briefing.",
            "Reads the gold forecasts, task progress and township months (and the silver quality"
                + " tables when present) and writes exports/<as-of>/: the XLSX workbook in Chinese,"
                + " one CSV per sheet (UTF-8 with BOM), PNG charts and a one-page HTML briefing;"
                + " a rerun of the same as-of date replaces the folder."));
    cli.addSubcommand("nightly", new NightlyCommand());
    cli.addSubcommand("demo", new DemoCommand());
    cli.addSubcommand("runs", new RunsCommand());
    cli.addSubcommand("maintain", new MaintainCommand());
    cli.addSubcommand("config", new ConfigCommand());
    cli.addSubcommand("notebook-kernel", new NotebookKernelCommand());
  }
}
