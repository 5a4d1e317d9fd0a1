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
import java.util.function.ToLongFunction;
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
 * good rows to bronze and the others to quarantine, and check that every row read is in exactly one
 * of them. Deliveries whose rows an interrupted run already committed are not written again.
 */
final class LedgerIngest {
  /** What the stage needs back: the manifest rows, the summary line, the rejected files. */
  record Result(
      List<Deliveries.Outcome> outcomes,
      IngestReport.Line line,
      List<IngestReport.Rejected> rejected,
      Map<String, Long> versions) {}

  /**
   * Delivered bytes per parsing task. One task a delivery made a city nightly over 1,000 tasks per
   * ledger, each paying to deserialise the stage's large generated code (a quarter of a second on a
   * busy machine, more than parsing a district file takes).
   */
  static final long DELIVERED_BYTES_PER_TASK = 16L << 20;

  /**
   * Delivered bytes per output file: written as parsed, every task became a Parquet file of its own
   * in bronze and in the quarantine, which every later read pays for.
   */
  static final long DELIVERED_BYTES_PER_OUTPUT = 128L << 20;

  private final SparkSession spark;
  private final Lake lake;
  private final Ledger ledger;
  private final Outputs.Run run;
  private final RowRules.Limits rules;
  private final Consumer<String> afterWrite;
  private final IngestProgress progress;

  LedgerIngest(
      SparkSession spark,
      Lake lake,
      Ledger ledger,
      Outputs.Run run,
      RowRules.Limits rules,
      Consumer<String> afterWrite,
      IngestProgress progress) {
    this.progress = progress;
    this.spark = spark;
    this.lake = lake;
    this.ledger = ledger;
    this.run = run;
    this.rules = rules;
    this.afterWrite = afterWrite;
  }

  Result ingest(List<LandingFiles.Found> fresh, int skipped, FileParser parser) {
    // Several files per task, dealt largest first so that the tasks are of about equal size.
    int cores = spark.sparkContext().defaultParallelism();
    int tasks = partitions(fresh, cores, DELIVERED_BYTES_PER_TASK);
    List<Row> todo =
        dealt(
            fresh.stream()
                .sorted(Comparator.comparingLong(LandingFiles.Found::size).reversed())
                .map(Deliveries::todo)
                .toList(),
            tasks);
    JavaRDD<Row> rdd =
        JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(todo, tasks);
    // Parsed and checked once; the summary and both writes read the cached rows.
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
    Map<String, long[]> counts = new HashMap<>(); // delivery → {loaded, quarantined}
    Map<String, Long> reasons = new HashMap<>(); // "rule 中文列名" → rows
    List<Row> summary = Outputs.summary(checked).collectAsList();
    for (Row r : summary) {
      if (Staging.FILE.equals(r.getString(1))) {
        files.put(r.getString(0), r);
      }
    }
    Set<String> accepted = new HashSet<>();
    Set<String> rejected = new HashSet<>();
    for (LandingFiles.Found f : fresh) {
      (Staging.REJECTED.equals(files.get(f.deliveryId()).getString(2)) ? rejected : accepted)
          .add(f.deliveryId());
    }
    for (Row r : summary) {
      if (Staging.RECORD.equals(r.getString(1)) && accepted.contains(r.getString(0))) {
        long[] c = counts.computeIfAbsent(r.getString(0), k -> new long[2]);
        long n = r.getLong(11);
        if (r.isNullAt(9)) {
          c[0] += n;
        } else {
          c[1] += n;
          reasons.merge(reasonKey(r.getString(9), r.getString(10)), n, Long::sum);
        }
      }
    }
    Dataset<Row> records =
        checked
            .filter(col(Staging.KIND).equalTo(Staging.RECORD))
            .filter(not(col(Staging.DELIVERY_ID).isin(rejected.toArray())));
    Dataset<Row> lineage =
        spark.createDataFrame(Deliveries.lineage(fresh), Deliveries.LINEAGE_SCHEMA);

    int outputs =
        partitions(fresh, spark.sparkContext().defaultParallelism(), DELIVERED_BYTES_PER_OUTPUT);
    Map<String, Long> versions = new HashMap<>();
    String bronze = lake.bronze(ledger);
    progress.writing("bronze/" + ledger.folder());
    Set<String> done = committedBefore(bronze, accepted, null, counts, c -> c[0]);
    long expected = expected(accepted, done, counts, 0);
    Lake.Commit commit =
        Lake.appendCounted(
            spark,
            Outputs.bronze(exclude(records, done), ledger, lineage, run).coalesce(outputs),
            bronze,
            run.runId(),
            expected);
    check(bronze, expected, commit, versions, "bronze/" + ledger.folder());
    afterWrite.accept("bronze/" + ledger.folder());

    String quarantine = lake.quarantine();
    progress.writing("the quarantined rows of " + ledger.folder());
    done = committedBefore(quarantine, accepted, ledger.folder(), counts, c -> c[1]);
    expected = expected(accepted, done, counts, 1);
    commit =
        Lake.appendCounted(
            spark,
            Outputs.quarantine(exclude(records, done), ledger, lineage, run).coalesce(outputs),
            quarantine,
            run.runId(),
            expected);
    check(quarantine, expected, commit, versions, "bronze/quarantine");
    afterWrite.accept("quarantine/" + ledger.folder());

    Result r = result(fresh, skipped, files, counts, reasons);
    return new Result(r.outcomes(), r.line(), r.rejected(), versions);
  }

  /**
   * How many tasks (or output files) these deliveries make: one per {@code bytesEach} delivered, at
   * least one per core (so that every core works), at most one per delivery.
   */
  static int partitions(List<LandingFiles.Found> fresh, int cores, long bytesEach) {
    long bytes = fresh.stream().mapToLong(LandingFiles.Found::size).sum();
    long bySize = (bytes + bytesEach - 1) / bytesEach;
    return (int) Math.max(1, Math.min(fresh.size(), Math.max(bySize, cores)));
  }

  /**
   * The items (largest first) reordered as if dealt to n hands in turn: items j, j + n, j + 2n, …
   * together. {@code parallelize} cuts the list into n contiguous slices of about equal length, so
   * each slice gets a mix of large and small files.
   */
  static <T> List<T> dealt(List<T> items, int n) {
    List<T> out = new ArrayList<>(items.size());
    for (int j = 0; j < n; j++) {
      for (int i = j; i < items.size(); i += n) {
        out.add(items.get(i));
      }
    }
    return out;
  }

  /**
   * Deliveries an interrupted run already committed to the table: they are not written again, and
   * what is there must be all of them (a commit is all or nothing).
   */
  private Set<String> committedBefore(
      String table,
      Set<String> accepted,
      String ledgerFilter,
      Map<String, long[]> counts,
      ToLongFunction<long[]> expected) {
    Map<String, Long> present = Lake.rowsPerDelivery(spark, table, accepted, ledgerFilter);
    for (Map.Entry<String, Long> e : present.entrySet()) {
      long want = expected.applyAsLong(counts.getOrDefault(e.getKey(), new long[2]));
      if (e.getValue() != want) {
        throw DispersalException.ingestAccounting(
            String.format(
                "%s holds %d rows of delivery %s, but reading its file gives %d",
                table, e.getValue(), e.getKey(), want));
      }
    }
    return present.keySet();
  }

  private static long expected(
      Set<String> accepted, Set<String> done, Map<String, long[]> counts, int which) {
    long n = 0;
    for (String id : accepted) {
      if (!done.contains(id)) {
        n += counts.getOrDefault(id, new long[2])[which];
      }
    }
    return n;
  }

  // The commit's own row count must be what this run meant to add.
  static void check(
      String table, long expected, Lake.Commit commit, Map<String, Long> versions, String name) {
    if (commit.rows() != expected) {
      throw DispersalException.ingestAccounting(
          String.format(
              "the commit to %s added %d rows where %d were read for it",
              table, commit.rows(), expected));
    }
    if (commit.version() >= 0) {
      versions.put(name, commit.version());
    }
  }

  private Result result(
      List<LandingFiles.Found> fresh,
      int skipped,
      Map<String, Row> files,
      Map<String, long[]> counts,
      Map<String, Long> reasons) {
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
              fr.getString(5),
              fr.getString(6),
              fr.getString(2),
              fr.getString(3),
              fr.getString(4),
              fr.getLong(7),
              c[0],
              c[1],
              fr.getString(8));
      if (o.rowsRead() != o.rowsLoaded() + o.rowsQuarantined()) {
        throw DispersalException.ingestAccounting(
            String.format(
                "%s/%s: %d rows read but %d loaded and %d quarantined",
                ledger.folder(), f.fileName(), o.rowsRead(), o.rowsLoaded(), o.rowsQuarantined()));
      }
      outcomes.add(o);
      if (o.rejected()) {
        rejects.add(new IngestReport.Rejected(ledger, f.fileName(), o.ruleId(), o.reason()));
      }
      read += o.rowsRead();
      loaded += o.rowsLoaded();
      quarantined += o.rowsQuarantined();
    }
    IngestReport.Line line =
        new IngestReport.Line(
            ledger, fresh.size(), skipped, rejects.size(), read, loaded, quarantined, top(reasons));
    return new Result(outcomes, line, rejects, Map.of());
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
