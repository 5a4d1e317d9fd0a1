package org.dispersal.export;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The export's charts as images for the notebooks, in the export's CJK font: the line chart with
 * target and forecast fan ({@link Charts}), a bar chart with optional intervals, and a note image
 * for "no data". Fails like the export (no CJK font, no chart) rather than draw empty boxes.
 */
public final class ChartImages {
  private ChartImages() {}

  private static final String SAMPLE = "乡镇街道目标实际预测暂无数据常住人口";

  /**
   * Line chart: x labels, values (null = unknown), dashed target, fan {P10, P50, P90} at the end.
   */
  public static BufferedImage line(
      String title, String unit, List<String> x, List<Double> values, Double target, double[] fan) {
    try {
      byte[] png = Charts.png(new Charts.Chart(title, unit, x, values, target, fan), font(title));
      return ImageIO.read(new ByteArrayInputStream(png));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Horizontal bars, one per label, with an interval whisker where {@code low} and {@code high} are
   * given (lists may be null, entries may be null).
   */
  public static BufferedImage bars(
      String title,
      String unit,
      List<String> labels,
      List<Double> values,
      List<Double> low,
      List<Double> high) {
    int rowHeight = 26;
    int top = 60;
    int height = top + Math.max(1, labels.size()) * rowHeight + 50;
    BufferedImage img = canvas(Charts.WIDTH, height);
    Graphics2D g = img.createGraphics();
    Font base = font(title + String.join("", labels));
    smooth(g);
    g.setFont(base.deriveFont(Font.BOLD, 18f));
    g.setColor(Color.BLACK);
    g.drawString(title, 20, 30);
    int left = 220;
    int right = Charts.WIDTH - 40;
    double lo = 0;
    double hi = 0;
    for (int i = 0; i < values.size(); i++) {
      for (Double v : new Double[] {values.get(i), at(low, i), at(high, i)}) {
        if (v != null && Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    if (hi <= lo) {
      hi = lo + 1;
    }
    double span = hi - lo;
    lo -= lo < 0 ? span * 0.05 : 0;
    hi += span * 0.05;
    g.setFont(base.deriveFont(Font.PLAIN, 12f));
    int zero = px(0, lo, hi, left, right);
    g.setColor(Color.GRAY);
    g.drawLine(zero, top - 5, zero, top + labels.size() * rowHeight);
    for (int i = 0; i < labels.size(); i++) {
      int y = top + i * rowHeight;
      g.setColor(Color.DARK_GRAY);
      String label = labels.get(i);
      g.drawString(label.length() > 16 ? label.substring(0, 16) + "…" : label, 10, y + 17);
      Double v = values.get(i);
      if (v == null || !Double.isFinite(v)) {
        g.drawString("—", zero + 4, y + 17);
        continue;
      }
      int xv = px(v, lo, hi, left, right);
      g.setColor(new Color(0x1F4E79));
      g.fillRect(Math.min(zero, xv), y + 5, Math.max(1, Math.abs(xv - zero)), rowHeight - 10);
      Double l = at(low, i);
      Double h = at(high, i);
      if (l != null && h != null) {
        g.setColor(new Color(0xC00000));
        g.setStroke(new BasicStroke(2f));
        int yl = y + rowHeight / 2;
        g.drawLine(px(l, lo, hi, left, right), yl, px(h, lo, hi, left, right), yl);
        g.drawLine(px(l, lo, hi, left, right), yl - 5, px(l, lo, hi, left, right), yl + 5);
        g.drawLine(px(h, lo, hi, left, right), yl - 5, px(h, lo, hi, left, right), yl + 5);
      }
      g.setColor(Color.BLACK);
      g.drawString(String.format(Locale.ROOT, "%,.1f", v), Math.max(zero, xv) + 6, y + 12);
    }
    g.setColor(Color.DARK_GRAY);
    g.drawString(unit + (low == null ? "" : "　　红线：区间"), left, height - 15);
    g.dispose();
    return img;
  }

  /** A small image saying there is nothing to draw, and why. */
  public static BufferedImage note(String title, String why) {
    BufferedImage img = canvas(Charts.WIDTH, 90);
    Graphics2D g = img.createGraphics();
    Font base = font(title + why);
    smooth(g);
    g.setColor(Color.BLACK);
    g.setFont(base.deriveFont(Font.BOLD, 16f));
    g.drawString(title, 20, 30);
    g.setFont(base.deriveFont(Font.PLAIN, 13f));
    g.setColor(Color.DARK_GRAY);
    g.drawString("暂无数据：" + why, 20, 62);
    g.dispose();
    return img;
  }

  private static Font font(String text) {
    return CjkFont.find(SAMPLE + text.replaceAll("[\\p{ASCII}\\s…—　：（）]", ""));
  }

  private static BufferedImage canvas(int width, int height) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return img;
  }

  private static void smooth(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
  }

  private static Double at(List<Double> list, int i) {
    return list == null || i >= list.size() ? null : list.get(i);
  }

  private static int px(double v, double lo, double hi, int left, int right) {
    return left + (int) Math.round((right - left) * (v - lo) / (hi - lo));
  }
}
