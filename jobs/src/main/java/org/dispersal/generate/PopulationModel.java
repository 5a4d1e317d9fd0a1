package org.dispersal.generate;

import java.util.List;

/**
 * The true population of a district's townships month by month: residents of the simulated
 * premises, the displaced who have not left yet, those who moved in from other townships, and the
 * formal sector (hukou residents and formal housing), calibrated afterwards so that the district
 * matches its published year-end totals of 2016 and 2018.
 */
final class PopulationModel {
  /** Components of the site scan, in this order. */
  static final String[] SITE_COMPONENTS = {
    "rented_rooms", "group_rentals", "basements", "illegal_structures", "onsite_employees"
  };

  static final int DEC_2016 = 23;
  static final int DEC_2018 = 47;

  private final int towns;
  private final int months;
  private final double[][][] sites;
  private final double[][] vacated;
  private final double[][] leave;
  private final double[][] inflow;
  private final double[][] pending;
  private final double[][] spill;
  private final long[][] registered;
  private final double[][][] byKind;
  private final double[][] spillShare;
  private double[][] hukou;
  private double[][] formal;
  private double growth;

  PopulationModel(int towns, int months) {
    this.towns = towns;
    this.months = months;
    this.sites = new double[towns][months][SITE_COMPONENTS.length];
    this.vacated = new double[towns][months];
    this.leave = new double[towns][months + Model.LAG.length];
    this.inflow = new double[towns][months];
    this.pending = new double[towns][months];
    this.spill = new double[towns][months];
    this.registered = new long[towns][months];
    this.byKind = new double[towns][months][VacatedKind.values().length * 3];
    this.spillShare = new double[towns][towns];
  }

  /** Where the displaced of each township settle: in proportion to the others' rental stock. */
  void spilloverWeights(double[] rentalStock) {
    for (int i = 0; i < towns; i++) {
      double total = 0;
      for (int j = 0; j < towns; j++) {
        total += j == i ? 0 : rentalStock[j];
      }
      for (int j = 0; j < towns; j++) {
        spillShare[i][j] = j == i || total == 0 ? 0 : rentalStock[j] / total;
      }
    }
  }

  void siteScan(int town, int month, double[] components, long registeredTenants) {
    System.arraycopy(components, 0, sites[town][month], 0, components.length);
    registered[town][month] = registeredTenants;
  }

  /** Occupants of vacated space start leaving: part now, the rest over the next quarters. */
  void vacate(int town, int month, VacatedKind kind, double area, int persons) {
    int k = kind.ordinal() * 3;
    byKind[town][month][k] += 1;
    byKind[town][month][k + 1] += area;
    byKind[town][month][k + 2] += persons;
    vacated[town][month] += persons;
    for (int lag = 0; lag < Model.LAG.length; lag++) {
      leave[town][month + lag] += persons * Model.LAG[lag];
    }
  }

  /** Closes a month: departures, the spillover share of them to other townships, the stocks. */
  void endMonth(int month) {
    if (towns > 1) {
      for (int i = 0; i < towns; i++) {
        double moving = leave[i][month] * Model.SPILLOVER;
        for (int j = 0; j < towns; j++) {
          inflow[j][month] += moving * spillShare[i][j];
        }
      }
    }
    for (int i = 0; i < towns; i++) {
      double before = month == 0 ? 0 : pending[i][month - 1];
      double spillBefore = month == 0 ? 0 : spill[i][month - 1];
      pending[i][month] = before + vacated[i][month] - leave[i][month];
      spill[i][month] = spillBefore + inflow[i][month];
    }
  }

  /** Residents outside the formal sector: premises, displaced not yet gone, arrivals. */
  double informal(int town, int month) {
    int m = Math.min(month, months - 1);
    double sum = pending[town][m] + spill[town][m];
    for (double c : sites[town][m]) {
      sum += c;
    }
    return sum;
  }

  /**
   * Sets the formal sector so that each township has its assumed 2016 population and the district
   * grows to its published 2018 total, new towns carrying the growth.
   *
   * @param population2016 each township's residents at the end of 2016
   * @param nonLocalShare each township's share of non-local residents
   */
  void calibrate(
      List<Geography.TownshipProfile> profiles,
      double[] population2016,
      double[] nonLocalShare,
      double district2018) {
    double[] formal16 = new double[towns];
    double[] hukouShare = new double[towns];
    double fixed = 0;
    double weighted = 0;
    for (int i = 0; i < towns; i++) {
      formal16[i] = Math.max(0, population2016[i] - informal(i, DEC_2016));
      double hukou16 = population2016[i] * (1 - nonLocalShare[i]);
      hukouShare[i] = formal16[i] == 0 ? 0 : Math.min(1, hukou16 / formal16[i]);
      Area a = profiles.get(i).area();
      fixed += formal16[i] * (1 + a.formalDrift * 2) + informal(i, DEC_2018);
      weighted += formal16[i] * a.formalGrowth * 2;
    }
    growth = weighted == 0 ? 0 : (district2018 - fixed) / weighted;
    hukou = new double[towns][months];
    formal = new double[towns][months];
    for (int i = 0; i < towns; i++) {
      Area a = profiles.get(i).area();
      for (int m = 0; m < months; m++) {
        double years = (m - DEC_2016) / 12.0;
        double factor = Math.max(0.1, 1 + (a.formalDrift + growth * a.formalGrowth) * years);
        double sector = formal16[i] * factor;
        hukou[i][m] = sector * hukouShare[i];
        formal[i][m] = sector - hukou[i][m];
      }
    }
  }

  /** The yearly growth rate of the formal sector per unit of growth weight, from calibration. */
  double growth() {
    return growth;
  }

  /** Components of a township-month, rounded: hukou, formal, sites…, pending, spillover. */
  long[] components(int town, int month) {
    long[] c = new long[4 + SITE_COMPONENTS.length];
    c[0] = Math.round(hukou[town][month]);
    c[1] = Math.round(formal[town][month]);
    for (int k = 0; k < SITE_COMPONENTS.length; k++) {
      c[2 + k] = Math.round(sites[town][month][k]);
    }
    c[2 + SITE_COMPONENTS.length] = Math.round(pending[town][month]);
    c[3 + SITE_COMPONENTS.length] = Math.round(spill[town][month]);
    return c;
  }

  /** The true total of a township-month: the sum of its rounded components. */
  long total(int town, int month) {
    long sum = 0;
    for (long c : components(town, month)) {
      sum += c;
    }
    return sum;
  }

  /** The flows of a month: vacated occupants, departures, of which to other townships, arrivals. */
  double[] flows(int town, int month) {
    double departed = leave[town][month];
    return new double[] {
      vacated[town][month], departed, departed * Model.SPILLOVER, inflow[town][month]
    };
  }

  long registered(int town, int month) {
    return registered[town][month];
  }

  /** Residents outside formal housing: the rental universe the registrations cover. */
  long tenants(int town, int month) {
    long[] c = components(town, month);
    long sum = 0;
    for (int k = 2; k < c.length; k++) {
      sum += c[k];
    }
    return sum;
  }

  /** Events, area and occupants vacated of a kind in a township-month. */
  double[] vacatedBy(int town, int month, VacatedKind kind) {
    int k = kind.ordinal() * 3;
    return new double[] {
      byKind[town][month][k], byKind[town][month][k + 1], byKind[town][month][k + 2]
    };
  }

  int months() {
    return months;
  }
}
