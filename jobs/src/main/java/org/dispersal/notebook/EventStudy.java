package org.dispersal.notebook;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.dispersal.export.ChartImages;
import org.dispersal.export.EventStudyChart;

/**
 * The event study of one estimator and kind from gold/effect_estimates: its rows in time order
 * around the year of vacating — leads ({@code lead_1}: the year before, from the panel's pre-trend
 * fit), {@code same_year}, lags ({@code lag_1}, … where an estimator has them) and {@code total} —
 * as points with their 95% intervals. In the panel model {@code total} is the effect at every
 * year-end after the year of vacating (all occupants have left by then), so it stands as "后1年起".
 */
final class EventStudy {
  static final String TABLE = "gold/effect_estimates";
  static final String LAG = "lag";
  static final String TOTAL = "total";
  static final String SAME_YEAR = "same_year";
  static final String UNIT = "人/万平方米（正值：离开）";

  private static final Pattern PERIOD = Pattern.compile("(lead|lag)_(\\d+)");

  /** Places {@code total} after every numbered lag. */
  private static final int AFTER_LAGS = 1_000;

  private EventStudy() {}

  /** Where a lag stands relative to the year of vacating (0), or null for a non-period row. */
  static Integer position(String lag) {
    if (SAME_YEAR.equals(lag)) {
      return 0;
    }
    if (TOTAL.equals(lag)) {
      return AFTER_LAGS;
    }
    Matcher m = PERIOD.matcher(lag);
    if (!m.matches()) {
      return null;
    }
    int n = Integer.parseInt(m.group(2));
    return "lead".equals(m.group(1)) ? -n : n;
  }

  /**
   * The axis label: 前1年, 当年, 后1年 …; {@code total} is 后1年起 unless numbered lags are drawn too, then
   * 合计.
   */
  static String label(String lag, boolean numberedLags) {
    int p = position(lag);
    if (p == AFTER_LAGS) {
      return numberedLags ? "合计" : "后1年起";
    }
    return p < 0 ? "前" + -p + "年" : p == 0 ? "当年" : "后" + p + "年";
  }

  static String title(String estimator, String kind) {
    return "事件研究：" + kind + "（" + estimator + "，95%区间）";
  }

  /** The chart of the newest run's rows of the estimator and kind; a note when there are none. */
  static BufferedImage chart(Dataset<Row> effects, String estimator, String kind) {
    String title = title(estimator, kind);
    List<Row> rows =
        new ArrayList<>(
            Lakehouse.latestRun(effects)
                .filter(col("estimator").equalTo(lit(estimator)))
                .filter(col("kind").equalTo(lit(kind)))
                .select(LAG, "estimate", "ci95_low", "ci95_high")
                .collectAsList());
    rows.removeIf(r -> position(r.getString(0)) == null);
    if (rows.isEmpty()) {
      return ChartImages.note(title, "没有 " + estimator + " / " + kind + " 的估计");
    }
    rows.sort(Comparator.comparing(r -> position(r.getString(0))));
    boolean numberedLags = rows.stream().anyMatch(r -> r.getString(0).startsWith("lag_"));
    List<String> labels = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    List<Double> lows = new ArrayList<>();
    List<Double> highs = new ArrayList<>();
    int vacatedAt = -1;
    for (Row r : rows) {
      if (vacatedAt < 0 && position(r.getString(0)) >= 0) {
        vacatedAt = labels.size();
      }
      labels.add(label(r.getString(0), numberedLags));
      values.add(number(r, 1));
      lows.add(number(r, 2));
      highs.add(number(r, 3));
    }
    return EventStudyChart.draw(title, UNIT, labels, values, lows, highs, vacatedAt);
  }

  private static Double number(Row r, int i) {
    return r.isNullAt(i) ? null : ((Number) r.get(i)).doubleValue();
  }
}
