package org.dispersal.export;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.dispersal.export.ExportColumns.*;

import java.awt.Font;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dispersal.common.AsOfBasis;
import org.dispersal.common.DispersalException;
import org.dispersal.common.Lake;
import org.dispersal.common.RunContext;
import org.dispersal.common.Settings;
import org.dispersal.common.Stage;
import org.dispersal.common.StageFingerprint;
import org.dispersal.common.StageOutcome;
import org.dispersal.common.Townships;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Export: gold and silver tables → the leading group's workbook, CSV per sheet, PNG charts and a
 * one-page HTML briefing under {@code <paths.exports>/<as-of>/}, replaced as a whole per run.
 */
public final class ExportStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(ExportStage.class);
  static final String FORECASTS = "forecasts";

  /** The tables the export reads besides gold/forecasts, as the as-of basis names them. */
  static final List<String> INPUTS =
      List.of(
          "gold/task_progress",
          "gold/township_month",
          "gold/population_attribution",
          "silver/city_district_comparison",
          "silver/quality_freshness",
          "silver/quality_deliveries",
          "silver/quarantine",
          "silver/rebound_watch",
          "bronze/deliveries");

  @Override
  public String name() {
    return "export";
  }

  /** The workbook's location for an as-of date. */
  public static String workbook(String exports, LocalDate asOf) {
    return folder(exports, asOf) + "/领导小组周报_" + asOf + ".xlsx";
  }

  static String folder(String exports, LocalDate asOf) {
    return (exports.endsWith("/") ? exports : exports + "/") + asOf;
  }

  @Override
  public StageOutcome run(SparkSession spark, Settings settings, RunContext run) {
    long start = System.nanoTime();
    ExportConfig config = ExportConfig.from(settings);
    LocalDate asOf = run.run().asOf();
    LOG.info("Export started: as of {}", asOf);
    // Tables written before this stage, as known at the as-of date (see AsOfBasis); gold/forecasts
    // holds every as-of date's rows and is read as it is now.
    AsOfBasis basis = AsOfBasis.of(spark, run.paths(), asOf, INPUTS);
    Long forecastsVersion = AsOfBasis.current().version(spark, run.paths(), "gold/" + FORECASTS);
    StageFingerprint fingerprint =
        StageFingerprint.of(spark, run, name(), basis, INPUTS, config)
            .with("gold/" + FORECASTS, String.valueOf(forecastsVersion));
    String workbook = workbook(run.paths().exports(), asOf);
    if (exists(spark, workbook)) {
      Optional<StageOutcome> skipped = fingerprint.skip(spark, run, "workbook");
      if (skipped.isPresent()) {
        return skipped.get();
      }
    } else {
      LOG.info("export: {} does not exist; exporting", workbook);
    }
    Font font = chartFont(config);
    // every gold table is read at a pinned version, logged in gold/export_log after publishing
    Map<String, Long> versions = new LinkedHashMap<>();
    Dataset<Row> forecasts =
        pinned(spark, run, AsOfBasis.current(), List.of(FORECASTS), "forecast", versions)
            .get(FORECASTS);
    Map<String, Dataset<Row>> panel =
        pinned(spark, run, basis, List.of("task_progress", "township_month"), "panel", versions);
    Dataset<Row> current = ExportData.forecastsOf(forecasts, asOf).cache();
    Previous prev = previous(spark, run, forecasts, asOf);
    Date prevAsOf = prev.asOf();
    Dataset<Row> previous = prev.rows() == null ? current.limit(0) : prev.rows();
    Dataset<Row> both = ExportData.withPrevious(current, previous);
    List<Row> overview = ExportData.overview(both).collectAsList();
    if (overview.isEmpty()) {
      // The forecast stage ran (its table exists) but had no target to forecast at this date —
      // early months, or a district without targets: the workbook still reports the rest.
      LOG.warn("Export: gold/forecasts has no district rows for {}; the overview is empty", asOf);
    }
    String month = YearMonth.from(asOf).toString();
    Sheets.Inputs in =
        new Sheets.Inputs(
            overview,
            ExportData.townshipStatus(current).collectAsList(),
            ExportData.population(panel.get("township_month"), month).collectAsList(),
            both.filter(col(SCOPE).equalTo(lit(SCOPE_CAP))).collectAsList(),
            optional(
                spark,
                run,
                basis,
                "gold",
                "population_attribution",
                ExportData::latestAttribution,
                versions),
            optional(
                spark, run, basis, "silver", "city_district_comparison", ExportData::comparison),
            optional(spark, run, basis, "silver", "quality_freshness", d -> d.orderBy(LEDGER)),
            optional(
                spark, run, basis, "silver", "quality_deliveries", ExportData::deliveriesPerLedger),
            optional(spark, run, basis, "silver", "quarantine", ExportData::quarantinePerLedger),
            optional(
                spark,
                run,
                basis,
                "silver",
                "rebound_watch",
                d -> d.orderBy(col("rebound_on").desc()).limit(1000)),
            optional(spark, run, basis, "bronze", "deliveries", ExportData::cutOff),
            names(run.run().districtCode()),
            notes(run, overview, prev, config, basis));
    current.unpersist();
    if (prev.rows() != null) {
      prev.rows().unpersist();
    }
    List<Sheet> sheets = Sheets.build(in, config);
    Map<String, Charts.Chart> charts =
        ChartData.byUrgency(
            ChartData.charts(overview, in.caps(), panel, month, run.run().districtCode()),
            overview);
    String target = folder(run.paths().exports(), asOf);
    long bytes = write(spark, run, sheets, charts, font, config, asOf, target);
    long logVersion =
        Lake.append(
            ExportLog.entries(
                spark, run.runId(), asOf, versions, new Timestamp(System.currentTimeMillis())),
            Lake.table(run.paths(), "gold", ExportLog.TABLE),
            run.runId());
    String summary =
        String.format(
            "%d sheets, %d charts, %d targets (previous export %s, %s), %,d bytes in %s",
            sheets.size(),
            charts.size(),
            overview.size(),
            prevAsOf == null ? "none" : prevAsOf.toString(),
            prev.source(),
            bytes,
            target);
    LOG.info(
        "Export finished in {} s: {}",
        String.format("%.1f", (System.nanoTime() - start) / 1e9),
        summary);
    fingerprint.record(spark, run, Map.of("gold/" + ExportLog.TABLE, logVersion));
    return new StageOutcome(
        name(), overview.size(), sheets.size() * 2L + charts.size() + 1, 0, 0, Map.of(), summary);
  }

  // Someone may have deleted the workbook of an export that is otherwise up to date.
  private static boolean exists(SparkSession spark, String file) {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file);
    try {
      return path.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(path);
    } catch (IOException e) {
      LOG.debug("Cannot check {}", file, e);
      return false;
    }
  }

  // The CJK font for the charts; null (no charts) only when the configuration allows it.
  private static Font chartFont(ExportConfig config) {
    try {
      return CjkFont.find(config.fontSample());
    } catch (DispersalException e) {
      if (config.chartsRequired()) {
        throw e;
      }
      LOG.warn("Export writes no charts: {} (export.charts = when-font)", e.getMessage());
      return null;
    }
  }

  private static long write(
      SparkSession spark,
      RunContext run,
      List<Sheet> sheets,
      Map<String, Charts.Chart> charts,
      Font font,
      ExportConfig config,
      LocalDate asOf,
      String target) {
    Path local = null;
    try {
      local = Files.createTempDirectory("export-" + asOf);
      WorkbookWriter.write(sheets, config, local.resolve("领导小组周报_" + asOf + ".xlsx"));
      for (Sheet s : sheets) {
        CsvFiles.write(s, local.resolve(asOf + "_" + s.name() + ".csv"));
      }
      Map<String, byte[]> pngs = new LinkedHashMap<>();
      for (Map.Entry<String, Charts.Chart> e :
          font == null ? Map.<String, Charts.Chart>of().entrySet() : charts.entrySet()) {
        byte[] png = Charts.png(e.getValue(), font);
        pngs.put(e.getKey(), png);
        Files.write(local.resolve(asOf + "_" + e.getKey() + ".png"), png);
      }
      String html =
          Briefing.html(
              "疏解整治促提升专项行动周报（" + asOf + "）",
              "数据截至 " + asOf + "，运行编号 " + run.runId(),
              sheets.get(0),
              pngs,
              config);
      Files.writeString(local.resolve("简报_" + asOf + ".html"), html, StandardCharsets.UTF_8);
      long bytes = 0;
      try (var files = Files.list(local)) {
        for (Path p : files.toList()) {
          bytes += Files.size(p);
        }
      }
      publish(spark, local, target, run.runId());
      return bytes;
    } catch (IOException e) {
      throw DispersalException.failure(
          "Export could not write " + target,
          e.getMessage(),
          "check that paths.exports is writable and has space",
          e);
    } finally {
      if (local != null) {
        org.apache.commons.io.FileUtils.deleteQuietly(local.toFile());
      }
    }
  }

  /** Copies the folder next to the target, then swaps it in by renames (the old one removed). */
  private static void publish(SparkSession spark, Path local, String target, String runId)
      throws IOException {
    org.apache.hadoop.fs.Path dst = new org.apache.hadoop.fs.Path(target);
    FileSystem fs = dst.getFileSystem(spark.sparkContext().hadoopConfiguration());
    org.apache.hadoop.fs.Path parent = dst.getParent();
    fs.mkdirs(parent);
    org.apache.hadoop.fs.Path tmp =
        new org.apache.hadoop.fs.Path(parent, "." + dst.getName() + ".tmp-" + runId);
    org.apache.hadoop.fs.Path old =
        new org.apache.hadoop.fs.Path(parent, "." + dst.getName() + ".old-" + runId);
    fs.delete(tmp, true);
    fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()), tmp);
    boolean hadOld = fs.exists(dst) && fs.rename(dst, old);
    if (!fs.rename(tmp, dst)) {
      throw new IOException("cannot rename " + tmp + " to " + dst);
    }
    if (hadOld) {
      fs.delete(old, true);
    }
  }

  private interface Step {
    Dataset<Row> apply(Dataset<Row> in);
  }

  /** An optional table's small result, or null (the sheet says "not available") when absent. */
  private static List<Row> optional(
      SparkSession spark, RunContext run, AsOfBasis basis, String layer, String table, Step step) {
    return optional(spark, run, basis, layer, table, step, null);
  }

  /** As above; a gold table is read at a pinned version, recorded in {@code versions}. */
  private static List<Row> optional(
      SparkSession spark,
      RunContext run,
      AsOfBasis basis,
      String layer,
      String table,
      Step step,
      Map<String, Long> versions) {
    Long version = basis.version(spark, run.paths(), layer + "/" + table);
    if (version == null) {
      LOG.warn("Export: {}/{} does not exist (at the as-of date); its sheet says so", layer, table);
      return null;
    }
    if (versions != null) {
      versions.put(table, version);
    }
    return step.apply(Lake.readAt(spark, Lake.table(run.paths(), layer, table), version))
        .collectAsList();
  }

  /** Required gold tables (or the producer to run), each read at its version in the basis. */
  private static Map<String, Dataset<Row>> pinned(
      SparkSession spark,
      RunContext run,
      AsOfBasis basis,
      List<String> tables,
      String producer,
      Map<String, Long> versions) {
    // Fails, naming the producer to run, when a table does not exist (at the as-of date).
    Map<String, Dataset<Row>> read =
        basis.readAll(spark, run.paths(), "gold", tables, "Export", producer);
    for (String table : tables) {
      long version = basis.version(spark, run.paths(), "gold/" + table);
      String location = Lake.table(run.paths(), "gold", table);
      versions.put(table, version);
      read.put(table, Lake.readAt(spark, location, version));
    }
    return read;
  }

  /** The previous export's as-of date (null: none), its forecast rows and where they came from. */
  record Previous(Date asOf, Dataset<Row> rows, String source) {}

  /**
   * The previous export: the one gold/export_log names (ExportLog's rule), its forecasts read at
   * the logged version; without a logged one (a lake exported before the log existed), the newest
   * earlier as-of date in the current gold/forecasts.
   */
  static Previous previous(
      SparkSession spark, RunContext run, Dataset<Row> forecasts, LocalDate asOf) {
    String log = Lake.table(run.paths(), "gold", ExportLog.TABLE);
    if (Lake.exists(spark, log)) {
      List<Row> entries =
          ExportLog.previous(Lake.read(spark, log), asOf)
              .filter(col(LOGGED_TABLE).equalTo(lit(FORECASTS)))
              .collectAsList();
      if (!entries.isEmpty()) {
        Row e = entries.get(0);
        Date prevAsOf = e.getAs(AS_OF);
        long version = e.<Long>getAs(VERSION);
        String location = Lake.table(run.paths(), "gold", FORECASTS);
        try {
          Dataset<Row> rows =
              ExportData.forecastsOf(Lake.readAt(spark, location, version), prevAsOf.toLocalDate())
                  .cache();
          rows.count(); // fails here, not later, when maintenance vacuumed that version
          return new Previous(
              prevAsOf, rows, "export " + e.getAs(RUN_ID) + ", forecasts v" + version);
        } catch (RuntimeException ex) {
          throw DispersalException.failure(
              "Export cannot read the previous export's figures (gold/forecasts version "
                  + version
                  + ", exported as of "
                  + prevAsOf
                  + ")",
              String.valueOf(ex.getMessage()),
              "keep more history (maintenance retention longer than the time between exports),"
                  + " or remove that export's rows from gold/export_log to compare with the"
                  + " current table instead",
              ex);
        }
      }
    }
    Row row = ExportData.previousAsOf(forecasts, asOf).first();
    if (row.isNullAt(0)) {
      return new Previous(null, null, "no earlier as-of date");
    }
    Date prevAsOf = row.getDate(0);
    return new Previous(
        prevAsOf,
        ExportData.forecastsOf(forecasts, prevAsOf.toLocalDate()),
        "not in gold/export_log, current gold/forecasts");
  }

  private static Map<String, String> names(String district) {
    Map<String, String> names = new TreeMap<>();
    try {
      Townships.load().all().forEach(t -> names.put(t.code(), t.name()));
    } catch (RuntimeException e) {
      LOG.warn("Export: township names unavailable ({}); codes are shown", e.getMessage());
    }
    return names;
  }

  private static String percent(double share) {
    return java.math.BigDecimal.valueOf(share * 100).stripTrailingZeros().toPlainString() + "%";
  }

  /** What the workbook's figures were read from, in the notes sheet (see AsOfBasis). */
  static String basisNote(AsOfBasis basis) {
    return switch (basis.basis()) {
      case AsOfBasis.TIME_TRAVEL ->
          "回溯至截至日期当时的数据（运行编号 " + basis.runId() + "，截至 " + basis.runAsOf() + " 时的数据表），不含其后交付的更正";
      case AsOfBasis.MONTH_FILTER -> "截至日期早于可回溯的运行记录，取当前数据表中截至该月的数据，可能包含其后交付的更正和目标调整";
      default -> "当前数据表";
    };
  }

  private static List<String> notes(
      RunContext run, List<Row> overview, Previous prev, ExportConfig config, AsOfBasis basis) {
    Date prevAsOf = prev.asOf();
    String version = ExportStage.class.getPackage().getImplementationVersion();
    List<String> notes = new ArrayList<>();
    notes.addAll(List.of("数据截至日期", run.run().asOf().toString()));
    notes.addAll(List.of("运行编号", run.runId()));
    notes.addAll(List.of("预测运行编号", overview.isEmpty() ? "（本期无预测）" : overview.get(0).getAs(RUN_ID)));
    notes.addAll(List.of("软件版本", version == null ? "dev" : version));
    notes.addAll(List.of("数据基准", basisNote(basis)));
    notes.addAll(
        List.of(
            "上期导出",
            prevAsOf == null
                ? "无（首次导出）"
                : prevAsOf
                    + (prev.source().startsWith("export ") ? "（按导出记录回溯的数据版本）" : "（预测表中较早日期的结果）")));
    notes.addAll(
        List.of(
            "方法说明",
            "已完成数来自各部门台账与进展台账（累计口径）；预测按各乡镇近期月度进度模拟1000条以上路径，"
                + "P10/P50/P90为到期时的分位数，完成概率为达到目标的路径占比，完成概率不低于"
                + percent(config.onTrack())
                + "为正常推进、不低于"
                + percent(config.atRisk())
                + "为存在风险、否则为进度滞后；常住人口预测结合人口趋势与腾退空间的效应估计；"
                + "“较上期”取上一次导出（截至日期早于本期的最近一次）当时读取的预测表版本中的结果"
                + "（按导出记录 gold/export_log 回溯，不依赖旧导出文件，也不受之后重算的影响）。"));
    notes.addAll(
        List.of(
            "隐私保护",
            "本报告不含姓名、身份证号、电话等个人信息；按人数统计的关联分组中少于"
                + config.smallCountThreshold()
                + "人的数字显示为“<"
                + config.smallCountThreshold()
                + "”。"));
    return notes;
  }
}
