package org.dispersal.generate;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.dispersal.common.CreditCodes;

/**
 * Builds market-entity rows: the entity's full current state, as market supervision exports it
 * after every change. Unlicensed operators carry a case number instead of a credit code.
 */
final class LicenseRows {
  private static final LocalDate NEW_CODES = LocalDate.of(2015, 10, 1);

  private LicenseRows() {}

  /** The true credit code, or the case number of an unlicensed operator. */
  static String trueKey(DistrictRun ctx, Town t, int e) {
    Entities en = t.entities;
    if (en.type[e] == Entities.UNLICENSED) {
      LocalDate found = Months.fromEpochDay(en.established[e]);
      return "WZ" + t.code + found.getYear() + Text.pad(en.serial[e], 5);
    }
    Rng r = Rng.derive(ctx.seed, "credit", t.code, e);
    boolean newStyle = !Months.fromEpochDay(en.established[e]).isBefore(NEW_CODES);
    return FakeData.creditCode(r, ctx.districtCode, en.type[e] == Entities.ENTERPRISE, newStyle);
  }

  /** Whether the entity's code was registered with a wrong check character. */
  static boolean wrongCode(DistrictRun ctx, Town t, int e) {
    return ctx.rate > 0
        && t.entities.type[e] != Entities.UNLICENSED
        && Rng.unit(Rng.hash(ctx.seed, "credit-check", t.code, e)) < ctx.rate;
  }

  /** The key as it appears in the ledger (a wrong code stays wrong in every row). */
  static String key(DistrictRun ctx, Town t, int e) {
    String code = trueKey(ctx, t, e);
    return wrongCode(ctx, t, e)
        ? FakeData.withWrongCheckCharacter(code, Rng.derive(ctx.seed, "credit-spoil", code))
        : code;
  }

  static Row row(DistrictRun ctx, Town t, int e, LocalDateTime at) {
    Entities en = t.entities;
    String key = key(ctx, t, e);
    long h = Rng.hash(ctx.seed, "license", key);
    Row row = new Row(Ledger.LICENSE, key, t.code, new Object[Ledger.LICENSE.width()]);
    if (!key.equals(trueKey(ctx, t, e))) {
      row.flaws.add(
          new Row.Flaw(
              DefectKind.CREDIT_CODE_CHECK.id, Columns.CREDIT_CODE, trueKey(ctx, t, e), ""));
    }
    row.set(Columns.CREDIT_CODE, key);
    row.set(Columns.ENTITY_NAME, EntityNames.name(ctx, t, e));
    row.set(Columns.ENTITY_TYPE, Entities.TYPE_NAMES[en.type[e]]);
    row.set(Columns.INDUSTRY, en.industryOf(e).code);
    TownshipSpeller.Form form =
        Rng.unit(h) < 0.9 ? TownshipSpeller.Form.FULL : TownshipSpeller.Form.SHORT;
    row.set(Columns.TOWNSHIP, ctx.speller.spell(t.code, form));
    String address = t.addresses.address(en.space[e], en.address[e]);
    row.set(
        Columns.BUSINESS_ADDRESS, t.addresses.variant(address, Rng.hash(ctx.seed, "addr", key)));
    row.set(Columns.STATUS, Entities.STATUS_NAMES[en.status[e]]);
    row.set(Columns.ESTABLISHED_ON, Months.fromEpochDay(en.established[e]));
    row.set(Columns.STATUS_CHANGED_ON, day(en.statusDay[e]));
    boolean unlicensed = en.type[e] == Entities.UNLICENSED;
    double u = Rng.unit(h >>> 5);
    row.set(Columns.EMPLOYEES, u < (unlicensed ? 0.5 : 0.05) ? null : (int) en.employees[e]);
    // Ordinary entities sometimes leave the area out; rectified premises always have it.
    boolean areaKnown = en.role[e] != Entities.NORMAL || Rng.unit(h >>> 9) >= 0.1;
    row.set(Columns.FLOOR_AREA, areaKnown ? TownSetup.round2(en.area[e]) : null);
    row.set(Columns.RECT_CATEGORY, Entities.CATEGORY_NAMES[en.category[e]]);
    row.set(Columns.RECT_ACTION, Entities.ACTION_NAMES[en.action[e]]);
    row.set(Columns.RECTIFIED_ON, day(en.rectifiedDay[e]));
    if (!(unlicensed && Rng.unit(h >>> 13) < 0.3)) {
      String id = People.representative(ctx.seed, ctx.districtCode, t, e).id();
      if (People.wrongId(ctx.seed, ctx.rate, key)) {
        row.flaws.add(
            new Row.Flaw(DefectKind.ID_NUMBER_CHECK.id, Columns.REPRESENTATIVE_ID, id, ""));
        id = People.spoilt(ctx.seed, id, key);
      }
      row.set(Columns.REPRESENTATIVE_ID, id);
    }
    row.set(Columns.UPDATED_AT, at);
    return row;
  }

  private static LocalDate day(int epochDay) {
    return epochDay == 0 ? null : Months.fromEpochDay(epochDay);
  }

  /** Whether a value is a valid credit code (used by tests and checks of the output). */
  static boolean valid(String code) {
    return CreditCodes.isValid(code);
  }
}
