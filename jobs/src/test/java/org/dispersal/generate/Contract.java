package org.dispersal.generate;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The input contract as written in ../shared/contracts/ledgers.md, transcribed independently of the
 * generator's own column constants: headers in both spellings, date forms.
 */
final class Contract {
  static final Map<String, List<String>> CHINESE =
      Map.of(
          "rental",
          List.of(
              "登记编号", "乡镇街道", "社区村", "房屋地址", "房屋类型", "出租面积", "承租人数", "是否群租", "出租人姓名", "出租人证件号",
              "联系电话", "登记日期", "注销日期", "注销原因", "更新时间"),
          "license",
          List.of(
              "统一社会信用代码",
              "主体名称",
              "主体类型",
              "行业代码",
              "乡镇街道",
              "经营地址",
              "登记状态",
              "成立日期",
              "状态变更日期",
              "从业人数",
              "经营面积",
              "整治类别",
              "整治措施",
              "整治日期",
              "法定代表人证件号",
              "更新时间"),
          "demolition",
          List.of(
              "台账编号", "乡镇街道", "村社区", "位置", "违建类型", "原用途", "拆除面积", "占地面积", "涉及人口", "是否新增", "拆除日期",
              "腾退后用途", "核验状态", "更新时间"),
          "population",
          List.of("乡镇街道", "年份", "常住人口", "户籍人口", "常住外来人口", "口径"),
          "targets",
          List.of("任务编号", "指标", "乡镇街道", "年度", "累计", "目标值", "单位", "方向"),
          "progress",
          List.of("任务编号", "指标", "乡镇街道", "月份", "本月完成", "单位"));

  static final Map<String, List<String>> ENGLISH =
      Map.of(
          "rental",
          List.of(
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
              "updated_at"),
          "license",
          List.of(
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
              "updated_at"),
          "demolition",
          List.of(
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
              "updated_at"),
          "population",
          List.of(
              "township",
              "year",
              "resident_population",
              "hukou_population",
              "nonlocal_population",
              "basis"),
          "targets",
          List.of(
              "task",
              "metric",
              "township",
              "year",
              "cumulative",
              "target_value",
              "unit",
              "direction"),
          "progress",
          List.of("task", "metric", "township", "month", "completed", "unit"));

  static final Map<String, List<String>> ENUMS =
      Map.ofEntries(
          Map.entry("房屋类型", List.of("楼房", "平房", "地下室", "集体宿舍", "违法建设")),
          Map.entry("是否群租", List.of("是", "否")),
          Map.entry("注销原因", List.of("到期", "拆除", "群租清理", "地下空间清理", "整治", "其他")),
          Map.entry("主体类型", List.of("企业", "个体工商户", "无照经营户")),
          Map.entry("登记状态", List.of("存续", "吊销", "注销", "迁出")),
          Map.entry("整治类别", List.of("散乱污", "一般制造业", "区域性专业市场", "无证无照", "开墙打洞", "占道经营")),
          Map.entry("整治措施", List.of("关停取缔", "疏解迁出", "整改提升")),
          Map.entry("违建类型", List.of("住宅", "厂房", "仓储", "商业", "其他")),
          Map.entry("原用途", List.of("居住出租", "生产经营", "仓储物流", "商业经营", "闲置", "其他")),
          Map.entry("是否新增", List.of("是", "否")),
          Map.entry("腾退后用途", List.of("还绿", "复耕", "留白", "公共服务", "停车", "待定")),
          Map.entry("核验状态", List.of("已核验", "未核验", "存疑")),
          Map.entry("口径", List.of("抽样推算", "普查")),
          Map.entry("累计", List.of("是", "否")),
          Map.entry("方向", List.of("不少于", "不多于")),
          Map.entry("任务编号", List.of("T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "P")));

  private static final Pattern DATE =
      Pattern.compile(
          "(\\d{4})(?:-(\\d{2})-(\\d{2})|/(\\d{1,2})/(\\d{1,2})|年(\\d{1,2})月(\\d{1,2})日)"
              + "(?: (\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?");

  private Contract() {}

  /** Parses a date or datetime in one of the contract's forms; null if it is none of them. */
  static LocalDateTime dateTime(String text) {
    Matcher m = DATE.matcher(text);
    if (!m.matches()) {
      return null;
    }
    int year = Integer.parseInt(m.group(1));
    int month = Integer.parseInt(first(m, 2, 4, 6));
    int day = Integer.parseInt(first(m, 3, 5, 7));
    int hour = m.group(8) == null ? 0 : Integer.parseInt(m.group(8));
    int minute = m.group(9) == null ? 0 : Integer.parseInt(m.group(9));
    int second = m.group(10) == null ? 0 : Integer.parseInt(m.group(10));
    return LocalDateTime.of(year, month, day, hour, minute, second);
  }

  static LocalDate date(String text) {
    LocalDateTime t = dateTime(text);
    return t == null ? null : t.toLocalDate();
  }

  private static String first(Matcher m, int... groups) {
    for (int g : groups) {
      if (m.group(g) != null) {
        return m.group(g);
      }
    }
    throw new IllegalStateException();
  }
}
