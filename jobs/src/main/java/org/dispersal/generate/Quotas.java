package org.dispersal.generate;

import java.util.EnumMap;
import java.util.Map;

/**
 * A township's plan, year by year, spread over the months by the season. What is due is counted
 * over the whole period (earlier years' plans plus this year's share to date, less all that is
 * done), so small yearly amounts such as a third of a market still add up to whole ones.
 */
final class Quotas {
  /** What a quota counts. */
  enum Work {
    DEMOLITION_AREA,
    GROUP_RENTALS,
    BASEMENTS,
    POLLUTING_CLOSURES,
    POLLUTING_WITH_DEMOLITION,
    MANUFACTURING_CLOSURES,
    MANUFACTURING_WITH_DEMOLITION,
    MARKETS,
    UNLICENSED,
    WALL_OPENINGS,
    STREET_TRADING
  }

  /** Per work: plans of earlier years, this year's plan, all done so far. */
  private final Map<Work, double[]> plan = new EnumMap<>(Work.class);

  private int year;

  /** Starts a year with the given yearly amounts. */
  void startYear(int y, Map<Work, Double> amounts) {
    year = y;
    for (Map.Entry<Work, Double> e : amounts.entrySet()) {
      double[] p = plan.computeIfAbsent(e.getKey(), k -> new double[3]);
      p[0] += p[1];
      p[1] = e.getValue();
    }
  }

  private double target(double[] p, int month) {
    return p[0] + p[1] * Model.cumulativeSeason(year, Months.monthOfYear(month));
  }

  /** What is due by the end of this month and not yet done (never negative). */
  double due(Work w, int month) {
    double[] p = plan.get(w);
    return p == null ? 0 : Math.max(0, target(p, month) - p[2]);
  }

  /** A whole number due: the rounded target to date less what is done. */
  int dueCount(Work w, int month) {
    double[] p = plan.get(w);
    if (p == null) {
      return 0;
    }
    return (int) Math.max(0, Math.round(target(p, month)) - Math.round(p[2]));
  }

  void done(Work w, double amount) {
    double[] p = plan.get(w);
    if (p != null) {
      p[2] += amount;
    }
  }
}
