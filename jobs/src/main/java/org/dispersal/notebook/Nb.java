package org.dispersal.notebook;

import java.awt.image.RenderedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.dispersal.cli.Cli;
import org.dispersal.common.DispersalException;
import org.dispersal.common.Settings;
import org.dispersal.common.SettingsLoader;
import org.dispersal.common.SparkConfig;
import org.dispersal.common.SparkSessions;
import org.dispersal.common.Townships;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notebooks' entry point: {@code var lake = Nb.lake();} opens the Spark session once per kernel
 * and reads the configuration as the command line does, without flags: built-in defaults, {@code
 * conf/dispersal.conf} of the checkout (the kernel spec sets {@code dispersal.home}), then the
 * environment ({@code DISPERSAL_PATHS_LAKE=…} and the like, inherited by the kernel).
 */
public final class Nb {
  private static final Logger LOG = LoggerFactory.getLogger(Nb.class);
  private static final String KERNEL_DISPLAY = "org.rapaio.jupyter.kernel.global.Global";
  private static Lakehouse lake;

  private Nb() {}

  /** The lake of the configuration, on the kernel's one Spark session. */
  public static synchronized Lakehouse lake() {
    if (lake == null) {
      Settings settings = settings(System.getenv());
      SparkSession spark = SparkSessions.open(SparkConfig.from(settings), "notebook");
      lake = new Lakehouse(spark, settings);
    }
    return lake;
  }

  /**
   * Shows an HTML string ({@link Lakehouse#html}) or an image (the chart helpers) as the cell's
   * output, through the rapaio kernel's display; outside a kernel it only logs.
   */
  public static void show(Object htmlOrImage) {
    String mime = htmlOrImage instanceof RenderedImage ? "image/png" : "text/html";
    try {
      Class.forName(KERNEL_DISPLAY)
          .getMethod("display", String.class, Object.class)
          .invoke(null, mime, htmlOrImage);
    } catch (ClassNotFoundException e) {
      LOG.info("not in the notebook kernel; {} not shown", mime);
    } catch (ReflectiveOperationException e) {
      throw DispersalException.failure(
          "The notebook kernel could not show the " + mime,
          e.getCause() == null ? e.toString() : e.getCause().toString(),
          "check the kernel spec (./dispersal notebook-kernel)",
          e);
    }
  }

  /** The effective settings: defaults, the checkout's conf/dispersal.conf, then the environment. */
  static Settings settings(Map<String, String> env) {
    Path defaults = Townships.home().resolve("conf").resolve("dispersal.conf");
    return SettingsLoader.load(
        Cli.allSettings(), Files.isRegularFile(defaults) ? defaults : null, null, env, List.of());
  }
}
