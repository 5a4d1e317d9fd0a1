package org.dispersal.forecast;

/**
 * One target of the ledger as the forecast reads it.
 *
 * @param scope {@code year} (cumulative within the year), {@code period} (cumulative since 2017) or
 *     {@code population_cap} (year-end resident population)
 */
record Target(
    String task,
    String metric,
    String unit,
    String township,
    boolean district,
    String scope,
    int year,
    double value,
    boolean atLeast) {
  static final String YEAR = "year";
  static final String PERIOD = "period";
  static final String POPULATION_CAP = "population_cap";

  /** The same target with another value (as issued at another time). */
  Target withValue(double v) {
    return new Target(task, metric, unit, township, district, scope, year, v, atLeast);
  }

  int deadline() {
    return Months.december(year);
  }

  /** First month counted towards the target. */
  int firstMonth() {
    return YEAR.equals(scope) ? Months.january(year) : 0;
  }

  boolean met(double achieved) {
    return atLeast ? achieved >= value : achieved <= value;
  }
}
