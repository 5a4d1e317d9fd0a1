package org.dispersal.conform;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dispersal.common.Lake;
import org.dispersal.common.RunContext;

/**
 * What a conform was built from — the bronze tables' versions, the as-of date, the settings and the
 * code — kept in {@code silver/conform_inputs}, so a nightly with nothing new skips the stage
 * instead of rebuilding every silver table from the same bronze.
 */
final class Inputs {
  static final String TABLE = "conform_inputs";
  static final String FINGERPRINT = "fingerprint";
  static final StructType SCHEMA =
      new StructType()
          .add("run_id", DataTypes.StringType, false)
          .add(FINGERPRINT, DataTypes.StringType, false)
          .add("written_at", DataTypes.TimestampType, false);

  private Inputs() {}

  /** The fingerprint of this run's conform inputs. */
  static String fingerprint(
      SparkSession spark, RunContext run, ConformConfig config, List<String> bronzeTables) {
    Map<String, Long> versions = new TreeMap<>();
    for (String table : bronzeTables) {
      versions.put(table, Lake.version(spark, Lake.table(run.paths(), "bronze", table)));
    }
    return "bronze="
        + versions
        + "; as_of="
        + run.run().asOf()
        + "; district="
        + run.run().districtCode()
        + "; settings="
        + config
        + "; code="
        + codeStamp();
  }

  /** The fingerprint of the last conform that finished, or null. */
  static String last(SparkSession spark, RunContext run) {
    String location = Lake.table(run.paths(), "silver", TABLE);
    if (!Lake.exists(spark, location)) {
      return null;
    }
    List<Row> rows = Lake.read(spark, location).select(col(FINGERPRINT)).collectAsList();
    return rows.isEmpty() ? null : rows.get(0).getString(0);
  }

  /** Written last, so a conform that stopped half-way is never taken for a finished one. */
  static Dataset<Row> row(SparkSession spark, RunContext run, String fingerprint) {
    return spark.createDataFrame(
        List.of(
            RowFactory.create(run.runId(), fingerprint, new Timestamp(System.currentTimeMillis()))),
        SCHEMA);
  }

  // A new build of the code may conform differently: the build's version and time count (the
  // cluster jar and the class folder of one build agree).
  private static String codeStamp() {
    Properties build = new Properties();
    try (InputStream in = Inputs.class.getResourceAsStream("/org/dispersal/build.properties")) {
      if (in != null) {
        build.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return build.getProperty("version", "unknown") + "@" + build.getProperty("built", "unknown");
  }
}
