package org.dispersal.generate;

import java.util.List;

/**
 * The six deliveries of the input contract (docs: ../shared/contracts/ledgers.md): landing folder,
 * file-name stem, headers in both spellings, and which columns are required.
 */
enum Ledger {
  RENTAL(
      "rental",
      "出租房屋登记",
      new String[] {
        Columns.REG_ID, Columns.TOWNSHIP, Columns.COMMUNITY, Columns.HOUSE_ADDRESS,
        Columns.HOUSING_TYPE, Columns.RENTED_AREA, Columns.TENANTS, Columns.GROUP_RENTAL,
        Columns.LANDLORD, Columns.LANDLORD_ID, Columns.PHONE, Columns.REGISTERED_ON,
        Columns.DEREGISTERED_ON, Columns.DEREG_REASON, Columns.UPDATED_AT
      },
      new String[] {
        "registration_id",
        "township",
        "community",
        "address",
        "housing_type",
        "rented_area_m2",
        "tenant_count",
        "group_rental",
        "landlord_name",
        "landlord_id_number",
        "phone",
        "registered_on",
        "deregistered_on",
        "deregistration_reason",
        "updated_at"
      },
      List.of(Columns.REG_ID, Columns.TOWNSHIP, Columns.REGISTERED_ON)),
  LICENSE(
      "license",
      "市场主体登记及整治",
      new String[] {
        Columns.CREDIT_CODE, Columns.ENTITY_NAME, Columns.ENTITY_TYPE, Columns.INDUSTRY,
        Columns.TOWNSHIP, Columns.BUSINESS_ADDRESS, Columns.STATUS, Columns.ESTABLISHED_ON,
        Columns.STATUS_CHANGED_ON, Columns.EMPLOYEES, Columns.FLOOR_AREA, Columns.RECT_CATEGORY,
        Columns.RECT_ACTION, Columns.RECTIFIED_ON, Columns.REPRESENTATIVE_ID, Columns.UPDATED_AT
      },
      new String[] {
        "credit_code",
        "entity_name",
        "entity_type",
        "industry_code",
        "township",
        "address",
        "status",
        "established_on",
        "status_changed_on",
        "employees",
        "floor_area_m2",
        "rectification_category",
        "rectification_action",
        "rectified_on",
        "representative_id_number",
        "updated_at"
      },
      List.of(Columns.CREDIT_CODE, Columns.TOWNSHIP)),
  DEMOLITION(
      "demolition",
      "拆违台账",
      new String[] {
        Columns.RECORD_ID, Columns.TOWNSHIP, Columns.VILLAGE, Columns.LOCATION,
        Columns.STRUCTURE_TYPE, Columns.ORIGINAL_USE, Columns.DEMOLISHED_AREA, Columns.LAND_AREA,
        Columns.RESIDENTS_AFFECTED, Columns.NEWLY_BUILT, Columns.DEMOLISHED_ON, Columns.AFTER_USE,
        Columns.VERIFICATION, Columns.UPDATED_AT
      },
      new String[] {
        "record_id",
        "township",
        "community",
        "address",
        "structure_type",
        "original_use",
        "demolished_area_m2",
        "land_area_m2",
        "residents_affected",
        "newly_built",
        "demolished_on",
        "after_use",
        "verification",
        "updated_at"
      },
      List.of(Columns.RECORD_ID, Columns.TOWNSHIP, Columns.DEMOLISHED_ON, Columns.DEMOLISHED_AREA)),
  POPULATION(
      "population",
      "常住人口统计",
      new String[] {
        Columns.TOWNSHIP,
        Columns.YEAR,
        Columns.RESIDENTS,
        Columns.HUKOU,
        Columns.NON_LOCAL,
        Columns.BASIS
      },
      new String[] {
        "township",
        "year",
        "resident_population",
        "hukou_population",
        "nonlocal_population",
        "basis"
      },
      List.of(Columns.TOWNSHIP, Columns.YEAR)),
  TARGETS(
      "targets",
      "任务目标",
      new String[] {
        Columns.TASK,
        Columns.METRIC,
        Columns.TOWNSHIP,
        Columns.TARGET_YEAR,
        Columns.CUMULATIVE,
        Columns.TARGET_VALUE,
        Columns.UNIT,
        Columns.DIRECTION
      },
      new String[] {
        "task", "metric", "township", "year", "cumulative", "target_value", "unit", "direction"
      },
      List.of(Columns.TASK, Columns.METRIC, Columns.TOWNSHIP, Columns.TARGET_YEAR)),
  PROGRESS(
      "progress",
      "专项任务进展",
      new String[] {
        Columns.TASK,
        Columns.METRIC,
        Columns.TOWNSHIP,
        Columns.MONTH,
        Columns.COMPLETED,
        Columns.UNIT
      },
      new String[] {"task", "metric", "township", "month", "completed", "unit"},
      List.of(Columns.TASK, Columns.METRIC, Columns.TOWNSHIP, Columns.MONTH));

  final String folder;
  final String stem;
  private final String[] chinese;
  private final String[] english;
  private final int[] required;
  private final java.util.Map<String, Integer> index = new java.util.HashMap<>();

  Ledger(String folder, String stem, String[] chinese, String[] english, List<String> required) {
    this.folder = folder;
    this.stem = stem;
    this.chinese = chinese;
    this.english = english;
    for (int i = 0; i < chinese.length; i++) {
      index.put(chinese[i], i);
    }
    this.required = required.stream().mapToInt(this::column).toArray();
  }

  String[] header(boolean inEnglish) {
    return (inEnglish ? english : chinese).clone();
  }

  int width() {
    return chinese.length;
  }

  /** The index of a column by its Chinese header. */
  int column(String chineseHeader) {
    Integer i = index.get(chineseHeader);
    if (i == null) {
      throw new IllegalArgumentException(chineseHeader + " is no column of " + this);
    }
    return i;
  }

  String columnName(int index) {
    return chinese[index];
  }

  /** Required columns: business key, township, key dates, a demolition's area. */
  int[] required() {
    return required.clone();
  }

  int townshipColumn() {
    return column(Columns.TOWNSHIP);
  }

  /** Whether rows carry a business key and 更新时间 (latest wins) rather than delivery order. */
  boolean keyed() {
    return this == RENTAL || this == LICENSE || this == DEMOLITION;
  }
}
