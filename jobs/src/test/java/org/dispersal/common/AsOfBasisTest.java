package org.dispersal.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import org.dispersal.common.AsOfBasis.FinishedRun;
import org.junit.jupiter.api.Test;

/** Which runs count as the record of their as-of date (no Spark: the rule on its own). */
class AsOfBasisTest {
  private static FinishedRun run(String id, String asOf, int start, int end) {
    return new FinishedRun(
        id, LocalDate.parse(asOf), new Timestamp(start * 1000L), new Timestamp(end * 1000L));
  }

  @Test
  void aRunStartedAfterALaterDatesRunEndedIsBackDated() {
    FinishedRun march = run("march", "2020-03-31", 0, 10);
    FinishedRun june = run("june", "2020-06-30", 20, 30);
    FinishedRun marchAgain = run("march-again", "2020-03-31", 40, 50);
    FinishedRun juneRerun = run("june-rerun", "2020-06-30", 60, 70);
    assertThat(AsOfBasis.contemporary(List.of(march, june, marchAgain, juneRerun)))
        .containsExactly(march, june, juneRerun);
  }

  @Test
  void theLabelNamesTheRunOnlyForTimeTravel() {
    assertThat(AsOfBasis.current().label()).isEqualTo("current");
    assertThat(AsOfBasis.monthFilter().label()).isEqualTo("month_filter");
    assertThat(
            new AsOfBasis(
                    AsOfBasis.TIME_TRAVEL, "r1", LocalDate.of(2020, 3, 31), java.util.Map.of())
                .label())
        .isEqualTo("time_travel:r1");
  }
}
