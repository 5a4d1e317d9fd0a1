package org.dispersal.conform;

/** Column names of the bronze inputs and silver outputs that conform reads and writes. */
final class Cols {
  private Cols() {}

  // Shared
  static final String TOWNSHIP = "township";
  static final String TOWNSHIP_CODE = "township_code";
  static final String TOWNSHIP_METHOD = "township_method";
  static final String ADDRESS = "address";
  static final String ADDRESS_KEY = "address_key";
  static final String DWELLING_KEY = "dwelling_key";
  static final String COMMUNITY = "community";
  static final String UPDATED_AT = "updated_at";
  static final String DELIVERY_ID = "delivery_id";

  // Rental registrations
  static final String REGISTRATION_ID = "registration_id";
  static final String HOUSING_TYPE = "housing_type";
  static final String RENTED_AREA = "rented_area_m2";
  static final String TENANT_COUNT = "tenant_count";
  static final String GROUP_RENTAL = "group_rental";
  static final String REGISTERED_ON = "registered_on";
  static final String DEREGISTERED_ON = "deregistered_on";
  static final String DEREGISTRATION_REASON = "deregistration_reason";

  // Market entities
  static final String CREDIT_CODE = "credit_code";
  static final String ENTITY_TYPE = "entity_type";
  static final String STATUS = "status";
  static final String ESTABLISHED_ON = "established_on";
  static final String STATUS_CHANGED_ON = "status_changed_on";
  static final String EMPLOYEES = "employees";
  static final String FLOOR_AREA = "floor_area_m2";
  static final String RECTIFICATION_CATEGORY = "rectification_category";
  static final String RECTIFICATION_ACTION = "rectification_action";
  static final String RECTIFIED_ON = "rectified_on";

  // Demolitions
  static final String RECORD_ID = "record_id";
  static final String STRUCTURE_TYPE = "structure_type";
  static final String ORIGINAL_USE = "original_use";
  static final String DEMOLISHED_AREA = "demolished_area_m2";
  static final String RESIDENTS_AFFECTED = "residents_affected";
  static final String NEWLY_BUILT = "newly_built";
  static final String DEMOLISHED_ON = "demolished_on";

  // Links and events
  static final String LINK_METHOD = "link_method";
  static final String CONFIDENCE = "confidence";
  static final String DAYS_APART = "days_apart";
  static final String EVENT_ID = "event_id";
  static final String KIND = "kind";
  static final String EVENT_DATE = "event_date";
  static final String EVENT_MONTH = "event_month";
  static final String SOURCE_LEDGER = "source_ledger";
  static final String SOURCE_KEY = "source_key";
  static final String LINKED_REGISTRATIONS = "linked_registrations";
  static final String LINKED_TENANTS = "linked_tenants";
  static final String LINKED_ENTITIES = "linked_entities";
  static final String LINKED_EMPLOYEES = "linked_employees";

  // Deregistration reasons and rectification actions of the contract.
  static final String REASON_DEMOLITION = "拆除";
  static final String REASON_GROUP_RENTAL = "群租清理";
  static final String REASON_BASEMENT = "地下空间清理";
  static final String ACTION_CLOSE = "关停取缔";
  static final String ACTION_RELOCATE = "疏解迁出";
}
