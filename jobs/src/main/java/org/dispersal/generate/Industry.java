package org.dispersal.generate;

/**
 * Industries of the generated entities (GB/T 4754-2017 codes) with the words their names use and
 * the sector that decides a demolished structure's type and original use.
 */
enum Industry {
  PLASTICS("C2927", "塑料制品", "塑料制品厂", "塑料加工", Sector.MANUFACTURING),
  METAL("C3311", "金属结构", "金属加工厂", "金属加工", Sector.MANUFACTURING),
  FURNITURE("C2110", "家具", "家具厂", "家具加工", Sector.MANUFACTURING),
  CARTON("C2231", "包装制品", "纸箱厂", "纸箱加工", Sector.MANUFACTURING),
  CONCRETE("C3021", "水泥制品", "水泥制品厂", "水泥预制", Sector.MANUFACTURING),
  PRINTING("C2319", "印刷", "印刷厂", "印刷", Sector.MANUFACTURING),
  PLATING("C3360", "金属表面处理", "表面处理厂", "喷涂", Sector.MANUFACTURING),
  GARMENT("C1810", "服装", "服装加工厂", "服装加工", Sector.MANUFACTURING),
  WAREHOUSE("G5920", "仓储", "仓储服务部", "仓储", Sector.LOGISTICS),
  FREIGHT("G5431", "物流", "物流服务部", "货运", Sector.LOGISTICS),
  RECYCLING("F5191", "再生资源回收", "废品回收站", "废品回收", Sector.TRADE),
  PRODUCE("F5123", "果蔬", "果蔬批发部", "果蔬批发", Sector.TRADE),
  BUILDING_MATERIALS("F5165", "建材", "建材经营部", "建材销售", Sector.TRADE),
  SUPERMARKET("F5212", "商贸", "超市", "便民超市", Sector.TRADE),
  CONVENIENCE("F5213", "便利店", "便利店", "小卖部", Sector.TRADE),
  RESTAURANT("H6210", "餐饮管理", "饭馆", "餐饮", Sector.TRADE),
  SNACK("H6291", "餐饮", "小吃店", "小吃", Sector.TRADE),
  CAR_REPAIR("O8111", "汽车维修", "汽车修理部", "汽修", Sector.TRADE),
  MARKET("L7223", "市场管理", "市场管理服务部", "市场", Sector.TRADE),
  SOFTWARE("I6513", "科技", "科技服务部", "", Sector.OFFICE),
  CONSULTING("L7243", "咨询", "咨询服务部", "", Sector.OFFICE),
  REALTY_AGENT("K7030", "房地产经纪", "房屋中介", "", Sector.OFFICE);

  /** What a sector's premises are used for, as the demolition ledger records it. */
  enum Sector {
    MANUFACTURING("厂房", "生产经营"),
    LOGISTICS("仓储", "仓储物流"),
    TRADE("商业", "商业经营"),
    OFFICE("商业", "商业经营");

    final String structureType;
    final String originalUse;

    Sector(String structureType, String originalUse) {
      this.structureType = structureType;
      this.originalUse = originalUse;
    }
  }

  final String code;
  final String companyWord;
  final String shopWord;
  final String streetWord;
  final Sector sector;

  Industry(String code, String companyWord, String shopWord, String streetWord, Sector sector) {
    this.code = code;
    this.companyWord = companyWord;
    this.shopWord = shopWord;
    this.streetWord = streetWord;
    this.sector = sector;
  }

  static final Industry[] WORKSHOP_INDUSTRIES = {
    PLASTICS,
    METAL,
    FURNITURE,
    CARTON,
    CONCRETE,
    PRINTING,
    PLATING,
    GARMENT,
    WAREHOUSE,
    FREIGHT,
    RECYCLING,
    PRODUCE,
    BUILDING_MATERIALS,
    CAR_REPAIR
  };
  static final Industry[] SHOP_INDUSTRIES = {
    SUPERMARKET, CONVENIENCE, RESTAURANT, SNACK, CAR_REPAIR
  };
  static final Industry[] OFFICE_INDUSTRIES = {
    SOFTWARE, CONSULTING, REALTY_AGENT, SUPERMARKET, RESTAURANT, BUILDING_MATERIALS, FREIGHT
  };
  static final Industry[] STREET_INDUSTRIES = {SNACK, PRODUCE, RECYCLING, CONVENIENCE};
}
