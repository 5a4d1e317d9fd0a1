package org.dispersal.generate;

/**
 * The kind of place a township is, which sets how its non-local residents live and how its
 * population moves without the action. All shares are assumptions (see docs/methodology.md): they
 * follow the common picture of Beijing, where the old city rents flats and basements, the
 * urban-rural fringe lives in illegal structures and workshops, and the mountains empty out.
 */
enum Area {
  //        nl   formal rented group basem. illegal onsite idle  wkIll  growth drift
  CORE(0.9, 0.25, 0.45, 0.10, 0.15, 0.02, 0.03, 0.3, 0.30, 0.05, -0.010),
  URBAN(1.0, 0.30, 0.45, 0.07, 0.08, 0.05, 0.05, 0.5, 0.50, 0.15, 0.000),
  FRINGE(1.3, 0.12, 0.35, 0.06, 0.03, 0.30, 0.14, 1.3, 0.85, 0.30, 0.000),
  NEW_TOWN(1.0, 0.35, 0.35, 0.05, 0.03, 0.14, 0.08, 1.1, 0.75, 1.00, 0.000),
  PLAIN(0.9, 0.20, 0.28, 0.03, 0.01, 0.30, 0.18, 1.6, 0.80, 0.30, 0.000),
  MOUNTAIN(0.5, 0.30, 0.25, 0.01, 0.00, 0.28, 0.16, 1.6, 0.80, 0.00, -0.015);

  /** Relative share of non-local residents (scaled so the district's overall share holds). */
  final double nonLocalFactor;

  /** Shares of the non-local residents by where they live, summing to 1. */
  final double formal;

  final double rented;
  final double group;
  final double basement;
  final double illegal;
  final double onsite;

  /** Idle illegal floor area per m² of illegal housing. */
  final double idleRatio;

  /** Share of workshops that are illegal structures (to be demolished rather than closed). */
  final double workshopIllegal;

  /**
   * Weight in the district's growth of the formal sector (hukou residents and residents of formal
   * housing): new towns carry it.
   */
  final double formalGrowth;

  /** Yearly drift of the formal sector independent of the district's growth (mountains empty). */
  final double formalDrift;

  Area(
      double nonLocalFactor,
      double formal,
      double rented,
      double group,
      double basement,
      double illegal,
      double onsite,
      double idleRatio,
      double workshopIllegal,
      double formalGrowth,
      double formalDrift) {
    this.nonLocalFactor = nonLocalFactor;
    this.formal = formal;
    this.rented = rented;
    this.group = group;
    this.basement = basement;
    this.illegal = illegal;
    this.onsite = onsite;
    this.idleRatio = idleRatio;
    this.workshopIllegal = workshopIllegal;
    this.formalGrowth = formalGrowth;
    this.formalDrift = formalDrift;
  }
}
