package org.dispersal.export;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws the export's line charts with Java2D in a CJK font: the actual series, the target as a
 * dashed line and the forecast fan (P10–P90 band and the P50 line) from the last actual point to
 * the deadline.
 */
final class Charts {
  private Charts() {}

  static final int WIDTH = 800;
  static final int HEIGHT = 420;

  /**
   * One chart: x labels, actual values (null after the last known point), the target, and the fan
   * ending at the last x label (null when there is none).
   */
  record Chart(
      String title,
      String unit,
      List<String> x,
      List<Double> actual,
      Double target,
      double[] fanEnd) {}

  static byte[] png(Chart c, Font base) throws IOException {
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    int left = 90;
    int right = WIDTH - 30;
    int top = 50;
    int bottom = HEIGHT - 60;
    double max = 0;
    double min = Double.MAX_VALUE;
    for (Double v : c.actual()) {
      if (v != null) {
        max = Math.max(max, v);
        min = Math.min(min, v);
      }
    }
    if (c.target() != null) {
      max = Math.max(max, c.target());
      min = Math.min(min, c.target());
    }
    if (c.fanEnd() != null) {
      max = Math.max(max, c.fanEnd()[2]);
      min = Math.min(min, c.fanEnd()[0]);
    }
    if (min == Double.MAX_VALUE) {
      min = 0;
    }
    double lo = min > 0.5 * max ? min * 0.95 : Math.min(min, 0);
    double hi = max <= lo ? lo + 1 : max * 1.05;
    int n = Math.max(c.x().size(), 2);
    g.setFont(base.deriveFont(Font.BOLD, 18f));
    g.setColor(Color.BLACK);
    g.drawString(c.title(), left, 30);
    g.setFont(base.deriveFont(Font.PLAIN, 12f));
    g.setColor(new Color(0xDDDDDD));
    for (int i = 0; i <= 4; i++) {
      double v = lo + (hi - lo) * i / 4;
      int y = y(v, lo, hi, top, bottom);
      g.drawLine(left, y, right, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format(Locale.ROOT, "%,.0f", v), 5, y + 4);
      g.setColor(new Color(0xDDDDDD));
    }
    g.setColor(Color.DARK_GRAY);
    g.drawString(c.unit(), 5, top - 10);
    int step = Math.max(1, c.x().size() / 8);
    for (int i = 0; i < c.x().size(); i += step) {
      g.drawString(c.x().get(i), x(i, n, left, right) - 20, bottom + 20);
    }
    int last = -1;
    for (int i = 0; i < c.actual().size(); i++) {
      last = c.actual().get(i) != null ? i : last;
    }
    if (c.fanEnd() != null && last >= 0) {
      double start = c.actual().get(last);
      int x0 = x(last, n, left, right);
      int x1 = x(c.x().size() - 1, n, left, right);
      Path2D band = new Path2D.Double();
      band.moveTo(x0, y(start, lo, hi, top, bottom));
      band.lineTo(x1, y(c.fanEnd()[2], lo, hi, top, bottom));
      band.lineTo(x1, y(c.fanEnd()[0], lo, hi, top, bottom));
      band.closePath();
      g.setColor(new Color(70, 130, 180, 70));
      g.fill(band);
      g.setColor(new Color(70, 130, 180));
      g.setStroke(new BasicStroke(2f));
      g.drawLine(x0, y(start, lo, hi, top, bottom), x1, y(c.fanEnd()[1], lo, hi, top, bottom));
    }
    g.setColor(new Color(0x1F4E79));
    g.setStroke(new BasicStroke(2.5f));
    Integer px = null;
    Integer py = null;
    for (int i = 0; i < c.actual().size(); i++) {
      if (c.actual().get(i) == null) {
        continue;
      }
      int xi = x(i, n, left, right);
      int yi = y(c.actual().get(i), lo, hi, top, bottom);
      if (px != null) {
        g.drawLine(px, py, xi, yi);
      }
      g.fillOval(xi - 2, yi - 2, 4, 4);
      px = xi;
      py = yi;
    }
    if (c.target() != null) {
      g.setColor(new Color(0xC00000));
      g.setStroke(
          new BasicStroke(
              2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f));
      int yt = y(c.target(), lo, hi, top, bottom);
      g.drawLine(left, yt, right, yt);
      g.drawString("目标 " + String.format(Locale.ROOT, "%,.0f", c.target()), right - 160, yt - 6);
    }
    g.setColor(Color.DARK_GRAY);
    g.drawString("实线：实际　　虚线：目标　　阴影：预测P10–P90，线为P50", left, HEIGHT - 15);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  private static int x(int i, int n, int left, int right) {
    return left + (int) Math.round((right - left) * (double) i / (n - 1));
  }

  private static int y(double v, double lo, double hi, int top, int bottom) {
    return bottom - (int) Math.round((bottom - top) * (v - lo) / (hi - lo));
  }
}
