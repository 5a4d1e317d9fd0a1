package org.dispersal.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the project version from the jar manifest, with the Spark and Java it runs on. */
final class VersionProvider implements IVersionProvider {

  /** The project version, or "dev" when run from classes rather than the jar. */
  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "dispersal " + version(),
      "Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ", Java " + Runtime.version()
    };
  }
}
