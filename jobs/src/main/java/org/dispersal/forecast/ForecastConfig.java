package org.dispersal.forecast;

import java.time.YearMonth;
import java.util.List;
import org.dispersal.common.DispersalException;
import org.dispersal.common.Setting;
import org.dispersal.common.Settings;

/** The forecast's settings: status thresholds, simulation size and seed, backtest origins. */
public record ForecastConfig(
    double onTrack,
    double atRisk,
    int paths,
    int seed,
    YearMonth backtestFrom,
    YearMonth backtestTo,
    int backtestHorizon,
    int backtestReportDay,
    String scenario) {

  public static final Setting<Double> ON_TRACK =
      Setting.decimal(
          "forecast.on-track",
          0.8,
          0,
          1,
          "A target whose probability of being met is at least this is on track.");
  public static final Setting<Double> AT_RISK =
      Setting.decimal(
          "forecast.at-risk",
          0.5,
          0,
          1,
          "Below forecast.on-track and at least this: at risk; below it: off track.");
  public static final Setting<Integer> PATHS =
      Setting.integer(
          "forecast.paths", 1000, 100, 100000, "Simulated future paths per series and target.");
  public static final Setting<Integer> SEED =
      Setting.integer(
          "forecast.seed",
          20200101,
          0,
          Integer.MAX_VALUE,
          "Seed of the simulations: the same data and seed give the same forecast.");
  public static final Setting<String> BACKTEST_FROM =
      Setting.text(
          "forecast.backtest-from",
          "2018-03",
          true,
          "First backtest origin (YYYY-MM); origins are the quarter ends from here on.");
  public static final Setting<String> BACKTEST_TO =
      Setting.text(
          "forecast.backtest-to",
          "2020-03",
          true,
          "Last backtest origin (YYYY-MM); origins after the as-of month are skipped.");
  public static final Setting<Integer> BACKTEST_HORIZON =
      Setting.integer(
          "forecast.backtest-horizon",
          12,
          1,
          24,
          "Longest horizon scored by the backtest, months.");
  public static final Setting<Integer> BACKTEST_REPORT_DAY =
      Setting.integer(
          "forecast.backtest-report-day",
          10,
          1,
          28,
          "Day of the month after a backtest origin by which the origin month's reports are in:"
              + " the origin's forecast counts as made then, and targets issued later are left out.");
  public static final Setting<String> SCENARIO =
      Setting.text(
          "forecast.scenario",
          "",
          false,
          "CSV of planned vacating (township_code, kind, planned_area_m2) overriding what the open"
              + " targets imply; empty: the open targets. Set by forecast --scenario.");

  public static final List<Setting<?>> SETTINGS =
      List.of(
          ON_TRACK,
          AT_RISK,
          PATHS,
          SEED,
          BACKTEST_FROM,
          BACKTEST_TO,
          BACKTEST_HORIZON,
          BACKTEST_REPORT_DAY,
          SCENARIO);

  public static ForecastConfig from(Settings s) {
    double onTrack = s.get(ON_TRACK);
    double atRisk = s.get(AT_RISK);
    if (atRisk > onTrack) {
      throw DispersalException.invalidValue(
          AT_RISK.key(), Double.toString(atRisk), "at most forecast.on-track (" + onTrack + ")");
    }
    YearMonth from = month(BACKTEST_FROM, s.get(BACKTEST_FROM));
    YearMonth to = month(BACKTEST_TO, s.get(BACKTEST_TO));
    if (to.isBefore(from)) {
      throw DispersalException.invalidValue(
          BACKTEST_TO.key(), to.toString(), "not before forecast.backtest-from (" + from + ")");
    }
    return new ForecastConfig(
        onTrack,
        atRisk,
        s.get(PATHS),
        s.get(SEED),
        from,
        to,
        s.get(BACKTEST_HORIZON),
        s.get(BACKTEST_REPORT_DAY),
        s.get(SCENARIO));
  }

  /** The status word for a probability of meeting a target. */
  String status(double probability) {
    if (probability >= onTrack) {
      return "on_track";
    }
    return probability >= atRisk ? "at_risk" : "off_track";
  }

  private static YearMonth month(Setting<String> key, String value) {
    try {
      YearMonth m = YearMonth.parse(value);
      if (m.getYear() < 2017 || m.getYear() > 2100) {
        throw new IllegalArgumentException();
      }
      return m;
    } catch (RuntimeException e) {
      throw DispersalException.invalidValue(
          key.key(), value, "expected a month YYYY-MM from 2017-01 on");
    }
  }
}
