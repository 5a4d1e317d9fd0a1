package org.dispersal.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import org.dispersal.TestFonts;
import org.junit.jupiter.api.Test;

/** The notebooks' chart images: long bar labels wrap, and the event-study chart draws. */
class ChartImagesTest {
  private static final int WHITE = 0xFFFFFF;

  private static final FontMetrics METRICS =
      ChartImages.metrics(new Font(Font.SANS_SERIF, Font.PLAIN, 12));

  @Test
  void aLongLabelWrapsOntoTwoLinesThatFitAndKeepEveryWord() {
    // The bar chart's label column: 200 pixels.
    String label = "panel business_demolition same_year";
    assertThat(METRICS.stringWidth(label)).isGreaterThan(200);
    List<String> lines = ChartImages.wrap(label, METRICS, 200, 2);
    assertThat(lines).hasSize(2);
    assertThat(lines).allSatisfy(l -> assertThat(METRICS.stringWidth(l)).isLessThanOrEqualTo(200));
    assertThat(String.join(" ", lines)).isEqualTo(label);
  }

  @Test
  void aLabelTooLongForTwoLinesEndsInAnEllipsisAndAShortOneStaysWhole() {
    String label = "x".repeat(200);
    List<String> lines = ChartImages.wrap(label, METRICS, 120, 2);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).endsWith("…");
    assertThat(lines).allSatisfy(l -> assertThat(METRICS.stringWidth(l)).isLessThanOrEqualTo(120));
    assertThat(ChartImages.wrap("长阳镇", METRICS, 120, 2)).containsExactly("长阳镇");
  }

  @Test
  void barsDrawTheSecondLineOfALongLabel() {
    assumeTrue(TestFonts.CJK, TestFonts.SKIPPED);
    List<Double> values = List.of(150.0, 80.0);
    BufferedImage shortLabels = ChartImages.bars("效应", "人", List.of("a", "b"), values, null, null);
    BufferedImage longLabels =
        ChartImages.bars(
            "效应",
            "人",
            List.of("panel business_demolition same_year", "linkage residential total"),
            values,
            null,
            null);
    assertThat(longLabels.getHeight()).isGreaterThan(shortLabels.getHeight());
    // The first row is 34 pixels high from y = 60; its second label line is in its lower half.
    assertThat(inked(longLabels, 10, 210, 60 + 20, 60 + 33)).isPositive();
    assertThat(inked(shortLabels, 10, 210, 60 + 20, 60 + 25)).isZero();
  }

  @Test
  void theEventStudyChartHasPointsIntervalsAndAZeroLine() {
    assumeTrue(TestFonts.CJK, TestFonts.SKIPPED);
    BufferedImage img =
        EventStudyChart.draw(
            "事件研究：residential（panel，95%区间）",
            "人/万平方米",
            List.of("前1年", "当年", "后1年起"),
            Arrays.asList(-10.0, 80.0, 180.0),
            Arrays.asList(-90.0, 20.0, 60.0),
            Arrays.asList(70.0, 140.0, 300.0),
            1);
    assertThat(img.getWidth()).isEqualTo(Charts.WIDTH);
    assertThat(img.getHeight()).isEqualTo(Charts.HEIGHT);
    assertThat(count(img, 0x1F4E79)).as("point pixels").isGreaterThan(3 * 50);
    assertThat(count(img, 0xC00000)).as("interval pixels").isGreaterThan(100);
    int widest = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      widest = Math.max(widest, dark(img, y));
    }
    assertThat(widest).as("a dark line across the plot: zero").isGreaterThan(600);
  }

  @Test
  void anEventStudyWithoutIntervalsStillDraws() {
    assumeTrue(TestFonts.CJK, TestFonts.SKIPPED);
    BufferedImage img =
        EventStudyChart.draw(
            "事件研究", "人", List.of("当年"), Arrays.asList((Double) null), null, null, -1);
    assertThat(count(img, 0x1F4E79)).isZero();
    assertThat(inked(img, 0, img.getWidth(), 0, img.getHeight())).isPositive();
  }

  private static int inked(BufferedImage img, int x0, int x1, int y0, int y1) {
    int n = 0;
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        n += (img.getRGB(x, y) & 0xFFFFFF) != WHITE ? 1 : 0;
      }
    }
    return n;
  }

  private static int count(BufferedImage img, int rgb) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        n += (img.getRGB(x, y) & 0xFFFFFF) == rgb ? 1 : 0;
      }
    }
    return n;
  }

  /** Pixels of a row darker than the grid lines in every channel. */
  private static int dark(BufferedImage img, int y) {
    int n = 0;
    for (int x = 0; x < img.getWidth(); x++) {
      int rgb = img.getRGB(x, y);
      boolean dark = ((rgb >> 16) & 0xFF) < 90 && ((rgb >> 8) & 0xFF) < 90 && (rgb & 0xFF) < 90;
      n += dark ? 1 : 0;
    }
    return n;
  }
}
