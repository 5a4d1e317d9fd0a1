package org.dispersal.forecast;

import java.time.LocalDate;

/** One forecast of gold/forecasts before the run's columns are added. */
record ForecastRow(
    Target target,
    double achieved,
    double p10,
    double p50,
    double p90,
    double mean,
    double probability,
    LocalDate expectedCompletion,
    int monthsLeft,
    Double paceNeeded,
    Double currentPace,
    String status,
    String model,
    String note,
    String effectSource) {

  ForecastRow(
      Target target,
      double achieved,
      double p10,
      double p50,
      double p90,
      double mean,
      double probability,
      LocalDate expectedCompletion,
      int monthsLeft,
      Double paceNeeded,
      Double currentPace,
      String status,
      String model,
      String note) {
    this(
        target,
        achieved,
        p10,
        p50,
        p90,
        mean,
        probability,
        expectedCompletion,
        monthsLeft,
        paceNeeded,
        currentPace,
        status,
        model,
        note,
        null);
  }
}
