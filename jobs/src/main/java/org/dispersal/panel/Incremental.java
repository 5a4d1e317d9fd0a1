package org.dispersal.panel;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.dispersal.common.Few;
import org.dispersal.common.Lake;
import org.dispersal.common.RunContext;

/**
 * Decides what a panel run must write: everything (first build, --full, as-of moved back), the
 * months from the earliest one that new data touches, or nothing.
 */
record Incremental(boolean full, String fromMonth, String reason) {
  private static final String EVENT_MONTH = "event_month";
  private static final DecimalType DIGEST = DataTypes.createDecimalType(38, 0);
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Incremental.class);

  static Incremental plan(
      SparkSession spark,
      RunContext run,
      Map<String, Dataset<Row>> silver,
      Timestamp newest,
      long eventsVersion,
      YearMonth last) {
    if (run.full()) {
      return new Incremental(true, null, "--full");
    }
    Watermark wm = Watermark.read(spark, run);
    if (wm == null
        || !Lake.exists(spark, Lake.table(run.paths(), "gold", PanelStage.TOWNSHIP_MONTH))) {
      return new Incremental(true, null, "first build");
    }
    YearMonth seen = YearMonth.parse(wm.asOfMonth());
    if (last.isBefore(seen)) {
      return new Incremental(true, null, "as-of moved back from " + seen);
    }
    if (wm.eventsVersion() == null) {
      return new Incremental(true, null, "the last build did not record the events it read");
    }
    String from = null;
    if (newest != null && (wm.ingestedUpTo() == null || newest.after(wm.ingestedUpTo()))) {
      from = touchedFrom(silver, wm.ingestedUpTo());
    }
    if (eventsVersion != wm.eventsVersion()) {
      // A new record can change events of other months: a demolition of a site takes the earlier
      // closure of a business there out of the business events (it is counted as demolished).
      String events = Lake.table(run.paths(), "silver", "vacating_events");
      String changed;
      try {
        changed = changedEventsFrom(Lake.readAt(spark, events, wm.eventsVersion()), silver);
      } catch (Exception e) {
        // Scala code throws SparkException (checked in Java) undeclared; any failure here means
        // the version is gone (VACUUM, log retention), and a rebuild needs no old version.
        LOG.warn(
            "Panel: cannot read vacating events version {}: {}", wm.eventsVersion(), e.toString());
        return new Incremental(true, null, "the events the last build read are vacuumed");
      }
      from = from == null || (changed != null && changed.compareTo(from) < 0) ? changed : from;
    }
    if (last.isAfter(seen)) {
      String next = seen.plusMonths(1).toString();
      from = from == null || next.compareTo(from) < 0 ? next : from;
    }
    return new Incremental(false, from, from == null ? "nothing new" : "new data");
  }

  /**
   * The earliest month any new row — or an earlier version of a record that a new row replaces —
   * refers to; the panel's running sums change from there on.
   */
  static String touchedFrom(Map<String, Dataset<Row>> silver, Timestamp since) {
    Column isNew = newSince(since);
    List<String> months = new ArrayList<>();
    months.add(
        changedRecords(
            silver.get("rental_history"),
            "registration_id",
            since,
            "registered_on",
            "deregistered_on",
            "updated_at"));
    months.add(
        changedRecords(
            silver.get("license_history"),
            "credit_code",
            since,
            "established_on",
            "status_changed_on",
            "rectified_on",
            "updated_at"));
    months.add(
        changedRecords(
            silver.get("demolition_history"), "record_id", since, "demolished_on", "updated_at"));
    months.add(
        first(
            silver.get("population").filter(isNew),
            date_format(
                org.apache.spark.sql.functions.make_date(col("year").minus(1), lit(12), lit(1)),
                "yyyy-MM")));
    months.add(first(silver.get("targets").filter(isNew), lit(TaskProgress.FIRST_MONTH)));
    months.add(first(silver.get("progress").filter(isNew), col("month")));
    return months.stream().filter(m -> m != null).min(String::compareTo).orElse(null);
  }

  /**
   * The earliest month of an event that is new, gone or different since the last build: the first
   * month whose events, counted and their hashes summed, differ. That compares the same multisets
   * as two exceptAll (bar a 64-bit hash collision) but shuffles one row per month, not every event
   * twice.
   */
  static String changedEventsFrom(Dataset<Row> before, Map<String, Dataset<Row>> silver) {
    Dataset<Row> now = monthDigests(silver.get("vacating_events"));
    Dataset<Row> then = monthDigests(before).toDF(EVENT_MONTH, "_n0", "_h0");
    Dataset<Row> changed =
        now.join(then, new String[] {EVENT_MONTH}, "full_outer")
            .filter(not(col("_n").eqNullSafe(col("_n0")).and(col("_h").eqNullSafe(col("_h0")))));
    return first(changed, col(EVENT_MONTH));
  }

  private static Dataset<Row> monthDigests(Dataset<Row> events) {
    Column[] content =
        Arrays.stream(events.columns())
            .sorted()
            .map(c -> col("`" + c + "`"))
            .toArray(Column[]::new);
    return events
        .groupBy(col(EVENT_MONTH))
        .agg(count(lit(1)).as("_n"), sum(xxhash64(content).cast(DIGEST)).as("_h"));
  }

  private static String changedRecords(
      Dataset<Row> history, String key, Timestamp since, String... dates) {
    Dataset<Row> keys = null;
    Dataset<Row> versions = history;
    if (since != null) {
      // The keys of the rows since the last build are few: broadcast, not a shuffle of the history.
      keys = Few.of(history.filter(newSince(since)).select(col(key).as("_k")).distinct());
      versions = history.join(keys, col(key).equalTo(col("_k")), "left_semi");
    }
    Column[] months = new Column[dates.length];
    for (int i = 0; i < dates.length; i++) {
      months[i] = date_format(col(dates[i]), "yyyy-MM");
    }
    String first = first(versions, dates.length == 1 ? months[0] : least(months));
    if (keys != null) {
      keys.unpersist();
    }
    return first;
  }

  /** Whether a row was ingested after the given time (every row when there is none). */
  private static Column newSince(Timestamp since) {
    return since == null ? lit(true) : col("ingested_at").gt(lit(since));
  }

  private static String first(Dataset<Row> rows, Column month) {
    Row r = rows.agg(min(month)).first();
    return r.isNullAt(0) ? null : r.getString(0);
  }
}
