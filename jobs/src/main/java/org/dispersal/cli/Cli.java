package org.dispersal.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.dispersal.common.PathsConfig;
import org.dispersal.common.RunConfig;
import org.dispersal.common.Setting;
import org.dispersal.common.Settings;
import org.dispersal.common.SettingsLoader;
import org.dispersal.common.SparkConfig;
import org.dispersal.conform.ConformConfig;
import org.dispersal.forecast.ForecastConfig;
import org.dispersal.generate.GenerateConfig;
import org.dispersal.ingest.IngestConfig;
import org.dispersal.panel.PanelConfig;

/** Shared plumbing of the commands: the catalogue of settings and how they are loaded. */
public final class Cli {
  private Cli() {}

  /** Every declared configuration key, grouped by stage, in the order they are documented. */
  public static List<Setting<?>> allSettings() {
    List<Setting<?>> all = new ArrayList<>();
    all.addAll(RunConfig.SETTINGS);
    all.addAll(PathsConfig.SETTINGS);
    all.addAll(SparkConfig.SETTINGS);
    all.addAll(GenerateConfig.SETTINGS);
    all.addAll(IngestConfig.SETTINGS);
    all.addAll(ConformConfig.SETTINGS);
    all.addAll(PanelConfig.SETTINGS);
    all.addAll(org.dispersal.estimate.EstimateConfig.SETTINGS);
    all.addAll(ForecastConfig.SETTINGS);
    all.addAll(org.dispersal.export.ExportConfig.SETTINGS);
    all.addAll(org.dispersal.ops.OpsConfig.SETTINGS);
    return all;
  }

  /** The installation folder: holds conf/; set by the launcher, else the working directory. */
  static Path home() {
    String home = System.getProperty("dispersal.home", System.getenv("DISPERSAL_HOME"));
    return Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize();
  }

  /** The default configuration file, {@code conf/dispersal.conf} under the installation. */
  static Path defaultConfigFile() {
    return home().resolve("conf").resolve("dispersal.conf");
  }

  /** Loads the effective settings for a command; fails with exit code 2 before Spark starts. */
  static Settings load(CommonOptions options) {
    if (options.verbose) {
      Configurator.setLevel("org.dispersal", Level.DEBUG);
    }
    Path defaults = defaultConfigFile();
    Settings settings =
        SettingsLoader.load(
            allSettings(),
            Files.isRegularFile(defaults) ? defaults : null,
            options.configFile,
            Map.copyOf(System.getenv()),
            options.overrides());
    // Derived records validate cross-field rules too, so build them all once here.
    RunConfig.from(settings);
    PathsConfig.from(settings);
    SparkConfig.from(settings);
    IngestConfig.from(settings);
    ForecastConfig.from(settings);
    return settings;
  }
}
