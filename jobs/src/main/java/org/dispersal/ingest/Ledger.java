package org.dispersal.ingest;

import static org.dispersal.ingest.Field.Kind.AREA;
import static org.dispersal.ingest.Field.Kind.COUNT;
import static org.dispersal.ingest.Field.Kind.CREDIT_CODE;
import static org.dispersal.ingest.Field.Kind.DATE;
import static org.dispersal.ingest.Field.Kind.DATETIME;
import static org.dispersal.ingest.Field.Kind.ENTITY_NAME;
import static org.dispersal.ingest.Field.Kind.FREE_TEXT;
import static org.dispersal.ingest.Field.Kind.ID_NUMBER;
import static org.dispersal.ingest.Field.Kind.MONTH;
import static org.dispersal.ingest.Field.Kind.NAME;
import static org.dispersal.ingest.Field.Kind.NUMBER;
import static org.dispersal.ingest.Field.Kind.PHONE;
import static org.dispersal.ingest.Field.Kind.TEXT;
import static org.dispersal.ingest.Field.Kind.TOWNSHIP;
import static org.dispersal.ingest.Field.Kind.YEAR;
import static org.dispersal.ingest.Field.Kind.YES_NO;

import java.util.List;
import java.util.Locale;

/**
 * The six ledgers of the input contract ({@code shared/contracts/ledgers.md}): landing folder,
 * columns in contract order, and which of them are required.
 */
enum Ledger {
  RENTAL(
      "出租房屋登记台账",
      Field.required("registration_id", "登记编号", TEXT),
      Field.required("township", "乡镇街道", TOWNSHIP),
      Field.of("community", "社区村", TEXT),
      Field.of("address", "房屋地址", FREE_TEXT),
      Field.oneOf("housing_type", "房屋类型", false, "楼房", "平房", "地下室", "集体宿舍", "违法建设"),
      Field.of("rented_area_m2", "出租面积", AREA),
      Field.of("tenant_count", "承租人数", COUNT),
      Field.of("group_rental", "是否群租", YES_NO),
      Field.of("landlord_name", "出租人姓名", NAME),
      Field.of("landlord_id_number", "出租人证件号", ID_NUMBER),
      Field.of("phone", "联系电话", PHONE),
      Field.required("registered_on", "登记日期", DATE),
      Field.of("deregistered_on", "注销日期", DATE),
      Field.oneOf("deregistration_reason", "注销原因", false, "到期", "拆除", "群租清理", "地下空间清理", "整治", "其他"),
      Field.required("updated_at", "更新时间", DATETIME)),
  LICENSE(
      "市场主体登记及整治台账",
      Field.required("credit_code", "统一社会信用代码", CREDIT_CODE),
      Field.of("entity_name", "主体名称", ENTITY_NAME),
      Field.oneOf("entity_type", "主体类型", true, "企业", "个体工商户", "无照经营户"),
      Field.of("industry_code", "行业代码", TEXT),
      Field.required("township", "乡镇街道", TOWNSHIP),
      Field.of("address", "经营地址", FREE_TEXT),
      Field.oneOf("status", "登记状态", false, "存续", "吊销", "注销", "迁出"),
      Field.of("established_on", "成立日期", DATE),
      Field.of("status_changed_on", "状态变更日期", DATE),
      Field.of("employees", "从业人数", COUNT),
      Field.of("floor_area_m2", "经营面积", AREA),
      Field.oneOf(
          "rectification_category",
          "整治类别",
          false,
          "散乱污",
          "一般制造业",
          "区域性专业市场",
          "无证无照",
          "开墙打洞",
          "占道经营"),
      Field.oneOf("rectification_action", "整治措施", false, "关停取缔", "疏解迁出", "整改提升"),
      Field.of("rectified_on", "整治日期", DATE),
      Field.of("representative_id_number", "法定代表人证件号", ID_NUMBER),
      Field.required("updated_at", "更新时间", DATETIME)),
  DEMOLITION(
      "拆除违法建设台账",
      Field.required("record_id", "台账编号", TEXT),
      Field.required("township", "乡镇街道", TOWNSHIP),
      Field.of("community", "村社区", TEXT),
      Field.of("address", "位置", FREE_TEXT),
      Field.oneOf("structure_type", "违建类型", false, "住宅", "厂房", "仓储", "商业", "其他"),
      Field.oneOf("original_use", "原用途", false, "居住出租", "生产经营", "仓储物流", "商业经营", "闲置", "其他"),
      Field.required("demolished_area_m2", "拆除面积", AREA),
      Field.of("land_area_m2", "占地面积", AREA),
      Field.of("residents_affected", "涉及人口", COUNT),
      Field.of("newly_built", "是否新增", YES_NO),
      Field.required("demolished_on", "拆除日期", DATE),
      Field.oneOf("after_use", "腾退后用途", false, "还绿", "复耕", "留白", "公共服务", "停车", "待定"),
      Field.oneOf("verification", "核验状态", false, "已核验", "未核验", "存疑"),
      Field.required("updated_at", "更新时间", DATETIME)),
  POPULATION(
      "常住人口统计",
      Field.required("township", "乡镇街道", TOWNSHIP),
      Field.required("year", "年份", YEAR),
      Field.required("resident_population", "常住人口", COUNT),
      Field.of("hukou_population", "户籍人口", COUNT),
      Field.of("nonlocal_population", "常住外来人口", COUNT),
      Field.oneOf("basis", "口径", false, "抽样推算", "普查")),
  TARGETS(
      "任务目标台账",
      Field.oneOf("task", "任务编号", true, Tasks.CODES),
      Field.required("metric", "指标", TEXT),
      Field.required("township", "乡镇街道", TOWNSHIP),
      Field.years("year", "年度", 2017, 2020),
      Field.of("cumulative", "累计", YES_NO),
      Field.required("target_value", "目标值", NUMBER),
      Field.of("unit", "单位", TEXT),
      Field.oneOf("direction", "方向", false, "不少于", "不多于")),
  PROGRESS(
      "专项任务进展台账",
      Field.oneOf("task", "任务编号", true, Tasks.CODES),
      Field.required("metric", "指标", TEXT),
      Field.required("township", "乡镇街道", TOWNSHIP),
      Field.required("month", "月份", MONTH),
      Field.required("completed", "本月完成", NUMBER),
      Field.of("unit", "单位", TEXT));

  // In a holder class: enum constants are built before the enum's own static fields.
  private static final class Tasks {
    static final String[] CODES = {"T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "P"};
  }

  private final String title;
  private final List<Field> fields;

  Ledger(String title, Field... fields) {
    this.title = title;
    this.fields = List.of(fields);
  }

  /** The landing folder and bronze table name: {@code rental}, {@code license}, … */
  String folder() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The ledger's Chinese title, as the departments call it. */
  String title() {
    return title;
  }

  /** Columns in contract order. */
  List<Field> fields() {
    return fields;
  }

  static Ledger ofFolder(String folder) {
    return valueOf(folder.toUpperCase(Locale.ROOT));
  }
}
