package org.dispersal.export;

/** Column names of the gold and silver tables the export reads, and the ones it adds. */
final class ExportColumns {
  private ExportColumns() {}

  static final String RUN_ID = "run_id";
  static final String AS_OF = "as_of";
  static final String SCENARIO = "scenario";
  static final String TASK = "task";
  static final String METRIC = "metric";
  static final String UNIT = "unit";
  static final String TOWNSHIP_CODE = "township_code";
  static final String IS_DISTRICT = "is_district";
  static final String SCOPE = "target_scope";
  static final String TARGET_YEAR = "target_year";
  static final String TARGET_VALUE = "target_value";
  static final String ACHIEVED = "achieved_to_date";
  static final String P10 = "forecast_p10";
  static final String P50 = "forecast_p50";
  static final String P90 = "forecast_p90";
  static final String PROBABILITY = "probability_met";
  static final String STATUS = "status";
  static final String MONTH = "month";
  static final String YEAR = "year";
  static final String CUMULATIVE_SINCE_2017 = "cumulative_since_2017";
  static final String CUMULATIVE_IN_YEAR = "cumulative_in_year";
  static final String POPULATION_OFFICIAL = "resident_population_official";
  static final String POPULATION_ADMIN = "resident_population_admin";
  static final String LINKED_TENANTS = "linked_tenants";
  static final String LINKED_EMPLOYEES = "linked_employees";
  static final String OBSERVED_CHANGE = "observed_change";
  static final String EXPLAINED_CHANGE = "explained_change";
  static final String EXPLAINED_LOW = "explained_low";
  static final String EXPLAINED_HIGH = "explained_high";
  static final String LEDGER = "ledger";

  /** Added: the previous export's figures and the change. */
  static final String PREV_ACHIEVED = "prev_achieved";

  static final String PREV_P50 = "prev_p50";
  static final String PREV_PROBABILITY = "prev_probability";
  static final String PREV_AS_OF = "prev_as_of";

  /** gold/export_log: the gold table read, its Delta version, when the export was published. */
  static final String LOGGED_TABLE = "table";

  static final String VERSION = "version";
  static final String EXPORTED_AT = "exported_at";

  static final String SCOPE_PERIOD = "period";
  static final String SCOPE_YEAR = "year";
  static final String SCOPE_CAP = "population_cap";
  static final String DEFAULT_SCENARIO = "open_targets";
}
