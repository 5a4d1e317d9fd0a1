package org.dispersal.ingest;

import java.sql.Timestamp;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The deliveries table (the manifest): one row per landing file ever ingested or rejected, keyed by
 * its content hash. It is written last in a run, so a delivery it lists is complete.
 */
final class Deliveries {
  static final String DELIVERY_ID = Outputs.DELIVERY_ID;
  static final String LEDGER = Outputs.LEDGER;
  static final String PATH = "path";
  static final String FILE_NAME = Outputs.FILE_NAME;
  static final String FILE_HASH = Outputs.FILE_HASH;
  static final String SIZE_BYTES = "size_bytes";
  static final String MODIFIED_AT = "modified_at";
  static final String FORMAT = "format";
  static final String ENCODING = "encoding";
  static final String STATUS = "status";
  static final String RULE_ID = RowRules.RULE_ID;
  static final String REASON = RowRules.REASON;
  static final String ROWS_READ = "rows_read";
  static final String ROWS_LOADED = "rows_loaded";
  static final String ROWS_QUARANTINED = "rows_quarantined";
  static final String IGNORED_COLUMNS = "ignored_columns";
  static final String INGEST_SEQ = "ingest_seq";

  /** What the executors get per new delivery. */
  static final StructType TODO_SCHEMA =
      new StructType()
          .add(DELIVERY_ID, DataTypes.StringType, false)
          .add(PATH, DataTypes.StringType, false)
          .add(SIZE_BYTES, DataTypes.LongType, false);

  static final StructType SCHEMA =
      new StructType()
          .add(DELIVERY_ID, DataTypes.StringType, false)
          .add(LEDGER, DataTypes.StringType, false)
          .add(FILE_NAME, DataTypes.StringType, false)
          .add(FILE_HASH, DataTypes.StringType, false)
          .add(SIZE_BYTES, DataTypes.LongType, false)
          .add(MODIFIED_AT, DataTypes.TimestampType, true)
          .add(FORMAT, DataTypes.StringType, true)
          .add(ENCODING, DataTypes.StringType, true)
          .add(STATUS, DataTypes.StringType, false)
          .add(RULE_ID, DataTypes.StringType, true)
          .add(REASON, DataTypes.StringType, true)
          .add(ROWS_READ, DataTypes.LongType, false)
          .add(ROWS_LOADED, DataTypes.LongType, false)
          .add(ROWS_QUARANTINED, DataTypes.LongType, false)
          .add(IGNORED_COLUMNS, DataTypes.StringType, true)
          .add(INGEST_SEQ, DataTypes.LongType, false)
          .add(Outputs.RUN_ID, DataTypes.StringType, false)
          .add(Outputs.INGESTED_AT, DataTypes.TimestampType, false);

  /** What the manifest says so far: delivery ids recorded and the last sequence number used. */
  record Recorded(Set<String> ids, long lastSeq) {}

  /** How one new delivery went, as the stage assembles it. */
  record Outcome(
      LandingFiles.Found file,
      String format,
      String encoding,
      String status,
      String ruleId,
      String reason,
      long rowsRead,
      long rowsLoaded,
      long rowsQuarantined,
      String ignoredColumns) {

    boolean rejected() {
      return Staging.REJECTED.equals(status);
    }
  }

  private Deliveries() {}

  /** Reads the recorded delivery ids (a small set: one per file ever delivered). */
  static Recorded recorded(SparkSession spark, String table) {
    if (!Lake.exists(spark, table)) {
      return new Recorded(Set.of(), 0);
    }
    Set<String> ids = new HashSet<>();
    long last = 0;
    for (Row r :
        spark.read().format("delta").load(table).select(DELIVERY_ID, INGEST_SEQ).collectAsList()) {
      ids.add(r.getString(0));
      last = Math.max(last, r.getLong(1));
    }
    return new Recorded(ids, last);
  }

  static Row todo(LandingFiles.Found f) {
    return RowFactory.create(f.deliveryId(), f.path(), f.size());
  }

  /** The manifest row of an outcome. */
  static Row row(Outcome o, long seq, Outputs.Run run) {
    LandingFiles.Found f = o.file();
    return RowFactory.create(
        f.deliveryId(),
        f.ledger().folder(),
        f.fileName(),
        f.hash(),
        f.size(),
        new Timestamp(f.modifiedAt()),
        o.format(),
        o.encoding(),
        o.status(),
        o.ruleId(),
        o.reason(),
        o.rowsRead(),
        o.rowsLoaded(),
        o.rowsQuarantined(),
        o.ignoredColumns(),
        seq,
        run.runId(),
        run.ingestedAt());
  }

  /** The small frame of delivery_id → file_name, file_hash that lineage is joined from. */
  static List<Row> lineage(List<LandingFiles.Found> files) {
    return files.stream()
        .map(f -> RowFactory.create(f.deliveryId(), f.fileName(), f.hash()))
        .toList();
  }

  static final StructType LINEAGE_SCHEMA =
      new StructType()
          .add(DELIVERY_ID, DataTypes.StringType, false)
          .add(FILE_NAME, DataTypes.StringType, false)
          .add(FILE_HASH, DataTypes.StringType, false);
}
