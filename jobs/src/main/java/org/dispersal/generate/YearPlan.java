package org.dispersal.generate;

import java.util.EnumMap;
import java.util.Map;

/**
 * A township's plan for a year: demolition area as a share of its illegal floor area, clearances
 * and rectifications as shares of their pools or per 10,000 residents ({@link Model}). Part of the
 * polluting and manufacturing closures happens with demolitions, the rest on legal premises.
 */
final class YearPlan {
  /** Share of polluting and manufacturing closures that come with a demolition. */
  static final double WITH_DEMOLITION = 0.6;

  private YearPlan() {}

  static Map<Quotas.Work, Double> amounts(Town t, int year) {
    Map<Quotas.Work, Double> a = new EnumMap<>(Quotas.Work.class);
    double per10k = t.population2016 / 10_000;
    a.put(Quotas.Work.DEMOLITION_AREA, Model.demolitionShare(year) * t.illegalStock);
    a.put(Quotas.Work.GROUP_RENTALS, Model.clearanceShare(year, false) * t.groupStock);
    a.put(Quotas.Work.BASEMENTS, Model.clearanceShare(year, true) * t.basementStock);
    double polluting = Model.rectification(Entities.POLLUTING, year) * t.manufacturingStock;
    a.put(Quotas.Work.POLLUTING_CLOSURES, polluting * (1 - WITH_DEMOLITION));
    a.put(Quotas.Work.POLLUTING_WITH_DEMOLITION, polluting * WITH_DEMOLITION);
    double manufacturing =
        Model.rectification(Entities.MANUFACTURING, year) * t.largeManufacturingStock;
    a.put(Quotas.Work.MANUFACTURING_CLOSURES, manufacturing * (1 - WITH_DEMOLITION));
    a.put(Quotas.Work.MANUFACTURING_WITH_DEMOLITION, manufacturing * WITH_DEMOLITION);
    a.put(Quotas.Work.MARKETS, Model.rectification(Entities.MARKET, year) * t.marketStock);
    a.put(Quotas.Work.UNLICENSED, Model.rectification(Entities.NO_LICENCE, year) * per10k);
    a.put(
        Quotas.Work.WALL_OPENINGS,
        Model.rectification(Entities.WALL_OPENING, year) * t.wallShopStock);
    a.put(Quotas.Work.STREET_TRADING, Model.rectification(Entities.STREET, year) * per10k);
    return a;
  }
}
