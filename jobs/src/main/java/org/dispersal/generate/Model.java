package org.dispersal.generate;

/**
 * The generator's model parameters in one place. Figures marked "published" come from the brief's
 * sources; everything else is an assumption, explained in docs/methodology.md and written to
 * _truth/parameters.csv with each run.
 */
final class Model {
  private Model() {}

  /** Residents of an illegal residential structure per 10,000 m² of floor area (1 per 55 m²). */
  static final double DENSITY_ILLEGAL_HOME = 180;

  /** Employees living on site per 10,000 m² of workshop floor area. */
  static final double DENSITY_WORKSHOP = 50;

  /** Traders and staff living in a wholesale market per 10,000 m². */
  static final double DENSITY_MARKET = 30;

  /** Floor area per person in a group rental (m², uniform range): Beijing's minimum is 5. */
  static final double[] GROUP_M2_PER_PERSON = {4, 9};

  /** Floor area per person in a basement dwelling (m², uniform range). */
  static final double[] BASEMENT_M2_PER_PERSON = {8, 16};

  /**
   * Share of a vacated site's occupants who leave the township in the month of the action and in
   * each of the next 12 months: 40% at once, 25% in the first quarter after, 15% in the second, 20%
   * in the second half-year.
   */
  static final double[] LAG = {
    0.40, 0.10, 0.08, 0.07, 0.06, 0.05, 0.04, 0.05, 0.04, 0.04, 0.03, 0.02, 0.02
  };

  /** Share of the displaced who settle in another township of the same district. */
  static final double SPILLOVER = 0.30;

  /** Rental registration coverage: a logistic rise as enforcement tightens. */
  static final double COVERAGE_START = 0.30;

  static final double COVERAGE_END = 0.85;

  /** Midpoint of the rise: 2017-07 (month 30). */
  static final double COVERAGE_MIDPOINT = 30;

  static final double COVERAGE_SCALE_MONTHS = 6;

  /** Chance per month that an eligible, unregistered, occupied dwelling gets registered. */
  static final double REGISTRATION_HAZARD = 0.35;

  /** Lease lengths in months and their shares. */
  static final int[] LEASES = {6, 12, 24};

  static final double[] LEASE_SHARES = {0.20, 0.55, 0.25};

  /** Relative standard error of the statistics bureau's year-end survey estimate, and census. */
  static final double SURVEY_NOISE = 0.010;

  static final double CENSUS_NOISE = 0.002;

  /** The district total is estimated on a larger sample. */
  static final double DISTRICT_NOISE = 0.003;

  /** Chance a cleared site is occupied again (a new registration, entity or structure). */
  static final double REBOUND = 0.05;

  /** Share of townships that inflate progress reports, and of their months that are inflated. */
  static final double INFLATING_TOWNSHIPS = 0.12;

  static final double INFLATED_MONTHS = 0.15;

  /** Demolished illegal floor area per year as a share of the stock at the start of 2015. */
  static double demolitionShare(int year) {
    return switch (year) {
      case 2015 -> 0.025;
      case 2016 -> 0.040;
      case 2017 -> 0.180;
      case 2018 -> 0.210;
      case 2019 -> 0.250;
      case 2020 -> 0.150;
      default -> 0.010;
    };
  }

  /** Share of group rentals and of basement dwellings cleared per year. */
  static double clearanceShare(int year, boolean basement) {
    return switch (year) {
      case 2015, 2016 -> 0.02;
      case 2017 -> basement ? 0.30 : 0.25;
      case 2018 -> basement ? 0.25 : 0.20;
      case 2019 -> 0.15;
      case 2020 -> 0.10;
      default -> 0.01;
    };
  }

  /**
   * Rectifications per year by category: a share of the category's pool (polluting and general
   * manufacturing: manufacturing workshops; markets; wall openings) or a rate per 10,000 residents
   * (unlicensed businesses, street trading). Calibrated so that Fangshan closes about 150 polluting
   * businesses and 30 manufacturers in 2019 (published district figures).
   */
  static double rectification(byte category, int year) {
    int i = Math.max(0, Math.min(5, year - 2015));
    double[] byYear =
        switch (category) {
          case Entities.POLLUTING -> new double[] {0.003, 0.003, 0.08, 0.06, 0.03, 0.014};
          case Entities.MANUFACTURING -> new double[] {0.0, 0.0, 0.05, 0.045, 0.04, 0.025};
          case Entities.MARKET -> new double[] {0.0, 0.0, 0.25, 0.25, 0.20, 0.10};
          case Entities.NO_LICENCE -> new double[] {3, 3, 14, 11, 7, 4};
          case Entities.WALL_OPENING -> new double[] {0.02, 0.02, 0.30, 0.20, 0.10, 0.05};
          case Entities.STREET -> new double[] {1, 1, 5.5, 4.5, 3.6, 1.8};
          default -> throw new IllegalArgumentException("category " + category);
        };
    return year > 2020 ? byYear[5] * 0.2 : byYear[i];
  }

  /** Registration coverage target at a month. */
  static double coverage(int month) {
    double x = (month - COVERAGE_MIDPOINT) / COVERAGE_SCALE_MONTHS;
    return COVERAGE_START + (COVERAGE_END - COVERAGE_START) / (1 + Math.exp(-x));
  }

  // Work slows at the Spring Festival and in winter; 2020 starts with the epidemic.
  private static final double[] SEASON = {
    0.4, 0.5, 1.0, 1.2, 1.2, 1.1, 1.0, 1.0, 1.1, 1.2, 1.2, 1.1
  };
  private static final double[] SEASON_2020 = {
    0.3, 0.2, 0.6, 1.2, 1.2, 1.1, 1.0, 1.0, 1.1, 1.2, 1.2, 1.1
  };

  /** The share of a year's work done by the end of a month of that year (1–12). */
  static double cumulativeSeason(int year, int monthOfYear) {
    double[] s = year == 2020 ? SEASON_2020 : SEASON;
    double total = 0;
    double done = 0;
    for (int i = 0; i < 12; i++) {
      total += s[i];
      if (i < monthOfYear) {
        done += s[i];
      }
    }
    return done / total;
  }
}
