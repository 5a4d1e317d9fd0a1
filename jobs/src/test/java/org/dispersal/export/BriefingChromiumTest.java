package org.dispersal.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The briefing in headless Chromium (Debian package chromium): it renders, and it prints on one A4
 * landscape page. Skipped, saying why, where /usr/bin/chromium is not installed; .ci/run installs
 * it. No Spark: the overview is built from inline rows.
 */
class BriefingChromiumTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir static Path dir;
  private static ExportConfig config;

  @BeforeAll
  static void config() {
    // defaults but forecast.on-track 0.75 (ExportStageTest's settings)
    config = ExportConfig.from(ExportStageTest.settings(dir));
  }

  /** Each test is reported as skipped, with this message, where Chromium is not installed. */
  @BeforeEach
  void needsChromium() {
    assumeTrue(
        Files.isExecutable(CHROMIUM),
        "skipped: /usr/bin/chromium is not installed (apt-get install chromium; .ci/run does)");
  }

  /** An overview of {@code metrics} task metrics, each with a period and four yearly targets. */
  static Sheet overview(int metrics) {
    StructType schema =
        ExportFixtures.FORECASTS
            .add(ExportColumns.PREV_ACHIEVED, DataTypes.DoubleType)
            .add(ExportColumns.PREV_PROBABILITY, DataTypes.DoubleType);
    List<Row> rows = new ArrayList<>();
    String[] statuses = {"on_track", "at_risk", "off_track", "met", "missed"};
    for (int m = 0; m < metrics; m++) {
      for (int y = 2017; y <= 2021; y++) {
        boolean period = y == 2021;
        double p = (m * 5 + y) % 10 / 10.0;
        rows.add(
            new GenericRowWithSchema(
                new Object[] {
                  "r",
                  Date.valueOf("2020-06-30"),
                  "open_targets",
                  "T" + (m % 9 + 1),
                  "指标名称较长的任务" + m,
                  m % 2 == 0 ? "平方米" : "家",
                  "110111",
                  true,
                  period ? "period" : "year",
                  period ? 2020 : y,
                  1_234_567.0,
                  654_321.0,
                  900_000.0,
                  1_000_000.0,
                  1_100_000.0,
                  p,
                  statuses[(m + y) % 5],
                  600_000.0,
                  p - 0.05
                },
                schema));
      }
    }
    return Sheets.overview(
        new Sheets.Inputs(
            rows, null, null, null, null, null, null, null, null, null, null, Map.of(), List.of()));
  }

  /** Chart-sized PNGs with some drawing but no text (no font needed). */
  static Map<String, byte[]> charts(int n) throws Exception {
    Map<String, byte[]> charts = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      BufferedImage img =
          new BufferedImage(Charts.WIDTH, Charts.HEIGHT, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = img.createGraphics();
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, Charts.WIDTH, Charts.HEIGHT);
      g.setColor(new Color(0x1F4E79));
      g.drawRect(40, 20, Charts.WIDTH - 80, Charts.HEIGHT - 80);
      g.fillPolygon(new int[] {40, 400, 760}, new int[] {340, 100 + 10 * i, 60}, 3);
      g.dispose();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(img, "png", out);
      charts.put("chart" + i, out.toByteArray());
    }
    return charts;
  }

  static Path briefing(String name, int metrics, int charts) throws Exception {
    Path html = dir.resolve(name + ".html");
    Files.writeString(
        html,
        Briefing.html(
            "疏解整治促提升专项行动周报（2020-06-30）",
            "数据截至 2020-06-30，运行编号 20200630T020000-cccc",
            overview(metrics),
            charts(charts),
            config),
        StandardCharsets.UTF_8);
    return html;
  }

  /** Runs headless Chromium with the given output flags on a file, in a fresh profile. */
  static void chromium(Path html, String... output) throws Exception {
    Path profile = Files.createTempDirectory(dir, "profile");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile));
    cmd.addAll(List.of(output));
    cmd.add(html.toUri().toString());
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("log").toFile())
            .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished in 2 minutes").isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("log"))).isZero();
  }

  /** The pages of a PDF: its page objects ("/Type /Page", not "/Pages"). */
  static int pages(Path pdf) throws Exception {
    String text = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
    Matcher m = Pattern.compile("/Type\\s*/Page(?!s)").matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** The page size of the (first) page, in whole points: "width x height". */
  static String mediaBox(Path pdf) throws Exception {
    String text = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
    Matcher m = Pattern.compile("/MediaBox\\s*\\[\\s*0 0 ([0-9.]+) ([0-9.]+)").matcher(text);
    return m.find()
        ? Math.round(Double.parseDouble(m.group(1)))
            + " x "
            + Math.round(Double.parseDouble(m.group(2)))
        : "no MediaBox";
  }

  @Test
  void theBriefingRendersToANonBlankScreenshotWithItsStatusColours() throws Exception {
    Path html = briefing("realistic", 10, 11);
    Path png = dir.resolve("shot.png");
    chromium(html, "--screenshot=" + png, "--window-size=1400,1000");
    BufferedImage shot = ImageIO.read(png.toFile());
    assertThat(shot.getWidth()).isEqualTo(1400);
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < shot.getHeight(); y += 2) {
      for (int x = 0; x < shot.getWidth(); x += 2) {
        colours.add(shot.getRGB(x, y) & 0xFFFFFF);
      }
    }
    assertThat(colours).hasSizeGreaterThan(10); // not blank: text, table, status fills, charts
    assertThat(colours).contains(0xFFC7CE, 0xFFEB9C, 0xC6EFCE, 0xD9E1F2, 0x1F4E79);
  }

  @Test
  void theBriefingPrintsOnOneA4LandscapePage() throws Exception {
    // the demo's size (ten metrics, their 2020 targets, eleven charts) and a much larger one
    for (int[] size : new int[][] {{10, 11}, {30, 31}}) {
      Path html = briefing("print" + size[0], size[0], size[1]);
      Path pdf = dir.resolve("print" + size[0] + ".pdf");
      chromium(html, "--print-to-pdf=" + pdf, "--no-pdf-header-footer");
      assertThat(pages(pdf)).as("pages of %d metrics, %d charts", size[0], size[1]).isEqualTo(1);
      // A4 landscape in points: 842 × 595
      assertThat(mediaBox(pdf)).isEqualTo("842 x 595");
    }
  }
}
