package org.dispersal.generate;

/**
 * What townships report monthly in the progress ledger, per task: those backed by a record ledger
 * equal that ledger's truth (unless inflated); the others are reported figures only.
 */
enum Metric {
  T1_AREA("T1", "拆除面积", "平方米", true),
  T1_NEW("T1", "新增违建宗数", "宗", true),
  T2_UNLICENSED("T2", "无证无照经营", "户", true),
  T2_WALL("T2", "开墙打洞", "处", true),
  T2_STREET("T2", "占道经营", "处", true),
  T3_VILLAGES("T3", "城乡结合部整治村", "个", false),
  T4_POLLUTING("T4", "散乱污企业", "家", true),
  T4_MANUFACTURING("T4", "一般制造业企业", "家", true),
  T5_MARKETS("T5", "区域性专业市场", "个", true),
  T6_FUNCTIONS("T6", "疏解公共服务项目", "个", false),
  T7_GROUP("T7", "群租房", "户", true),
  T7_BASEMENT("T7", "地下空间", "处", true),
  T8_SHANTY("T8", "棚户区改造", "户", false),
  T9_TRAFFIC("T9", "交通秩序整治点位", "处", false);

  final String task;
  final String metric;
  final String unit;
  final boolean ledgerBacked;

  Metric(String task, String metric, String unit, boolean ledgerBacked) {
    this.task = task;
    this.metric = metric;
    this.unit = unit;
    this.ledgerBacked = ledgerBacked;
  }

  /** The metric counting rectifications of an entity category. */
  static Metric of(byte category) {
    return switch (category) {
      case Entities.POLLUTING -> T4_POLLUTING;
      case Entities.MANUFACTURING -> T4_MANUFACTURING;
      case Entities.MARKET -> T5_MARKETS;
      case Entities.NO_LICENCE -> T2_UNLICENSED;
      case Entities.WALL_OPENING -> T2_WALL;
      case Entities.STREET -> T2_STREET;
      default -> throw new IllegalArgumentException("category " + category);
    };
  }
}
