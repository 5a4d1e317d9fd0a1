package org.dispersal.generate;

import java.time.LocalDate;
import java.time.LocalDateTime;

/** Builds demolition rows: one per demolished structure, as the township enters it. */
final class DemolitionRows {
  private static final String[] AFTER_USES = {"还绿", "复耕", "留白", "公共服务", "停车", "待定"};
  private static final double[] AFTER_USE_SHARES = {0.35, 0.20, 0.15, 0.05, 0.05, 0.20};
  static final String UNVERIFIED = "未核验";

  private DemolitionRows() {}

  static String key(Town t, LocalDate day, int serial) {
    return "CW" + t.code + day.getYear() + Text.pad(serial, 5);
  }

  /** 违建类型 and 原用途 of a site, from what it was used for. */
  static String[] uses(Town t, int site, long hash) {
    byte kind = t.sites.kind[site];
    if (kind == Sites.ILLEGAL_HOME) {
      return new String[] {"住宅", t.sites.occupants[site] > 0 ? "居住出租" : "闲置"};
    }
    if (kind == Sites.WORKSHOP) {
      Industry.Sector sector = t.entities.industryOf(t.sites.entity[site]).sector;
      return new String[] {sector.structureType, sector.originalUse};
    }
    return new String[] {"其他", Rng.unit(hash) < 0.7 ? "闲置" : "其他"};
  }

  static VacatedKind vacatedKind(String originalUse) {
    return switch (originalUse) {
      case "居住出租" -> VacatedKind.RESIDENTIAL_DEMOLITION;
      case "生产经营", "仓储物流", "商业经营" -> VacatedKind.BUSINESS_DEMOLITION;
      default -> VacatedKind.OTHER_DEMOLITION;
    };
  }

  static Row row(
      DistrictRun ctx,
      Town t,
      int site,
      String key,
      LocalDate day,
      Integer reportedResidents,
      LocalDateTime at) {
    Sites s = t.sites;
    long h = Rng.hash(ctx.seed, "demolition", key);
    Row row = new Row(Ledger.DEMOLITION, key, t.code, new Object[Ledger.DEMOLITION.width()]);
    row.set(Columns.RECORD_ID, key);
    TownshipSpeller.Form form =
        Rng.unit(h) < 0.6 ? TownshipSpeller.Form.SHORT : TownshipSpeller.Form.FULL;
    row.set(Columns.TOWNSHIP, ctx.speller.spell(t.code, form));
    int space = s.space(site);
    row.set(Columns.VILLAGE, t.addresses.community(space, s.address[site]));
    row.set(
        Columns.LOCATION,
        t.addresses.variant(
            t.addresses.address(space, s.address[site]), Rng.hash(ctx.seed, "addr", key)));
    String[] uses = uses(t, site, h >>> 3);
    row.set(Columns.STRUCTURE_TYPE, uses[0]);
    row.set(Columns.ORIGINAL_USE, uses[1]);
    double area = TownSetup.round2(s.area[site]);
    row.set(Columns.DEMOLISHED_AREA, area);
    double u = Rng.unit(h >>> 11);
    Double land = u < 0.1 ? null : u < 0.4 ? TownSetup.round2(area / 2) : area;
    row.set(Columns.LAND_AREA, land);
    row.set(Columns.RESIDENTS_AFFECTED, reportedResidents);
    row.set(Columns.NEWLY_BUILT, s.has(site, Sites.NEW_BUILD) ? Columns.YES : Columns.NO);
    row.set(Columns.DEMOLISHED_ON, day);
    Rng r = Rng.derive(ctx.seed, "after-use", key);
    row.set(Columns.AFTER_USE, AFTER_USES[r.weighted(AFTER_USE_SHARES)]);
    row.set(Columns.VERIFICATION, UNVERIFIED);
    row.set(Columns.UPDATED_AT, at);
    return row;
  }
}
