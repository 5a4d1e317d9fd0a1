package org.dispersal.panel;

import java.util.List;

/** Column names of the gold panel tables (documented in docs/tables.md). */
final class PanelColumns {
  private PanelColumns() {}

  static final String TOWNSHIP_CODE = "township_code";
  static final String IS_DISTRICT = "is_district";
  static final String MONTH = "month";
  static final String MONTH_INDEX = "month_index";
  static final String MONTH_END = "month_end";

  /** Kinds of vacated space, as conform's vacating events name them. */
  static final List<String> KINDS =
      List.of(
          "residential",
          "production",
          "commercial",
          "other_structure",
          "business",
          "group_rental",
          "basement");

  static String area(String kind) {
    return "vacated_area_" + kind + "_m2";
  }

  static String count(String kind) {
    return "vacated_count_" + kind;
  }

  static final String LINKED_TENANTS = "linked_tenants";
  static final String LINKED_EMPLOYEES = "linked_employees";
  static final String ACTIVE_REGISTRATIONS = "active_registrations";
  static final String REGISTERED_TENANTS = "registered_tenants";
  static final String ACTIVE_ENTITIES = "active_entities";
  static final String ACTIVE_EMPLOYEES = "active_employees";
  static final String NEW_ILLEGAL_STRUCTURES = "new_illegal_structures";

  static final String POPULATION_OFFICIAL = "resident_population_official";
  static final String HUKOU_OFFICIAL = "hukou_population_official";
  static final String NONLOCAL_OFFICIAL = "nonlocal_population_official";
  static final String POPULATION_BASIS = "population_basis";
  static final String POPULATION_MONTHLY = "resident_population_monthly";
  static final String POPULATION_INTERPOLATED = "population_interpolated";
  static final String COVERAGE_ESTIMATE = "registration_coverage_estimate";
  static final String POPULATION_ADMIN = "resident_population_admin";

  static final String CATEGORY = "rectification_category";

  // Task progress
  static final String TASK = "task";
  static final String METRIC = "metric";
  static final String UNIT = "unit";
  static final String DIRECTION = "direction";
  static final String COMPLETED = "completed";
  static final String REPORTED = "reported";
  static final String SOURCE = "source";
  static final String CUMULATIVE = "cumulative_since_2017";
  static final String CUMULATIVE_YEAR = "cumulative_in_year";
  static final String YEAR_TARGET = "year_target";
  static final String PERIOD_TARGET = "period_target";
  static final String SHARE_OF_YEAR = "share_of_year_target";
  static final String SHARE_OF_PERIOD = "share_of_period_target";
}
