package org.dispersal.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.dispersal.TestFonts;
import org.dispersal.TestSettings;
import org.dispersal.TestSpark;
import org.dispersal.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event-study chart of the notebooks: lags in time order, drawn from the newest run. */
class EventStudyTest {
  @TempDir Path dir;

  private final SparkSession spark = TestSpark.session();

  @Test
  void lagsSortIntoTimeOrderAroundTheYearOfVacating() {
    List<String> sorted =
        Stream.of("total", "lag_2", "same_year", "lead_2", "lag_1", "lead_1")
            .sorted(java.util.Comparator.comparing(EventStudy::position))
            .toList();
    assertThat(sorted).containsExactly("lead_2", "lead_1", "same_year", "lag_1", "lag_2", "total");
    assertThat(sorted.stream().map(l -> EventStudy.label(l, true)))
        .containsExactly("前2年", "前1年", "当年", "后1年", "后2年", "合计");
    assertThat(EventStudy.label("total", false)).isEqualTo("后1年起");
    assertThat(EventStudy.position("spillover_share")).isNull();
  }

  @Test
  void drawsTheNewestRunsLeadSameYearAndTotalOrANoteWithoutRows() {
    assumeTrue(TestFonts.CJK, TestFonts.SKIPPED);
    Lakehouse lake =
        new Lakehouse(
            spark, TestSettings.of(List.of(Cli.allSettings()), List.of("paths.lake=" + dir)));
    assertThat(lake.eventStudy("panel", "residential").getHeight()).isEqualTo(90);
    spark
        .sql(
            "SELECT * FROM VALUES"
                + " ('r2', 'panel', 'residential', 'total', 180.0, 60.0, 300.0),"
                + " ('r2', 'panel', 'residential', 'lead_1', -10.0, -90.0, 70.0),"
                + " ('r2', 'panel', 'residential', 'same_year', 80.0, 20.0, 140.0),"
                + " ('r2', 'district', 'all', 'spillover_share', 0.3, 0.1, 0.5),"
                + " ('r1', 'panel', 'basement', 'total', 800.0, 500.0, 1100.0)"
                + " AS t(run_id, estimator, kind, lag, estimate, ci95_low, ci95_high)")
        .write()
        .format("delta")
        .save(dir.resolve("gold/effect_estimates").toString());
    BufferedImage chart = lake.eventStudy("panel", "residential");
    assertThat(chart.getWidth()).isEqualTo(800);
    assertThat(chart.getHeight()).isEqualTo(420);
    long points = 0;
    for (int y = 0; y < chart.getHeight(); y++) {
      for (int x = 0; x < chart.getWidth(); x++) {
        points += (chart.getRGB(x, y) & 0xFFFFFF) == 0x1F4E79 ? 1 : 0;
      }
    }
    assertThat(points).as("three points of about 100 pixels").isBetween(200L, 400L);
    // Basement has rows only in an older run: a note, not a chart of stale figures.
    assertThat(lake.eventStudy("panel", "basement").getHeight()).isEqualTo(90);
  }
}
