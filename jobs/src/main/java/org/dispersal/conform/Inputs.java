package org.dispersal.conform;

import static org.apache.spark.sql.functions.col;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dispersal.common.Lake;
import org.dispersal.common.RunContext;
import org.dispersal.common.StageFingerprint;

/**
 * What a conform was built from — the bronze tables' versions, the as-of date, the settings, the
 * reference data and the code, and the deliveries it conformed — kept in {@code
 * silver/conform_inputs}, so a nightly with nothing new skips the stage and one with new deliveries
 * conforms only those (see {@link Increment}).
 */
final class Inputs {
  static final String TABLE = "conform_inputs";
  static final String FINGERPRINT = "fingerprint";
  static final String BASIS = "basis";
  static final String DELIVERIES = "deliveries";
  static final StructType SCHEMA =
      new StructType()
          .add("run_id", DataTypes.StringType, false)
          .add(FINGERPRINT, DataTypes.StringType, false)
          .add("written_at", DataTypes.TimestampType, false)
          .add(BASIS, DataTypes.StringType, true)
          .add(DELIVERIES, DataTypes.createArrayType(DataTypes.StringType, false), true);

  /** The last finished conform: its fingerprint, basis and the deliveries it had conformed. */
  record Last(String fingerprint, String basis, List<String> deliveries) {}

  private Inputs() {}

  /** The fingerprint of this run's conform inputs. */
  static String fingerprint(
      SparkSession spark, RunContext run, ConformConfig config, List<String> bronzeTables) {
    Map<String, Long> versions = new TreeMap<>();
    for (String table : bronzeTables) {
      versions.put(table, Lake.version(spark, Lake.table(run.paths(), "bronze", table)));
    }
    return "bronze=" + versions + "; as_of=" + run.run().asOf() + "; " + basis(run, config);
  }

  /**
   * What every silver row depends on besides its own delivery: when it changes, conforming only new
   * deliveries would leave older rows conformed the old way, so the stage rebuilds everything.
   */
  static String basis(RunContext run, ConformConfig config) {
    return "district="
        + run.run().districtCode()
        + "; settings="
        + config
        + "; reference="
        + Reference.stamp()
        + "; code="
        + StageFingerprint.codeStamp();
  }

  /** The last conform that finished, or null. */
  static Last last(SparkSession spark, RunContext run) {
    String location = Lake.table(run.paths(), "silver", TABLE);
    if (!Lake.exists(spark, location)) {
      return null;
    }
    Dataset<Row> table = Lake.read(spark, location);
    if (!List.of(table.columns()).contains(DELIVERIES)) {
      List<Row> old = table.select(col(FINGERPRINT)).collectAsList();
      return old.isEmpty() ? null : new Last(old.get(0).getString(0), null, null);
    }
    List<Row> rows = table.select(col(FINGERPRINT), col(BASIS), col(DELIVERIES)).collectAsList();
    if (rows.isEmpty()) {
      return null;
    }
    Row r = rows.get(0);
    return new Last(r.getString(0), r.getString(1), r.isNullAt(2) ? null : r.getList(2));
  }

  /** Written last, so a conform that stopped half-way is never taken for a finished one. */
  static Dataset<Row> row(
      SparkSession spark,
      RunContext run,
      String fingerprint,
      String basis,
      List<String> deliveries) {
    return spark.createDataFrame(
        List.of(
            RowFactory.create(
                run.runId(),
                fingerprint,
                new Timestamp(System.currentTimeMillis()),
                basis,
                deliveries.toArray(new String[0]))),
        SCHEMA);
  }
}
