package org.dispersal.forecast;

import static org.apache.spark.sql.functions.col;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.dispersal.common.RunConfig;

/**
 * The targets as the leading group had issued them at a date, from every delivery of the targets
 * ledger and when it became known ({@code silver/targets_history}): a backtest origin before the
 * mid-course revision is scored against the targets of 2017, not the revised ones.
 */
final class KnownTargets {
  /** One issued target value and when it became known (epoch milliseconds). */
  record Issued(
      String task,
      String metric,
      String township,
      int year,
      boolean cumulative,
      double value,
      long knownAt) {
    String key() {
      return task + "|" + metric + "|" + township + "|" + (cumulative ? "period" : year);
    }
  }

  private KnownTargets() {}

  /** The issued values; the targets ledger is a few hundred rows per district. */
  static List<Issued> read(Dataset<Row> history) {
    List<Issued> out = new ArrayList<>();
    for (Row r :
        history
            .filter(col("target_value").isNotNull().and(col("known_at").isNotNull()))
            .select(
                "task", "metric", "township_code", "year", "cumulative", "target_value", "known_at")
            .collectAsList()) {
      out.add(
          new Issued(
              r.getString(0),
              r.getString(1),
              r.getString(2),
              r.getInt(3),
              r.getBoolean(4),
              ((Number) r.get(5)).doubleValue(),
              r.getTimestamp(6).getTime()));
    }
    return out;
  }

  /** When the forecast at an origin month counts as made: once that month's reports are in. */
  static long madeAt(int origin, int reportDay) {
    LocalDate day = Months.of(origin).plusMonths(1).atDay(reportDay);
    return day.atTime(23, 59, 59).atZone(RunConfig.ZONE).toInstant().toEpochMilli();
  }

  /**
   * The targets issued by a time: each current target with the value of the latest issue known
   * then, and without those not issued yet. Without any issue history the current targets stand.
   */
  static List<Target> at(List<Target> current, List<Issued> issued, long time) {
    if (issued.isEmpty()) {
      return current;
    }
    Map<String, Issued> latest = new HashMap<>();
    for (Issued i : issued) {
      if (i.knownAt() <= time) {
        latest.merge(i.key(), i, (a, b) -> b.knownAt() >= a.knownAt() ? b : a);
      }
    }
    List<Target> out = new ArrayList<>();
    for (Target t : current) {
      Issued i = latest.get(key(t));
      if (i != null) {
        out.add(t.withValue(i.value()));
      }
    }
    return out;
  }

  private static String key(Target t) {
    boolean period = Target.PERIOD.equals(t.scope());
    return t.task() + "|" + t.metric() + "|" + t.township() + "|" + (period ? "period" : t.year());
  }
}
