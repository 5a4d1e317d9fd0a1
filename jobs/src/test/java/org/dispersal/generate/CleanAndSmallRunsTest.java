package org.dispersal.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.dispersal.common.DispersalException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defect rate zero gives clean data; other districts and short periods work; folders are safe. */
class CleanAndSmallRunsTest {
  @TempDir Path dir;

  @Test
  void rateZeroInjectsNothing() throws Exception {
    GenerateConfig config = new GenerateConfig(3, false, 0.0, LocalDate.of(2017, 3, 31), "110111");
    Generator.Summary s = Generator.generate(config, dir, (f, files, rows) -> {});
    assertThat(s.defects().values()).allMatch(n -> n == 0);
    assertThat(Generated.table(dir.resolve("_truth/defects.csv"))).isEmpty();
    List<String> files = Landing.files(dir);
    assertThat(files).noneMatch(f -> f.contains("_重报") || f.contains("_补充"));
    for (String f : files) {
      for (Landing.Record r : Landing.read(dir, f)) {
        for (String column : List.of("拆除面积", "出租面积")) {
          String v = r.get(column);
          if (v != null) {
            assertThat(Double.parseDouble(v)).isGreaterThan(0);
          }
        }
      }
    }
  }

  @Test
  void anotherDistrictUsesItsOwnTownships() throws Exception {
    GenerateConfig config = new GenerateConfig(3, false, 0.02, LocalDate.of(2015, 6, 30), "110119");
    Generator.Summary s = Generator.generate(config, dir, (f, files, rows) -> {});
    assertThat(s.townships()).isEqualTo(18);
    String text = Files.readString(dir.resolve("rental/出租房屋登记_2015-06.csv"), FileStyle.GBK);
    assertThat(text).contains("延庆").doesNotContain("长阳镇");
  }

  @Test
  void refusesAFolderWithOtherContent() throws Exception {
    Files.writeString(dir.resolve("real-delivery.csv"), "x");
    GenerateConfig config = new GenerateConfig(3, false, 0.0, LocalDate.of(2015, 1, 31), "110111");
    assertThatThrownBy(() -> Generator.generate(config, dir, (f, files, rows) -> {}))
        .isInstanceOf(DispersalException.class)
        .hasMessageContaining("not written by the generator");
  }
}
