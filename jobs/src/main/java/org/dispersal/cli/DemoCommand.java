package org.dispersal.cli;

import java.util.concurrent.Callable;
import org.dispersal.common.DispersalException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Generates sample ledgers into the landing folder and runs the nightly job on them. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Generate Fangshan sample ledgers into ./data/landing and run the nightly job on them.",
      "Everything it writes stays under ./data (or the configured paths)."
    })
final class DemoCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    throw DispersalException.notAvailable("demo", "issue #3 (the generator)");
  }
}
