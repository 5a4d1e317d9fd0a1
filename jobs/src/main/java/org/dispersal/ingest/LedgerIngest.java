package org.dispersal.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.dispersal.common.DispersalException;

/**
 * One ledger's new deliveries in one run: parse them in parallel, apply the row rules, append the
 * good rows to bronze and the others to quarantine, and check that every row read is in exactly
 * one of them. Deliveries whose rows an interrupted run already committed are not written again.
 */
final class LedgerIngest {
  /** What the stage needs back: the manifest rows, the summary line, the rejected files. */
  record Result(
      List<Deliveries.Outcome> outcomes, IngestReport.Line line, List<IngestReport.Rejected> rejected) {}

  private final SparkSession spark;
  private final Lake lake;
  private final Ledger ledger;
  private final Outputs.Run run;
  private final RowRules.Limits rules;
  private final Consumer<String> afterWrite;

  LedgerIngest(
      SparkSession spark,
      Lake lake,
      Ledger ledger,
      Outputs.Run run,
      RowRules.Limits rules,
      Consumer<String> afterWrite) {
    this.spark = spark;
    this.lake = lake;
    this.ledger = ledger;
    this.run = run;
    this.rules = rules;
    this.afterWrite = afterWrite;
  }

  Result ingest(List<LandingFiles.Found> fresh, int skipped, FileParser parser) {
    // One file per task, largest first, so that a big file does not start last.
    List<Row> todo =
        fresh.stream()
            .sorted(Comparator.comparingLong(LandingFiles.Found::size).reversed())
            .map(Deliveries::todo)
            .toList();
    JavaRDD<Row> rdd =
        JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(todo, todo.size());
    Dataset<Row> checked =
        spark
            .createDataFrame(rdd, Deliveries.TODO_SCHEMA)
            .flatMap(parser, Encoders.row(Staging.schema(ledger)))
            .transform(d -> RowRules.validate(d, ledger, rules))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return write(fresh, skipped, checked);
    } finally {
      checked.unpersist();
    }
  }

  private Result write(List<LandingFiles.Found> fresh, int skipped, Dataset<Row> checked) {
    Map<String, Row> files = new HashMap<>();
    for (Row r :
        checked
            .filter(col(Staging.KIND).equalTo(Staging.FILE))
            .select(
                Staging.DELIVERY_ID,
                Staging.FILE_STATUS,
                Staging.FILE_RULE_ID,
                Staging.FILE_REASON,
                Staging.FILE_FORMAT,
                Staging.FILE_ENCODING,
                Staging.FILE_ROWS_READ,
                Staging.FILE_IGNORED)
            .collectAsList()) {
      files.put(r.getString(0), r);
    }
    Set<String> accepted = new HashSet<>();
    Set<String> rejected = new HashSet<>();
    for (LandingFiles.Found f : fresh) {
      (Staging.REJECTED.equals(files.get(f.deliveryId()).getString(1)) ? rejected : accepted)
          .add(f.deliveryId());
    }
    Dataset<Row> records =
        checked
            .filter(col(Staging.KIND).equalTo(Staging.RECORD))
            .filter(not(col(Staging.DELIVERY_ID).isin(rejected.toArray())));

    Map<String, long[]> counts = new HashMap<>(); // delivery → {loaded, quarantined}
    Map<String, Long> reasons = new HashMap<>(); // "rule field" → rows
    for (Row r : Outputs.outcomes(records).collectAsList()) {
      long[] c = counts.computeIfAbsent(r.getString(0), k -> new long[2]);
      if (r.isNullAt(1)) {
        c[0] += r.getLong(3);
      } else {
        c[1] += r.getLong(3);
        reasons.merge(reasonKey(r.getString(1), r.getString(2)), r.getLong(3), Long::sum);
      }
    }

    Dataset<Row> lineage =
        spark.createDataFrame(Deliveries.lineage(fresh), Deliveries.LINEAGE_SCHEMA);
    Set<String> inBronze = Lake.present(spark, lake.bronze(ledger), accepted, null);
    Lake.append(
        Outputs.bronze(exclude(records, inBronze), ledger, lineage, run),
        lake.bronze(ledger),
        run.runId());
    afterWrite.accept("bronze/" + ledger.folder());
    Set<String> inQuarantine = Lake.present(spark, lake.quarantine(), accepted, ledger.folder());
    Lake.append(
        Outputs.quarantine(exclude(records, inQuarantine), ledger, lineage, run),
        lake.quarantine(),
        run.runId());
    afterWrite.accept("quarantine/" + ledger.folder());

    List<Deliveries.Outcome> outcomes = new ArrayList<>();
    List<IngestReport.Rejected> rejects = new ArrayList<>();
    long read = 0;
    long loaded = 0;
    long quarantined = 0;
    for (LandingFiles.Found f : fresh) {
      Row fr = files.get(f.deliveryId());
      long[] c = counts.getOrDefault(f.deliveryId(), new long[2]);
      Deliveries.Outcome o =
          new Deliveries.Outcome(
              f,
              fr.getString(4),
              fr.getString(5),
              fr.getString(1),
              fr.getString(2),
              fr.getString(3),
              fr.getLong(6),
              c[0],
              c[1],
              fr.getString(7));
      outcomes.add(o);
      if (o.rejected()) {
        rejects.add(new IngestReport.Rejected(ledger, f.fileName(), o.ruleId(), o.reason()));
      }
      read += o.rowsRead();
      loaded += o.rowsLoaded();
      quarantined += o.rowsQuarantined();
    }
    verify(outcomes, accepted);
    IngestReport.Line line =
        new IngestReport.Line(
            ledger, fresh.size(), skipped, rejects.size(), read, loaded, quarantined, top(reasons));
    return new Result(outcomes, line, rejects);
  }

  /**
   * The accounting invariant, checked against the tables as committed: per delivery, rows read =
   * rows in bronze + rows in quarantine, and each equals what this run's reading found.
   */
  private void verify(List<Deliveries.Outcome> outcomes, Set<String> accepted) {
    Map<String, Long> bronze = Lake.rowsPerDelivery(spark, lake.bronze(ledger), accepted, null);
    Map<String, Long> quarantine =
        Lake.rowsPerDelivery(spark, lake.quarantine(), accepted, ledger.folder());
    List<String> problems = new ArrayList<>();
    for (Deliveries.Outcome o : outcomes) {
      String id = o.file().deliveryId();
      long inBronze = bronze.getOrDefault(id, 0L);
      long inQuarantine = quarantine.getOrDefault(id, 0L);
      if (o.rowsRead() != o.rowsLoaded() + o.rowsQuarantined()
          || inBronze != o.rowsLoaded()
          || inQuarantine != o.rowsQuarantined()) {
        problems.add(
            String.format(
                "%s/%s: %d rows read, %d loaded and %d quarantined, but bronze holds %d and"
                    + " quarantine %d",
                ledger.folder(),
                o.file().fileName(),
                o.rowsRead(),
                o.rowsLoaded(),
                o.rowsQuarantined(),
                inBronze,
                inQuarantine));
      }
    }
    if (!problems.isEmpty()) {
      throw DispersalException.ingestAccounting(String.join("; ", problems));
    }
  }

  private static Dataset<Row> exclude(Dataset<Row> records, Set<String> deliveries) {
    return deliveries.isEmpty()
        ? records
        : records.filter(not(col(Staging.DELIVERY_ID).isin(deliveries.toArray())));
  }

  private String reasonKey(String rule, String field) {
    if (field == null) {
      return rule;
    }
    for (Field f : ledger.fields()) {
      if (f.name().equals(field)) {
        return rule + " " + f.zh();
      }
    }
    return rule + " " + field;
  }

  private static List<String> top(Map<String, Long> reasons) {
    return reasons.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(3)
        .map(e -> e.getKey() + " (" + Rules.count(e.getValue()) + ")")
        .toList();
  }
}
