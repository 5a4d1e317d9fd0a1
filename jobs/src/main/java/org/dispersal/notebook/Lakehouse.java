package org.dispersal.notebook;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dispersal.cli.Main;
import org.dispersal.common.DispersalException;
import org.dispersal.common.Lake;
import org.dispersal.common.PathsConfig;
import org.dispersal.common.RunConfig;
import org.dispersal.common.Settings;
import org.dispersal.common.Townships;
import org.dispersal.export.ChartImages;

/**
 * The lake as the notebooks see it: tables by {@code layer/name}, HTML tables (shown with {@link
 * Nb#show}), charts with Chinese labels, and the forecast's what-if. A missing table gives a "no
 * data" note, not a failure, so a notebook runs on a young lake too. Get the notebooks' instance
 * with {@link Nb#lake()}.
 */
public final class Lakehouse {
  /** Rows an HTML table shows at most. */
  public static final int MAX_ROWS = 40;

  private final SparkSession spark;
  private final Settings settings;
  private final PathsConfig paths;

  public Lakehouse(SparkSession spark, Settings settings) {
    this.spark = spark;
    this.settings = settings;
    this.paths = PathsConfig.from(settings);
  }

  public SparkSession spark() {
    return spark;
  }

  /** The district being analysed ({@code run.district}). */
  public String district() {
    return RunConfig.from(settings).districtCode();
  }

  /** Whether the lake holds the table, e.g. {@code silver/quarantine}. */
  public boolean has(String table) {
    return Lake.exists(spark, location(table));
  }

  /** The table, e.g. {@code gold/township_month}; fails with advice when it is not written. */
  public Dataset<Row> table(String table) {
    if (!has(table)) {
      throw DispersalException.usage(
          "The lake has no table " + table,
          "it is not written yet under " + paths.lake(),
          "run the stage that writes it (./dispersal nightly), or check paths.lake");
    }
    return Lake.read(spark, location(table));
  }

  /** A query on a table as an HTML table; a note when the table is missing or the result empty. */
  public String html(String table, UnaryOperator<Dataset<Row>> query) {
    if (!has(table)) {
      return note(table + "：暂无数据（表尚未写入） / not written yet");
    }
    return html(query.apply(table(table)));
  }

  /** The whole table (first rows) as HTML. */
  public String html(String table) {
    return html(table, t -> t);
  }

  /** Rows of a run-appended table written by its newest run ({@code run_id}). */
  public static Dataset<Row> latestRun(Dataset<Row> rows) {
    Row newest = rows.agg(max("run_id")).first();
    return newest.isNullAt(0) ? rows : rows.filter(col("run_id").equalTo(lit(newest.getString(0))));
  }

  /** Up to {@link #MAX_ROWS} rows as an HTML table, with the row count. */
  public static String html(Dataset<Row> rows) {
    List<Row> first = rows.limit(MAX_ROWS + 1).collectAsList();
    if (first.isEmpty()) {
      return note("0 行 / no rows");
    }
    StringBuilder sb = new StringBuilder("<table><thead><tr>");
    for (String c : rows.columns()) {
      sb.append("<th>").append(escape(c)).append("</th>");
    }
    sb.append("</tr></thead><tbody>");
    for (Row r : first.subList(0, Math.min(MAX_ROWS, first.size()))) {
      sb.append("<tr>");
      for (int i = 0; i < r.length(); i++) {
        sb.append("<td>").append(escape(format(r.get(i)))).append("</td>");
      }
      sb.append("</tr>");
    }
    sb.append("</tbody></table>");
    if (first.size() > MAX_ROWS) {
      sb.append("<p>前 ")
          .append(MAX_ROWS)
          .append(" 行 / first ")
          .append(MAX_ROWS)
          .append(" rows</p>");
    }
    return sb.toString();
  }

  /** Township code → name for the district. */
  public Map<String, String> townships() {
    Map<String, String> names = new LinkedHashMap<>();
    for (Townships.Township t : Townships.load().ofDistrict(district())) {
      names.put(t.code(), t.name());
    }
    return names;
  }

  /** A township's code from its code, full name or short name (长阳镇, 长阳). */
  public String townshipCode(String nameOrCode) {
    for (Townships.Township t : Townships.load().ofDistrict(district())) {
      if (t.code().equals(nameOrCode)
          || t.name().equals(nameOrCode)
          || t.shortName().equals(nameOrCode)) {
        return t.code();
      }
    }
    throw DispersalException.usage(
        "No township '" + nameOrCode + "' in district " + district(),
        "neither a code nor a name in conf/reference/beijing_townships.csv",
        "pick one of Nb.lake().townships()");
  }

  /** A line chart of a query's {@code yCol} by {@code xCol} (ordered by x). */
  public BufferedImage line(
      String title,
      String unit,
      String table,
      UnaryOperator<Dataset<Row>> query,
      String xCol,
      String yCol) {
    if (!has(table)) {
      return ChartImages.note(title, table + " 尚未写入");
    }
    List<Row> rows = query.apply(table(table)).select(xCol, yCol).orderBy(xCol).collectAsList();
    if (rows.isEmpty()) {
      return ChartImages.note(title, "0 行");
    }
    List<String> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (Row r : rows) {
      x.add(format(r.get(0)));
      y.add(r.isNullAt(1) ? null : ((Number) r.get(1)).doubleValue());
    }
    return ChartImages.line(title, unit, x, y, null, null);
  }

  /**
   * Horizontal bars of a query: one per {@code labelCol} (a township code shows as its name),
   * length {@code valueCol}, with an interval from {@code lowCol} to {@code highCol} when both are
   * given (else null).
   */
  public BufferedImage bars(
      String title,
      String unit,
      String table,
      UnaryOperator<Dataset<Row>> query,
      String labelCol,
      String valueCol,
      String lowCol,
      String highCol) {
    if (!has(table)) {
      return ChartImages.note(title, table + " 尚未写入");
    }
    boolean interval = lowCol != null && highCol != null;
    Dataset<Row> q = query.apply(table(table));
    List<Row> rows =
        (interval ? q.select(labelCol, valueCol, lowCol, highCol) : q.select(labelCol, valueCol))
            .limit(MAX_ROWS)
            .collectAsList();
    if (rows.isEmpty()) {
      return ChartImages.note(title, "0 行");
    }
    Map<String, String> names = townships();
    List<String> labels = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    List<Double> lows = interval ? new ArrayList<>() : null;
    List<Double> highs = interval ? new ArrayList<>() : null;
    for (Row r : rows) {
      String label = format(r.get(0));
      labels.add(names.getOrDefault(label, label));
      values.add(number(r, 1));
      if (interval) {
        lows.add(number(r, 2));
        highs.add(number(r, 3));
      }
    }
    return ChartImages.bars(title, unit, labels, values, lows, highs);
  }

  /**
   * The event-study chart of one estimator (e.g. {@code panel}) and kind (e.g. {@code residential})
   * in the newest run of gold/effect_estimates: the year before vacating ({@code lead_1}, the
   * pre-trend check), the year of vacating and after, with 95% intervals ({@link EventStudy}).
   */
  public BufferedImage eventStudy(String estimator, String kind) {
    if (!has(EventStudy.TABLE)) {
      return ChartImages.note(EventStudy.title(estimator, kind), EventStudy.TABLE + " 尚未写入");
    }
    return EventStudy.chart(table(EventStudy.TABLE), estimator, kind);
  }

  /** The newest as-of date in gold/forecasts (the default scenario), or null without forecasts. */
  public LocalDate forecastAsOf() {
    if (!has("gold/forecasts")) {
      return null;
    }
    Row r =
        table("gold/forecasts")
            .filter(col("scenario").equalTo(lit("open_targets")))
            .agg(max("as_of"))
            .first();
    Object v = r.get(0);
    return v == null ? null : v instanceof LocalDate d ? d : ((Date) v).toLocalDate();
  }

  /**
   * Rows of gold/forecasts for the newest as-of date and run of a scenario ({@code open_targets} is
   * the default).
   */
  public Dataset<Row> forecasts(String scenario) {
    LocalDate asOf = forecastAsOf();
    Dataset<Row> f = table("gold/forecasts");
    if (asOf == null) {
      return f.limit(0);
    }
    return latestRun(
        f.filter(col("scenario").equalTo(lit(scenario)))
            .filter(col("as_of").equalTo(lit(Date.valueOf(asOf)))));
  }

  /**
   * A fan chart of one target of the default scenario: cumulative completion by month (from
   * gold/task_progress), the target and the P10–P90 forecast at the deadline. Township null = the
   * district. The period target is drawn when there is one, else the 2020 year target.
   */
  public BufferedImage fan(String task, String metric, String township) {
    String title = task + " " + metric + (township == null ? "（全区）" : "（" + township + "）");
    if (!has("gold/forecasts") || !has("gold/task_progress") || forecastAsOf() == null) {
      return ChartImages.note(title, "gold/forecasts 或 gold/task_progress 尚未写入");
    }
    Dataset<Row> targets =
        forecasts("open_targets")
            .filter(target(task, metric, township))
            .filter(
                col("target_scope")
                    .equalTo(lit("period"))
                    .or(
                        col("target_scope")
                            .equalTo(lit("year"))
                            .and(col("target_year").equalTo(2020))))
            .orderBy(col("target_scope")); // period before year
    List<Row> chosen = targets.limit(1).collectAsList();
    if (chosen.isEmpty()) {
      return ChartImages.note(title, "没有2020年目标");
    }
    Row f = chosen.get(0);
    boolean period = "period".equals(f.getAs("target_scope"));
    String cumulative = period ? "cumulative_since_2017" : "cumulative_in_year";
    Map<String, Double> byMonth = new LinkedHashMap<>();
    for (Row r :
        table("gold/task_progress")
            .filter(target(task, metric, township))
            .select("month", cumulative)
            .collectAsList()) {
      byMonth.put(r.getString(0), number(r, 1));
    }
    List<String> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    String asOfMonth = YearMonth.from(forecastAsOf()).toString();
    for (YearMonth m = period ? YearMonth.of(2017, 1) : YearMonth.of(2020, 1);
        !m.isAfter(YearMonth.of(2020, 12));
        m = m.plusMonths(1)) {
      x.add(m.toString());
      y.add(m.toString().compareTo(asOfMonth) <= 0 ? byMonth.get(m.toString()) : null);
    }
    Double p10 = number(f, "forecast_p10");
    Double p50 = number(f, "forecast_p50");
    Double p90 = number(f, "forecast_p90");
    double[] fan = p10 == null || p50 == null || p90 == null ? null : new double[] {p10, p50, p90};
    return ChartImages.line(
        title + "：累计完成与目标",
        String.valueOf(f.<String>getAs("unit")),
        x,
        y,
        number(f, "target_value"),
        fan);
  }

  /**
   * Writes a what-if scenario file: the planned vacating the open targets imply (gold/
   * forecast_scenarios at the newest as-of date, m² per township and kind from the as-of date to
   * the year's end), with one township's area of one kind (e.g. {@code residential}) set to {@code
   * areaM2}. The file's name (with {@code .csv}) becomes the scenario's name.
   */
  public Path scenario(String name, String township, String kind, double areaM2) {
    LocalDate asOf = forecastAsOf();
    if (asOf == null || !has("gold/forecast_scenarios")) {
      throw DispersalException.usage(
          "No forecast to start a what-if from",
          "gold/forecasts or gold/forecast_scenarios is not written yet",
          "run ./dispersal forecast (the nightly does) on a lake with four years of data");
    }
    Map<String, Double> planned = new LinkedHashMap<>();
    for (Row r :
        latestRun(
                table("gold/forecast_scenarios")
                    .filter(col("scenario").equalTo(lit("open_targets")))
                    .filter(col("as_of").equalTo(lit(Date.valueOf(asOf)))))
            .select("township_code", "kind", "planned_area_m2")
            .orderBy("township_code", "kind")
            .collectAsList()) {
      planned.put(r.getString(0) + "," + r.getString(1), number(r, 2) == null ? 0 : number(r, 2));
    }
    planned.put(township + "," + kind, areaM2);
    StringBuilder csv = new StringBuilder("township_code,kind,planned_area_m2\n");
    planned.forEach(
        (key, area) ->
            csv.append(key)
                .append(',')
                .append(String.format(Locale.ROOT, "%.1f", area))
                .append('\n'));
    try {
      Path dir = Files.createTempDirectory("what-if");
      Path file = dir.resolve(name.endsWith(".csv") ? name : name + ".csv");
      Files.writeString(file, csv, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw DispersalException.failure(
          "Cannot write the scenario file", e.getMessage(), "check the temporary folder", e);
    }
  }

  /**
   * Runs the forecast with a scenario file, as {@code ./dispersal forecast --scenario FILE --as-of
   * DATE} does (same command, same code, in this JVM and Spark session), at the newest forecast's
   * as-of date; returns the scenario's name in gold/forecasts.
   */
  public String whatIf(Path scenarioFile) {
    LocalDate asOf = forecastAsOf();
    if (asOf == null) {
      throw DispersalException.usage(
          "No forecast to run a what-if against",
          "gold/forecasts has no open_targets rows yet",
          "run ./dispersal forecast (the nightly does) on a lake with four years of data");
    }
    int code =
        Main.run(
            "forecast",
            "--scenario",
            scenarioFile.toAbsolutePath().toString(),
            "--as-of",
            String.valueOf(asOf));
    if (code != 0) {
      throw DispersalException.failure(
          "The what-if forecast failed (exit code " + code + ")",
          "see the kernel's log",
          "check the scenario file " + scenarioFile,
          null);
    }
    return scenarioFile.getFileName().toString();
  }

  /** Rows of one task and metric of a township, or of the district when township is null. */
  private static Column target(String task, String metric, String township) {
    Column place =
        township == null ? col("is_district") : col("township_code").equalTo(lit(township));
    return col("task").equalTo(lit(task)).and(col("metric").equalTo(lit(metric))).and(place);
  }

  /** What a notebook shows for the lake: its root and district. */
  @Override
  public String toString() {
    return "lake " + paths.lake() + ", district " + district();
  }

  private String location(String table) {
    int slash = table.indexOf('/');
    if (slash < 0) {
      throw DispersalException.usage(
          "Bad table name '" + table + "'",
          "a table is named layer/name",
          "write e.g. silver/quarantine or gold/township_month");
    }
    return Lake.table(paths, table.substring(0, slash), table.substring(slash + 1));
  }

  private static String note(String text) {
    return "<p><i>" + escape(text) + "</i></p>";
  }

  private static Double number(Row r, int i) {
    return r.isNullAt(i) ? null : ((Number) r.get(i)).doubleValue();
  }

  private static Double number(Row r, String column) {
    return number(r, r.fieldIndex(column));
  }

  private static String format(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double d) {
      return String.format(Locale.ROOT, "%,.2f", d);
    }
    return v.toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
