package org.dispersal.generate;

import java.io.IOException;
import java.time.LocalDate;

/**
 * The month's rectifications of market entities, as far as the yearly quotas ask: polluting
 * businesses and general manufacturers on legal premises (closed or relocated: their on-site
 * residents leave), wholesale markets, unlicensed businesses, wall openings and street trading.
 */
final class Rectifications {
  private final DistrictRun ctx;
  private final EntityProcess entities;

  Rectifications(DistrictRun ctx, EntityProcess entities) {
    this.ctx = ctx;
    this.entities = entities;
  }

  void month(Town t, int m) throws IOException {
    Rng r = t.rng;
    Quotas q = t.quotas;
    for (int n = q.dueCount(Quotas.Work.POLLUTING_CLOSURES, m); n > 0; n--) {
      int site = pickWorkshop(t, false);
      if (site < 0) {
        break;
      }
      byte action = r.chance(0.8) ? Entities.CLOSE : Entities.UPGRADE;
      workshop(t, site, Entities.POLLUTING, action, m);
      q.done(Quotas.Work.POLLUTING_CLOSURES, 1);
    }
    for (int n = q.dueCount(Quotas.Work.MANUFACTURING_CLOSURES, m); n > 0; n--) {
      int site = pickWorkshop(t, true);
      if (site < 0) {
        break;
      }
      byte action = r.chance(0.7) ? Entities.RELOCATE : Entities.CLOSE;
      workshop(t, site, Entities.MANUFACTURING, action, m);
      q.done(Quotas.Work.MANUFACTURING_CLOSURES, 1);
    }
    for (int n = q.dueCount(Quotas.Work.MARKETS, m); n > 0 && !t.markets.isEmpty(); n--) {
      market(t, t.markets.removeRandom(r), m);
      q.done(Quotas.Work.MARKETS, 1);
    }
    for (int n = q.dueCount(Quotas.Work.UNLICENSED, m); n > 0; n--) {
      found(t, m, Entities.UNLICENSED_FOUND, Entities.NO_LICENCE, r.chance(0.75));
      q.done(Quotas.Work.UNLICENSED, 1);
    }
    for (int n = q.dueCount(Quotas.Work.WALL_OPENINGS, m); n > 0 && !t.wallShops.isEmpty(); n--) {
      int e = t.wallShops.removeRandom(r);
      if (t.entities.active(e)) {
        byte action = r.chance(0.8) ? Entities.UPGRADE : Entities.CLOSE;
        entities.rectify(t, e, Entities.WALL_OPENING, action, ctx.clock.day(r, m));
      }
      q.done(Quotas.Work.WALL_OPENINGS, 1);
    }
    for (int n = q.dueCount(Quotas.Work.STREET_TRADING, m); n > 0; n--) {
      street(t, m);
      q.done(Quotas.Work.STREET_TRADING, 1);
    }
  }

  // A legal manufacturing workshop still in business; large ones for general manufacturing.
  private int pickWorkshop(Town t, boolean large) {
    IntList pool = t.legalWorkshops;
    for (int attempt = 0; attempt < 40 && !pool.isEmpty(); attempt++) {
      int i = t.rng.between(0, pool.size() - 1);
      int site = pool.get(i);
      int e = t.sites.entity[site];
      if (t.sites.has(site, Sites.GONE) || !t.entities.active(e)) {
        pool.removeAt(i);
        continue;
      }
      boolean manufacturing = t.entities.industryOf(e).sector == Industry.Sector.MANUFACTURING;
      if (manufacturing && (!large || t.entities.employees[e] >= 15)) {
        pool.removeAt(i);
        return site;
      }
    }
    return -1;
  }

  private void workshop(Town t, int site, byte category, byte action, int m) throws IOException {
    int e = t.sites.entity[site];
    LocalDate day = ctx.clock.day(t.rng, m);
    entities.rectify(t, e, category, action, day);
    if (action == Entities.UPGRADE) {
      return;
    }
    ctx.vacate(t, site, m, VacatedKind.BUSINESS_CLOSURE, TownSetup.round2(t.entities.area[e]));
    ctx.rentals.deregisterIfAny(t, site, m, day, RentalRows.RECTIFIED);
    ctx.cleared(
        t, site, m, VacatedKind.BUSINESS_CLOSURE, Ledger.LICENSE, LicenseRows.key(ctx, t, e), day);
  }

  private void market(Town t, int site, int m) throws IOException {
    int op = t.sites.entity[site];
    LocalDate day = ctx.clock.day(t.rng, m);
    boolean relocate = t.rng.chance(0.6);
    entities.rectify(t, op, Entities.MARKET, relocate ? Entities.RELOCATE : Entities.UPGRADE, day);
    if (!relocate) {
      return;
    }
    for (int e = op + 1; e < t.entities.size && t.entities.site[e] == site; e++) {
      if (t.entities.role[e] == Entities.STALL && t.entities.active(e)) {
        entities.setStatus(t, e, Entities.CANCELLED, day);
      }
    }
    ctx.vacate(t, site, m, VacatedKind.BUSINESS_CLOSURE, TownSetup.round2(t.entities.area[op]));
    ctx.rentals.deregisterIfAny(t, site, m, day, RentalRows.RECTIFIED);
  }

  /** An unlicensed business or street trader found on inspection, entered as it is dealt with. */
  private void found(Town t, int m, byte role, byte category, boolean close) throws IOException {
    Rng r = t.rng;
    boolean shed = t.area != Area.CORE && r.chance(0.4);
    int space = shed ? AddressBook.PLOTS : AddressBook.FRONTAGE;
    Industry ind = r.pick(Industry.STREET_INDUSTRIES);
    LocalDate day = ctx.clock.day(r, m);
    int e =
        t.entities.add(
            Entities.UNLICENSED,
            ind,
            role,
            -1,
            space,
            t.addresses.next(space),
            Months.epochDay(day));
    t.entities.employees[e] = (short) r.between(1, 4);
    t.entities.area[e] = (float) TownSetup.round2(r.uniform(6, 60));
    entities.rectify(t, e, category, close ? Entities.CLOSE : Entities.UPGRADE, day);
  }

  private void street(Town t, int m) throws IOException {
    Rng r = t.rng;
    if (r.chance(0.5)) {
      for (int attempt = 0; attempt < 10 && !t.shops.isEmpty(); attempt++) {
        int e = t.shops.removeRandom(r);
        if (t.entities.active(e)) {
          entities.rectify(t, e, Entities.STREET, Entities.UPGRADE, ctx.clock.day(r, m));
          return;
        }
      }
    }
    found(t, m, Entities.VENDOR, Entities.STREET, true);
  }
}
