package org.dispersal.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every command takes: configuration file, overrides, as-of date, verbosity. */
public final class CommonOptions {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "HOCON file whose keys override conf/dispersal.conf.")
  Path configFile;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override one configuration key (repeatable); beats files and environment.")
  List<String> sets = new ArrayList<>();

  @Option(
      names = "--as-of",
      paramLabel = "YYYY-MM-DD",
      description = "Date the run reports on (same as --set run.as-of=...); default today.")
  String asOf;

  @Option(
      names = {"-v", "--verbose"},
      description = "Debug logging, and stack traces for errors.")
  boolean verbose;

  /** Takes the options given before the subcommand; those given after it win. */
  void absorb(CommonOptions top) {
    if (configFile == null) {
      configFile = top.configFile;
    }
    List<String> all = new ArrayList<>(top.sets);
    all.addAll(sets);
    sets = all;
    if (asOf == null) {
      asOf = top.asOf;
    }
    verbose |= top.verbose;
  }

  /** All overrides in order, with --as-of last so it wins. */
  List<String> overrides() {
    List<String> all = new ArrayList<>(sets);
    if (asOf != null) {
      all.add("run.as-of=" + asOf);
    }
    return all;
  }
}
