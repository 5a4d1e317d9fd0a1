package org.dispersal.export;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * The event-study chart for the notebooks, in the export's CJK font and style ({@link
 * ChartImages}): estimates before and after vacating as points with interval bars around a zero
 * line, so that leads near zero (no pre-trend) and the effect after vacating show at a glance.
 */
public final class EventStudyChart {
  private EventStudyChart() {}

  static final String LEGEND = "点：估计值　　红线：95%区间　　黑线：零　　虚线：腾退当年起";

  /**
   * An event-study chart: one point per period in time order ({@code x}, e.g. 前1年, 当年, 后1年起) with
   * its interval as a vertical bar where {@code low} and {@code high} are given, a line at zero,
   * and a dashed line before the point at index {@code vacatedAt} (the year of vacating; -1 for
   * none).
   */
  public static BufferedImage draw(
      String title,
      String unit,
      List<String> x,
      List<Double> values,
      List<Double> low,
      List<Double> high,
      int vacatedAt) {
    int width = Charts.WIDTH;
    int height = Charts.HEIGHT;
    int left = 90;
    int right = width - 30;
    int top = 60;
    int bottom = height - 70;
    BufferedImage img = ChartImages.canvas(width, height);
    Graphics2D g = img.createGraphics();
    Font base = ChartImages.font(title + String.join("", x) + LEGEND);
    ChartImages.smooth(g);
    g.setFont(base.deriveFont(Font.BOLD, 18f));
    g.setColor(Color.BLACK);
    g.drawString(title, 20, 30);
    double[] range = ChartImages.range(values, low, high);
    double pad = (range[1] - range[0]) * 0.08;
    double lo = range[0] - pad;
    double hi = range[1] + pad;
    g.setFont(base.deriveFont(Font.PLAIN, 12f));
    // Grid lines at round values (1, 2 or 5 × a power of ten), about five of them, one at zero.
    double raw = (hi - lo) / 5;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double ratio = raw / magnitude;
    double tick = magnitude * (ratio <= 1 ? 1 : ratio <= 2 ? 2 : ratio <= 5 ? 5 : 10);
    for (long k = (long) Math.ceil(lo / tick); k * tick <= hi; k++) {
      double v = k * tick + 0.0;
      int y = py(v, lo, hi, top, bottom);
      g.setColor(new Color(0xDDDDDD));
      g.drawLine(left, y, right, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format(Locale.ROOT, tick >= 1 ? "%,.0f" : "%,.2f", v), 10, y + 4);
    }
    g.drawString(unit, 10, top - 12);
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(1.5f));
    int zero = py(0, lo, hi, top, bottom);
    g.drawLine(left, zero, right, zero);
    int n = Math.max(1, x.size());
    double step = (right - left) / (double) n;
    if (vacatedAt > 0 && vacatedAt < x.size()) {
      int xv = left + (int) Math.round(step * vacatedAt);
      g.setColor(Color.GRAY);
      g.setStroke(
          new BasicStroke(
              1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 5f}, 0f));
      g.drawLine(xv, top - 5, xv, bottom);
      g.drawString("腾退", xv + 4, top + 8);
    }
    g.setStroke(new BasicStroke(2f));
    for (int i = 0; i < x.size(); i++) {
      int xi = left + (int) Math.round(step * (i + 0.5));
      g.setColor(Color.DARK_GRAY);
      g.drawString(
          x.get(i), xi - ChartImages.metrics(g.getFont()).stringWidth(x.get(i)) / 2, bottom + 22);
      Double v = values.get(i);
      if (v == null || !Double.isFinite(v)) {
        continue;
      }
      Double l = ChartImages.at(low, i);
      Double h = ChartImages.at(high, i);
      if (l != null && h != null) {
        g.setColor(new Color(0xC00000));
        int yl = py(l, lo, hi, top, bottom);
        int yh = py(h, lo, hi, top, bottom);
        g.drawLine(xi, yl, xi, yh);
        g.drawLine(xi - 6, yl, xi + 6, yl);
        g.drawLine(xi - 6, yh, xi + 6, yh);
      }
      int yv = py(v, lo, hi, top, bottom);
      g.setColor(new Color(0x1F4E79));
      g.fillOval(xi - 6, yv - 6, 12, 12);
      g.setColor(Color.BLACK);
      g.drawString(String.format(Locale.ROOT, "%,.0f", v), xi + 10, yv - 6);
    }
    g.setColor(Color.DARK_GRAY);
    g.drawString(LEGEND, left, height - 15);
    g.dispose();
    return img;
  }

  private static int py(double v, double lo, double hi, int top, int bottom) {
    return bottom - (int) Math.round((bottom - top) * (v - lo) / (hi - lo));
  }
}
