package org.dispersal.generate;

/**
 * The kinds of vacated space whose occupants leave, and where each shows in the ledgers (see
 * docs/generator.md): the estimate recovers persons displaced per 10,000 m² of each.
 */
enum VacatedKind {
  /** Demolition with 原用途 居住出租. */
  RESIDENTIAL_DEMOLITION("residential_demolition"),
  /** Demolition with 原用途 生产经营, 仓储物流 or 商业经营: employees living on site. */
  BUSINESS_DEMOLITION("business_demolition"),
  /** Demolition with 原用途 闲置 or 其他: nobody lives there. */
  OTHER_DEMOLITION("other_demolition"),
  /** Rental registration cancelled with 注销原因 群租清理 (area = 出租面积). */
  GROUP_RENTAL_CLEARANCE("group_rental_clearance"),
  /** Rental registration cancelled with 注销原因 地下空间清理 (area = 出租面积). */
  BASEMENT_CLEARANCE("basement_clearance"),
  /**
   * A polluting business, manufacturer or market closed or relocated (关停取缔, 疏解迁出) on premises that
   * were not demolished (area = 经营面积).
   */
  BUSINESS_CLOSURE("business_closure");

  final String id;

  VacatedKind(String id) {
    this.id = id;
  }
}
