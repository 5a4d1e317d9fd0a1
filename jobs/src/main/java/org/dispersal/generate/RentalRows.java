package org.dispersal.generate;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Builds rental-registration rows from a dwelling and its current registration; every version of a
 * registration repeats the same fields, as a system export does, except what changed.
 */
final class RentalRows {
  static final String EXPIRED = "到期";
  static final String DEMOLISHED = "拆除";
  static final String GROUP_CLEARED = "群租清理";
  static final String BASEMENT_CLEARED = "地下空间清理";
  static final String RECTIFIED = "整治";

  private RentalRows() {}

  static String key(Town t, int site) {
    LocalDate day = Months.fromEpochDay(t.sites.regDay[site]);
    return "FW"
        + t.code
        + day.getYear()
        + Text.pad(day.getMonthValue(), 2)
        + Text.pad(t.sites.regSerial[site], 6);
  }

  /** The registered rented area: the dwelling, or the dormitory part of a workshop. */
  static double area(Town t, int site) {
    if (t.sites.kind[site] == Sites.WORKSHOP) {
      return Math.round(t.sites.occupants[site] * 8.0 * 10) / 10.0;
    }
    return Math.round(t.sites.area[site] * 10) / 10.0;
  }

  static Row row(
      DistrictRun ctx, Town t, int site, LocalDate deregistered, String reason, LocalDateTime at) {
    Sites s = t.sites;
    String key = key(t, site);
    int space = s.space(site);
    int addr = s.address[site];
    long h = Rng.hash(ctx.seed, "rental", key);
    People.Person landlord = People.landlord(ctx.seed, ctx.districtCode, t, site);
    Row row = new Row(Ledger.RENTAL, key, t.code, new Object[Ledger.RENTAL.width()]);
    row.set(Columns.REG_ID, key);
    TownshipSpeller.Form form =
        Rng.unit(h) < 0.9 ? TownshipSpeller.Form.FULL : TownshipSpeller.Form.SHORT;
    row.set(Columns.TOWNSHIP, ctx.speller.spell(t.code, form));
    row.set(Columns.COMMUNITY, t.addresses.community(space, addr));
    row.set(
        Columns.HOUSE_ADDRESS,
        t.addresses.variant(t.addresses.address(space, addr), Rng.hash(ctx.seed, "addr", key)));
    row.set(Columns.HOUSING_TYPE, housingType(ctx.seed, t, site));
    row.set(Columns.RENTED_AREA, area(t, site));
    row.set(Columns.TENANTS, (int) s.regTenants[site]);
    boolean declared = s.has(site, Sites.GROUP) && Rng.unit(h >>> 7) < 0.6;
    row.set(Columns.GROUP_RENTAL, declared ? Columns.YES : Columns.NO);
    row.set(Columns.LANDLORD, landlord.name());
    String id = landlord.id();
    if (People.wrongId(ctx.seed, ctx.rate, key)) {
      row.flaws.add(new Row.Flaw(DefectKind.ID_NUMBER_CHECK.id, Columns.LANDLORD_ID, id, ""));
      id = People.spoilt(ctx.seed, id, key);
    }
    row.set(Columns.LANDLORD_ID, id);
    row.set(Columns.PHONE, landlord.phone());
    row.set(Columns.REGISTERED_ON, Months.fromEpochDay(s.regDay[site]));
    row.set(Columns.DEREGISTERED_ON, deregistered);
    row.set(Columns.DEREG_REASON, reason);
    row.set(Columns.UPDATED_AT, at);
    return row;
  }

  private static String housingType(long seed, Town t, int site) {
    return switch (t.sites.kind[site]) {
      case Sites.APARTMENT -> "楼房";
      case Sites.BUNGALOW -> "平房";
      case Sites.BASEMENT -> "地下室";
      case Sites.WORKSHOP -> "集体宿舍";
      // Many clerks register an illegal structure as a plain single-storey house.
      default -> Rng.unit(Rng.hash(seed, "type", t.code, site)) < 0.7 ? "违法建设" : "平房";
    };
  }
}
