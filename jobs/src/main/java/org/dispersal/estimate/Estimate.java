package org.dispersal.estimate;

/** One estimated effect with its intervals and diagnostics: a row of gold/effect_estimates. */
record Estimate(
    String estimator,
    String kind,
    String lag,
    double estimate,
    String unit,
    double low90,
    double high90,
    double low95,
    double high95,
    long observations,
    int clusters,
    Double pretrendP,
    String diagnostics) {

  /** Whether the 95% interval holds a value. */
  boolean covers95(double value) {
    return low95 <= value && value <= high95;
  }
}
