package org.dispersal.generate;

/** The contract's Chinese column headers, as constants (English ones live in {@link Ledger}). */
final class Columns {
  static final String TOWNSHIP = "乡镇街道";
  static final String UPDATED_AT = "更新时间";

  // Rental registrations.
  static final String REG_ID = "登记编号";
  static final String COMMUNITY = "社区村";
  static final String HOUSE_ADDRESS = "房屋地址";
  static final String HOUSING_TYPE = "房屋类型";
  static final String RENTED_AREA = "出租面积";
  static final String TENANTS = "承租人数";
  static final String GROUP_RENTAL = "是否群租";
  static final String LANDLORD = "出租人姓名";
  static final String LANDLORD_ID = "出租人证件号";
  static final String PHONE = "联系电话";
  static final String REGISTERED_ON = "登记日期";
  static final String DEREGISTERED_ON = "注销日期";
  static final String DEREG_REASON = "注销原因";

  // Market entities.
  static final String CREDIT_CODE = "统一社会信用代码";
  static final String ENTITY_NAME = "主体名称";
  static final String ENTITY_TYPE = "主体类型";
  static final String INDUSTRY = "行业代码";
  static final String BUSINESS_ADDRESS = "经营地址";
  static final String STATUS = "登记状态";
  static final String ESTABLISHED_ON = "成立日期";
  static final String STATUS_CHANGED_ON = "状态变更日期";
  static final String EMPLOYEES = "从业人数";
  static final String FLOOR_AREA = "经营面积";
  static final String RECT_CATEGORY = "整治类别";
  static final String RECT_ACTION = "整治措施";
  static final String RECTIFIED_ON = "整治日期";
  static final String REPRESENTATIVE_ID = "法定代表人证件号";

  // Demolitions.
  static final String RECORD_ID = "台账编号";
  static final String VILLAGE = "村社区";
  static final String LOCATION = "位置";
  static final String STRUCTURE_TYPE = "违建类型";
  static final String ORIGINAL_USE = "原用途";
  static final String DEMOLISHED_AREA = "拆除面积";
  static final String LAND_AREA = "占地面积";
  static final String RESIDENTS_AFFECTED = "涉及人口";
  static final String NEWLY_BUILT = "是否新增";
  static final String DEMOLISHED_ON = "拆除日期";
  static final String AFTER_USE = "腾退后用途";
  static final String VERIFICATION = "核验状态";

  // Population, targets, progress.
  static final String YEAR = "年份";
  static final String RESIDENTS = "常住人口";
  static final String HUKOU = "户籍人口";
  static final String NON_LOCAL = "常住外来人口";
  static final String BASIS = "口径";
  static final String TASK = "任务编号";
  static final String METRIC = "指标";
  static final String TARGET_YEAR = "年度";
  static final String CUMULATIVE = "累计";
  static final String TARGET_VALUE = "目标值";
  static final String UNIT = "单位";
  static final String DIRECTION = "方向";
  static final String MONTH = "月份";
  static final String COMPLETED = "本月完成";

  static final String YES = "是";
  static final String NO = "否";

  private Columns() {}
}
