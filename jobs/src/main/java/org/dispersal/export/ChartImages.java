package org.dispersal.export;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The export's charts as images for the notebooks, in the export's CJK font: the line chart with
 * target and forecast fan ({@link Charts}), a bar chart with optional intervals (long labels on two
 * lines), and a note image for "no data"; {@link EventStudyChart} draws leads and lags. Fails like
 * the export (no CJK font, no chart) rather than draw empty boxes.
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
    Font base = font(title + String.join("", labels));
    Font small = base.deriveFont(Font.PLAIN, 12f);
    int left = 220;
    FontMetrics fm = metrics(small);
    List<List<String>> wrapped = new ArrayList<>();
    for (String label : labels) {
      wrapped.add(wrap(label, fm, left - 20, 2));
    }
    boolean twoLines = wrapped.stream().anyMatch(w -> w.size() > 1);
    int rowHeight = twoLines ? 34 : 26;
    int top = 60;
    int height = top + Math.max(1, labels.size()) * rowHeight + 50;
    BufferedImage img = canvas(Charts.WIDTH, height);
    Graphics2D g = img.createGraphics();
    smooth(g);
    g.setFont(base.deriveFont(Font.BOLD, 18f));
    g.setColor(Color.BLACK);
    g.drawString(title, 20, 30);
    int right = Charts.WIDTH - 40;
    double[] range = range(values, low, high);
    double span = range[1] - range[0];
    double lo = range[0] - (range[0] < 0 ? span * 0.05 : 0);
    double hi = range[1] + span * 0.05;
    g.setFont(small);
    int zero = px(0, lo, hi, left, right);
    g.setColor(Color.GRAY);
    g.drawLine(zero, top - 5, zero, top + labels.size() * rowHeight);
    for (int i = 0; i < labels.size(); i++) {
      int y = top + i * rowHeight;
      g.setColor(Color.DARK_GRAY);
      List<String> lines = wrapped.get(i);
      for (int j = 0; j < lines.size(); j++) {
        g.drawString(lines.get(j), 10, y + rowHeight / 2 + 5 + (2 * j - lines.size() + 1) * 7);
      }
      Double v = values.get(i);
      if (v == null || !Double.isFinite(v)) {
        g.drawString("—", zero + 4, y + rowHeight / 2 + 5);
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

  /**
   * Splits a label into at most {@code maxLines} lines of at most {@code width} pixels, at a space
   * where one falls in the line, else between characters; the last line ends in "…" when the label
   * does not fit.
   */
  static List<String> wrap(String label, FontMetrics fm, int width, int maxLines) {
    List<String> lines = new ArrayList<>();
    String rest = label.strip();
    while (!rest.isEmpty() && lines.size() < maxLines) {
      if (fm.stringWidth(rest) <= width) {
        lines.add(rest);
        return lines;
      }
      if (lines.size() == maxLines - 1) {
        int end = rest.length();
        while (end > 0 && fm.stringWidth(rest.substring(0, end) + "…") > width) {
          end--;
        }
        lines.add(rest.substring(0, end).strip() + "…");
        return lines;
      }
      int end = 1;
      while (end < rest.length() && fm.stringWidth(rest.substring(0, end + 1)) <= width) {
        end++;
      }
      int space = rest.lastIndexOf(' ', end);
      int cut = space > 0 ? space : end;
      lines.add(rest.substring(0, cut).strip());
      rest = rest.substring(cut).strip();
    }
    return lines;
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

  static Font font(String text) {
    return CjkFont.find(SAMPLE + text.replaceAll("[\\p{ASCII}\\s…—　：（）]", ""));
  }

  static BufferedImage canvas(int width, int height) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return img;
  }

  static void smooth(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
  }

  /** The smallest and largest of the values and interval ends, with zero; never an empty span. */
  static double[] range(List<Double> values, List<Double> low, List<Double> high) {
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
    return new double[] {lo, hi <= lo ? lo + 1 : hi};
  }

  static FontMetrics metrics(Font font) {
    Graphics2D g = canvas(1, 1).createGraphics();
    try {
      smooth(g);
      return g.getFontMetrics(font);
    } finally {
      g.dispose();
    }
  }

  static Double at(List<Double> list, int i) {
    return list == null || i >= list.size() ? null : list.get(i);
  }

  private static int px(double v, double lo, double hi, int left, int right) {
    return left + (int) Math.round((right - left) * (v - lo) / (hi - lo));
  }
}
