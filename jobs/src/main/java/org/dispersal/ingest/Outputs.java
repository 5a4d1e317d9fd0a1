package org.dispersal.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Pure steps from validated records to the rows of the bronze and quarantine tables, with the
 * lineage every row carries.
 */
final class Outputs {
  // Lineage on every bronze and quarantine row.
  static final String DELIVERY_ID = Staging.DELIVERY_ID;
  static final String FILE_NAME = "file_name";
  static final String FILE_HASH = "file_hash";
  static final String ROW_NUMBER = Staging.ROW_NUMBER;
  static final String INGESTED_AT = "ingested_at";
  static final String RUN_ID = "run_id";

  static final String LEDGER = "ledger";
  static final String RAW_ROW = "raw_row";

  /** Who and when: the run writing the rows. */
  record Run(String runId, Timestamp ingestedAt) {}

  private Outputs() {}

  /**
   * Rows that passed every rule, typed, with personal columns as hashes and lineage last.
   *
   * @param files one row per delivery: delivery_id, file_name, file_hash
   */
  static Dataset<Row> bronze(Dataset<Row> validated, Ledger ledger, Dataset<Row> files, Run run) {
    List<Column> out = new ArrayList<>();
    for (Field f : ledger.fields()) {
      out.add(RowRules.value(f).cast(f.kind().type()).as(f.stagedName()));
      if (f.kind() == Field.Kind.ID_NUMBER) {
        out.add(col(f.validColumn()));
      }
    }
    out.addAll(lineage(run));
    return validated
        .filter(col(RowRules.FAILURE).isNull())
        .join(broadcast(files), DELIVERY_ID)
        .select(out.toArray(new Column[0]));
  }

  /**
   * Rows that failed a rule: where, which rule, why, and the row as JSON of header → value under
   * the contract's Chinese headers, personal values masked (for a misaligned row: its cells as
   * read, masked near personal columns).
   */
  static Dataset<Row> quarantine(
      Dataset<Row> validated, Ledger ledger, Dataset<Row> files, Run run) {
    List<Column> cells = new ArrayList<>();
    for (Field f : ledger.fields()) {
      Column c = col(f.stagedName());
      cells.add((f.kind().personal() ? when(c.isNotNull(), lit(Pii.MASK)) : c).as(f.zh()));
    }
    Column json =
        to_json(struct(cells.toArray(new Column[0])), Map.of("ignoreNullFields", "false"));
    return validated
        .filter(col(RowRules.FAILURE).isNotNull())
        .join(broadcast(files), DELIVERY_ID)
        .select(
            lit(ledger.folder()).as(LEDGER),
            col(DELIVERY_ID),
            col(FILE_NAME),
            col(FILE_HASH),
            col(ROW_NUMBER),
            col(RowRules.FAILURE).getField(RowRules.RULE_ID).as(RowRules.RULE_ID),
            col(RowRules.FAILURE).getField(RowRules.FIELD).as(RowRules.FIELD),
            Failures.reason(col(RowRules.FAILURE)).as(RowRules.REASON),
            coalesce(col(Staging.RAW_CELLS), json).as(RAW_ROW),
            lit(run.runId()).as(RUN_ID),
            lit(run.ingestedAt()).as(INGESTED_AT));
  }

  /**
   * One small table of how reading and checking went: per delivery its file row (status, rule,
   * reason, format, encoding, rows read, ignored columns) and, per outcome of its records (rule and
   * field, both null when loaded), how many rows.
   */
  static Dataset<Row> summary(Dataset<Row> checked) {
    Column record = col(Staging.KIND).equalTo(Staging.RECORD);
    return checked
        .select(
            col(DELIVERY_ID),
            col(Staging.KIND),
            col(Staging.FILE_STATUS),
            col(Staging.FILE_RULE_ID),
            col(Staging.FILE_REASON),
            col(Staging.FILE_FORMAT),
            col(Staging.FILE_ENCODING),
            col(Staging.FILE_ROWS_READ),
            col(Staging.FILE_IGNORED),
            when(record, col(RowRules.FAILURE).getField(RowRules.RULE_ID)).as(RowRules.RULE_ID),
            when(record, col(RowRules.FAILURE).getField(RowRules.FIELD)).as(RowRules.FIELD))
        .groupBy(
            DELIVERY_ID,
            Staging.KIND,
            Staging.FILE_STATUS,
            Staging.FILE_RULE_ID,
            Staging.FILE_REASON,
            Staging.FILE_FORMAT,
            Staging.FILE_ENCODING,
            Staging.FILE_ROWS_READ,
            Staging.FILE_IGNORED,
            RowRules.RULE_ID,
            RowRules.FIELD)
        .count();
  }

  private static List<Column> lineage(Run run) {
    return List.of(
        col(DELIVERY_ID),
        col(FILE_NAME),
        col(FILE_HASH),
        col(ROW_NUMBER),
        lit(run.ingestedAt()).as(INGESTED_AT),
        lit(run.runId()).as(RUN_ID));
  }
}
