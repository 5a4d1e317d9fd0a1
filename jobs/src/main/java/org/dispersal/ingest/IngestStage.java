package org.dispersal.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.dispersal.common.DispersalException;
import org.dispersal.common.RunContext;
import org.dispersal.common.Settings;
import org.dispersal.common.Stage;
import org.dispersal.common.StageOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest stage: every new landing file of the six ledgers into bronze Delta tables, each row
 * either loaded or quarantined with a reason, each file once, personal data only as keyed hashes.
 */
public final class IngestStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(IngestStage.class);

  private final boolean createKeyIfMissing;
  private IngestReport lastReport;

  /** Called after each table write with its name; a test throws there to simulate a crash. */
  Consumer<String> afterWrite = table -> {};

  /** The stage as nightly runs it: the key for personal data must exist. */
  public IngestStage() {
    this(false);
  }

  private IngestStage(boolean createKeyIfMissing) {
    this.createKeyIfMissing = createKeyIfMissing;
  }

  /** The stage as the demo runs it: creates a local key file on first use, and says so. */
  public static IngestStage creatingKeyIfMissing() {
    return new IngestStage(true);
  }

  @Override
  public String name() {
    return "ingest";
  }

  /** The key for personal data must be there (or be created, for the demo) before anything runs. */
  @Override
  public void preflight(Settings settings, RunContext run) {
    PiiKey.load(IngestConfig.from(settings), run.paths(), createKeyIfMissing);
  }

  /** What the last run did, for the CLI's summary table; null before the first run. */
  public IngestReport lastReport() {
    return lastReport;
  }

  /**
   * Creates, empty, the bronze table of any ledger nothing has been delivered for yet, so that
   * later stages can read every ledger from the first night on.
   */
  private static void ensureBronzeTables(
      SparkSession spark, Lake lake, Outputs.Run stamp, RowRules.Limits rules, String runId) {
    for (Ledger ledger : Ledger.values()) {
      String table = lake.bronze(ledger);
      if (!Lake.exists(spark, table)) {
        Dataset<Row> none =
            spark
                .createDataFrame(List.of(), Staging.schema(ledger))
                .transform(d -> RowRules.validate(d, ledger, rules));
        Dataset<Row> lineage = spark.createDataFrame(List.<Row>of(), Deliveries.LINEAGE_SCHEMA);
        Lake.append(Outputs.bronze(none, ledger, lineage, stamp), table, runId);
      }
    }
  }

  /** Spark's switch for compressing cached rows, set for ingest alone (see the setting). */
  private static final String CACHE_COMPRESSED = "spark.sql.inMemoryColumnarStorage.compressed";

  @Override
  public StageOutcome run(SparkSession spark, Settings settings, RunContext run) {
    IngestConfig config = IngestConfig.from(settings);
    String before = spark.conf().get(CACHE_COMPRESSED);
    spark.conf().set(CACHE_COMPRESSED, config.compressCache());
    try {
      return ingest(spark, config, run);
    } finally {
      spark.conf().set(CACHE_COMPRESSED, before);
    }
  }

  private StageOutcome ingest(SparkSession spark, IngestConfig config, RunContext run) {
    long start = System.nanoTime();
    Pii pii = new Pii(PiiKey.load(config, run.paths(), createKeyIfMissing));
    Lake lake = new Lake(run.paths().lake());
    Outputs.Run stamp = new Outputs.Run(run.runId(), Timestamp.from(run.startedAt()));
    RowRules.Limits rules = new RowRules.Limits(run.run().asOf(), config.maxAreaM2());
    StagedRows.Limits limits =
        new StagedRows.Limits(
            config.maxFileMb() * (1L << 20),
            config.maxLineKb() * 1024,
            config.maxRowsPerFile(),
            config.maxSheetRows(),
            config.xlsxMinInflateRatio(),
            config.xlsxMaxEntryMb() * (1L << 20));
    LOG.info(
        "Ingest started: landing {}, lake {}, as of {}",
        run.paths().landing(),
        run.paths().lake(),
        run.run().asOf());

    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Path landing = new Path(run.paths().landing());
    FileSystem fs = fileSystem(landing, hadoop);
    Deliveries.Recorded recorded = Deliveries.recorded(spark, lake.deliveries());
    Broadcast<HadoopConf> conf =
        JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(new HadoopConf(hadoop));
    LongAccumulator rowsDone = spark.sparkContext().longAccumulator("ingest rows");
    LongAccumulator filesDone = spark.sparkContext().longAccumulator("ingest files");

    IngestReport.Builder report = new IngestReport.Builder();
    List<Deliveries.Outcome> outcomes = new ArrayList<>();
    Map<String, Long> versions = new LinkedHashMap<>();
    try (IngestProgress progress = IngestProgress.start()) {
      for (Ledger ledger : Ledger.values()) {
        long ledgerStart = System.nanoTime();
        LandingFiles.Split split =
            LandingFiles.split(
                LandingFiles.list(
                    fs,
                    landing,
                    ledger,
                    java.time.Duration.ofSeconds(config.settleSeconds()),
                    n -> progress.hashing(ledger, n)),
                recorded.ids());
        if (split.fresh().isEmpty()) {
          report.line(new IngestReport.Line(ledger, 0, split.skipped(), 0, 0, 0, 0, List.of()));
          continue;
        }
        rowsDone.reset();
        filesDone.reset();
        progress.parsing(ledger, split.fresh().size(), filesDone, rowsDone);
        FileParser parser = new FileParser(ledger, limits, pii, conf, rowsDone, filesDone);
        LedgerIngest.Result result =
            new LedgerIngest(spark, lake, ledger, stamp, rules, afterWrite, progress)
                .ingest(split.fresh(), split.skipped(), parser);
        progress.clear();
        outcomes.addAll(result.outcomes());
        versions.putAll(result.versions());
        report.line(result.line());
        result.rejected().forEach(report::rejected);
        log(result, (System.nanoTime() - ledgerStart) / 1e9);
      }
      if (!outcomes.isEmpty()) {
        progress.writing("the deliveries table");
        record(spark, lake, outcomes, recorded.lastSeq(), stamp, versions);
        progress.clear();
      }
      ensureBronzeTables(spark, lake, stamp, rules, run.runId());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    lastReport = report.build();
    LOG.info(
        "Ingest finished in {} s: {} new files ({} rejected); {} rows read, {} loaded, {}"
            + " quarantined",
        String.format("%.1f", (System.nanoTime() - start) / 1e9),
        outcomes.size(),
        lastReport.filesRejected(),
        Rules.count(lastReport.rowsRead()),
        Rules.count(lastReport.rowsLoaded()),
        Rules.count(lastReport.rowsQuarantined()));
    return new StageOutcome(
        name(),
        lastReport.rowsRead(),
        lastReport.rowsLoaded(),
        lastReport.rowsQuarantined(),
        lastReport.filesRejected(),
        versions,
        outcomes.size() + " new files, " + lastReport.filesRejected() + " rejected");
  }

  // The manifest comes last: a delivery it lists has all its rows in bronze and quarantine.
  private void record(
      SparkSession spark,
      Lake lake,
      List<Deliveries.Outcome> outcomes,
      long lastSeq,
      Outputs.Run stamp,
      Map<String, Long> versions) {
    List<Row> rows = new ArrayList<>();
    long seq = lastSeq;
    for (Deliveries.Outcome o : outcomes) {
      rows.add(Deliveries.row(o, ++seq, stamp));
    }
    Lake.Commit commit =
        Lake.appendCounted(
            spark,
            spark.createDataFrame(rows, Deliveries.SCHEMA).coalesce(1),
            lake.deliveries(),
            stamp.runId(),
            rows.size());
    LedgerIngest.check(lake.deliveries(), rows.size(), commit, versions, "bronze/deliveries");
    afterWrite.accept("deliveries");
  }

  private static FileSystem fileSystem(Path landing, Configuration hadoop) {
    try {
      FileSystem fs = landing.getFileSystem(hadoop);
      if (!fs.exists(landing)) {
        throw DispersalException.landingMissing(landing.toString());
      }
      for (String stranger : LandingFiles.strangers(fs, landing)) {
        LOG.warn(
            "Ignored {} in the landing folder: not one of the ledger folders {}",
            stranger,
            java.util.Arrays.stream(Ledger.values()).map(Ledger::folder).toList());
      }
      return fs;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the landing folder " + landing, e);
    }
  }

  private static void log(LedgerIngest.Result r, double seconds) {
    IngestReport.Line l = r.line();
    LOG.info(
        "Ingest {}: {} new files ({} rejected), {} skipped; {} rows read, {} loaded, {}"
            + " quarantined in {} s ({} rows/s)",
        l.ledger().folder(),
        l.filesNew(),
        l.filesRejected(),
        l.filesSkipped(),
        Rules.count(l.rowsRead()),
        Rules.count(l.rowsLoaded()),
        Rules.count(l.rowsQuarantined()),
        String.format("%.1f", seconds),
        Rules.count(Math.round(l.rowsRead() / Math.max(seconds, 0.001))));
    for (IngestReport.Rejected x : r.rejected()) {
      LOG.warn(
          "Rejected {}/{}: {} — {}", x.ledger().folder(), x.fileName(), x.ruleId(), x.reason());
    }
  }
}
