package org.dispersal.panel;

import java.time.YearMonth;
import java.util.List;
import org.dispersal.common.DispersalException;
import org.dispersal.common.Setting;
import org.dispersal.common.Settings;

/** The panel's time span: the first month of the township × month table and of task progress. */
public record PanelConfig(YearMonth firstMonth, YearMonth progressFrom) {

  public static final Setting<String> FIRST_MONTH =
      Setting.text(
          "panel.first-month",
          "2015-01",
          true,
          "First month of the township x month table (YYYY-MM): the pre-action baseline starts here.");
  public static final Setting<String> PROGRESS_FROM =
      Setting.text(
          "panel.progress-from",
          "2017-01",
          true,
          "First month counted in task progress (YYYY-MM): the special action's start.");

  public static final List<Setting<?>> SETTINGS = List.of(FIRST_MONTH, PROGRESS_FROM);

  public static PanelConfig from(Settings s) {
    return new PanelConfig(
        month(FIRST_MONTH, s.get(FIRST_MONTH)), month(PROGRESS_FROM, s.get(PROGRESS_FROM)));
  }

  private static YearMonth month(Setting<String> key, String value) {
    try {
      YearMonth m = YearMonth.parse(value);
      if (m.getYear() < 2000 || m.getYear() > 2100) {
        throw new IllegalArgumentException();
      }
      return m;
    } catch (RuntimeException e) {
      throw DispersalException.invalidValue(
          key.key(), value, "expected a month YYYY-MM between 2000 and 2100");
    }
  }
}
