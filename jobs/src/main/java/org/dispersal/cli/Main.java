package org.dispersal.cli;

import org.dispersal.common.DispersalException;
import org.dispersal.common.ExitCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** Entry point of the {@code dispersal} command line, embedded or under spark-submit. */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    int code = run(args);
    // Spark leaves non-daemon threads behind; exit explicitly so the code reaches the scheduler.
    System.exit(code);
  }

  /** Parses, runs and maps every outcome to an exit code; never throws. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The configured picocli command tree (tests use it to check help and parsing). */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new DispersalCommand());
    DispersalCommand.addSubcommands(cli);
    cli.setExecutionExceptionHandler(Main::handle);
    cli.setExecutionStrategy(Main::execute);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }

  // Options given before the subcommand (dispersal --set k=v nightly) apply to it too.
  private static int execute(ParseResult parsed) {
    if (parsed.hasSubcommand()
        && parsed.commandSpec().userObject() instanceof DispersalCommand root) {
      CommandSpec mixin = parsed.subcommand().commandSpec().mixins().get("common");
      if (mixin != null && mixin.userObject() instanceof CommonOptions sub) {
        sub.absorb(root.common);
      }
    }
    return new CommandLine.RunLast().execute(parsed);
  }

  // The one place a failure is caught, logged once, and turned into an exit code.
  private static int handle(Exception e, CommandLine cli, ParseResult parsed) {
    boolean verbose = verbose(parsed);
    if (e instanceof DispersalException de) {
      if (verbose) {
        LOG.error(de.getMessage(), de);
      } else {
        LOG.error(de.getMessage());
      }
      return de.exitCode().code();
    }
    LOG.error(
        "Unexpected failure: {} — this is a bug or an environment problem; rerun with --verbose"
            + " for the stack trace and report it",
        e.toString(),
        verbose ? e : null);
    return ExitCode.FAILURE.code();
  }

  private static boolean verbose(ParseResult parsed) {
    ParseResult p = parsed;
    boolean verbose = p.hasMatchedOption("--verbose");
    while (p.hasSubcommand()) {
      p = p.subcommand();
      verbose |= p.hasMatchedOption("--verbose");
    }
    return verbose;
  }
}
