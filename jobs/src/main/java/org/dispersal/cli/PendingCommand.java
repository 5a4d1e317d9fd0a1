package org.dispersal.cli;

import java.util.concurrent.Callable;
import org.dispersal.common.DispersalException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** A command whose issue has not landed: says so and exits 2, never prints fake output. */
@Command(mixinStandardHelpOptions = true)
final class PendingCommand implements Callable<Integer> {
  private final String name;
  private final String issue;

  @Mixin CommonOptions common;

  PendingCommand(String name, String issue) {
    this.name = name;
    this.issue = issue;
  }

  @Override
  public Integer call() {
    throw DispersalException.notAvailable(name, issue);
  }
}
