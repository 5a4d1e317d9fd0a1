package org.dispersal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import org.dispersal.common.RunConfig;
import org.junit.jupiter.api.Test;

class DatesTest {

  @Test
  void everyDateFormOfTheContract() {
    LocalDate d = LocalDate.of(2019, 3, 5);
    assertThat(Dates.date("2019-03-05")).isEqualTo(d);
    assertThat(Dates.date("2019/3/5")).isEqualTo(d);
    assertThat(Dates.date("2019/03/05")).isEqualTo(d);
    assertThat(Dates.date("2019年3月5日")).isEqualTo(d);
    assertThat(Dates.date(" 2019年03月05日 ")).isEqualTo(d);
    // How an Excel date cell arrives from the XLSX reader.
    assertThat(Dates.date("2019-03-05")).isEqualTo(d);
  }

  @Test
  void datetimesAddHoursMinutesAndOptionalSeconds() {
    assertThat(Dates.dateTime("2019-03-05 08:30")).isEqualTo(LocalDateTime.of(2019, 3, 5, 8, 30));
    assertThat(Dates.dateTime("2019/3/5 8:30:15"))
        .isEqualTo(LocalDateTime.of(2019, 3, 5, 8, 30, 15));
    assertThat(Dates.dateTime("2019年3月5日 23:59")).isEqualTo(LocalDateTime.of(2019, 3, 5, 23, 59));
    assertThat(Dates.dateTime("2019-03-05")).isEqualTo(LocalDateTime.of(2019, 3, 5, 0, 0));
    assertThat(Dates.instant("2019-03-05 08:30"))
        .isEqualTo(ZonedDateTime.of(2019, 3, 5, 8, 30, 0, 0, RunConfig.ZONE).toInstant());
  }

  @Test
  void aDateMayCarryAMidnightTimeButNoOther() {
    assertThat(Dates.date("2019-03-05 00:00:00")).isEqualTo(LocalDate.of(2019, 3, 5));
    assertThat(Dates.date("2019-03-05 08:00")).isNull();
  }

  @Test
  void anythingElseIsNotADate() {
    for (String bad :
        new String[] {
          "2019.3.5",
          "05/03/2019",
          "2019-02-30",
          "2019-13-01",
          "20190305",
          "2019-3",
          "明天",
          "",
          "2019-03-05T08:30",
          "2019-03-05 25:00",
          "2019-03-05 8:61",
          "43529"
        }) {
      assertThat(Dates.dateTime(bad)).as(bad).isNull();
    }
    assertThat(Dates.date(null)).isNull();
  }

  @Test
  void monthsAreTheFirstDayOfTheMonth() {
    LocalDate m = LocalDate.of(2019, 3, 1);
    assertThat(Dates.month("2019-03")).isEqualTo(m);
    assertThat(Dates.month("2019-3")).isEqualTo(m);
    assertThat(Dates.month("2019/3")).isEqualTo(m);
    assertThat(Dates.month("2019年3月")).isEqualTo(m);
    assertThat(Dates.month("2019-03-17")).isEqualTo(m);
    assertThat(Dates.month("2019-13")).isNull();
    assertThat(Dates.month("三月")).isNull();
  }
}
