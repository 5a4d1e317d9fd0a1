package org.dispersal.cli;

import java.util.concurrent.Callable;
import org.dispersal.common.DispersalException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Writes synthetic ledgers with a known truth. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = "Write synthetic ledgers with a known truth into the landing folder.")
final class GenerateCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    throw DispersalException.notAvailable("generate", "issue #3 (the generator)");
  }
}
