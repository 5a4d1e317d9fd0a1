package org.dispersal.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import org.dispersal.common.RunConfig;
import org.junit.jupiter.api.Test;

/** The backtest's targets at an origin are those issued by the time its forecast was made. */
class KnownTargetsTest {
  private static final long ISSUED = millis(LocalDateTime.of(2017, 2, 28, 16, 20));
  private static final long REVISED = millis(LocalDateTime.of(2019, 7, 15, 10, 5));

  private static final List<Target> CURRENT =
      List.of(
          target("T1", "110111001", Target.YEAR, 2019, 900),
          target("T1", "110111001", Target.PERIOD, 2020, 5000),
          target("T2", "110111", Target.YEAR, 2020, 40));

  private static final List<KnownTargets.Issued> ISSUES =
      List.of(
          new KnownTargets.Issued("T1", "m", "110111001", 2019, false, 700, ISSUED),
          new KnownTargets.Issued("T1", "m", "110111001", 2020, true, 4000, ISSUED),
          new KnownTargets.Issued("T1", "m", "110111001", 2019, false, 900, REVISED),
          new KnownTargets.Issued("T1", "m", "110111001", 2020, true, 5000, REVISED),
          new KnownTargets.Issued("T2", "m", "110111", 2020, false, 40, REVISED));

  @Test
  void anOriginBeforeTheRevisionSeesTheTargetsOf2017AndNotTheLaterOnes() {
    int june2019 = Months.index(java.time.YearMonth.of(2019, 6));
    List<Target> known = KnownTargets.at(CURRENT, ISSUES, KnownTargets.madeAt(june2019, 10));

    assertThat(known)
        .extracting(Target::task, Target::scope, Target::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("T1", Target.YEAR, 700.0),
            org.assertj.core.groups.Tuple.tuple("T1", Target.PERIOD, 4000.0));
  }

  @Test
  void anOriginAfterTheRevisionSeesTheRevisedTargets() {
    int september2019 = Months.index(java.time.YearMonth.of(2019, 9));
    List<Target> known = KnownTargets.at(CURRENT, ISSUES, KnownTargets.madeAt(september2019, 10));

    assertThat(known).isEqualTo(CURRENT);
  }

  @Test
  void theForecastAtAnOriginCountsAsMadeOnTheReportDayOfTheNextMonth() {
    int june2019 = Months.index(java.time.YearMonth.of(2019, 6));
    assertThat(KnownTargets.madeAt(june2019, 10))
        .isEqualTo(millis(LocalDateTime.of(2019, 7, 10, 23, 59, 59)))
        .isLessThan(REVISED);
    assertThat(KnownTargets.madeAt(june2019, 20)).isGreaterThan(REVISED);
  }

  @Test
  void withoutAnIssueHistoryTheCurrentTargetsStand() {
    assertThat(KnownTargets.at(CURRENT, List.of(), 0L)).isSameAs(CURRENT);
  }

  private static Target target(String task, String township, String scope, int year, double v) {
    return new Target(task, "m", "处", township, township.length() == 6, scope, year, v, true);
  }

  private static long millis(LocalDateTime t) {
    return t.atZone(RunConfig.ZONE).toInstant().toEpochMilli();
  }
}
