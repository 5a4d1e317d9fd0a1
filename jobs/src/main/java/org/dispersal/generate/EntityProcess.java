package org.dispersal.generate;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Market entities month by month: registrations and natural closures, and the action's
 * rectifications (T2, T4, T5) drawn from each township's yearly quotas.
 */
final class EntityProcess {
  /** Monthly chance that an ordinary entity is cancelled or revoked. */
  static final double DEATH_HAZARD = 0.005;

  /** New ordinary entities per month, as a share of the starting stock. */
  static final double BIRTH_RATE = 0.009;

  private final DistrictRun ctx;

  EntityProcess(DistrictRun ctx) {
    this.ctx = ctx;
  }

  /** Adds an ordinary company or shop, and schedules its natural end. */
  static int addNormal(Town t, Rng r, int establishedDay, int fromMonth) {
    boolean company = r.chance(0.55);
    boolean shop = !company && r.chance(0.6);
    int space = shop ? AddressBook.FRONTAGE : AddressBook.OFFICES;
    Industry ind = r.pick(shop ? Industry.SHOP_INDUSTRIES : Industry.OFFICE_INDUSTRIES);
    byte type = company ? Entities.ENTERPRISE : Entities.INDIVIDUAL;
    int e =
        t.entities.add(
            type, ind, Entities.NORMAL, -1, space, t.addresses.next(space), establishedDay);
    t.entities.employees[e] = (short) (company ? r.between(3, 60) : r.between(1, 8));
    t.entities.area[e] =
        (float) TownSetup.round2(company ? r.uniform(40, 800) : r.uniform(10, 120));
    if (shop) {
      t.shops.add(e);
    }
    int life = (int) Math.floor(Math.log(1 - r.next()) / Math.log(1 - DEATH_HAZARD));
    Town.schedule(t.deaths, Math.max(0, fromMonth) + 1 + life, e);
    return e;
  }

  /** The first delivery: every registered entity in business at the start of 2015. */
  void stock(Town t) throws IOException {
    for (int e = 0; e < t.entities.size; e++) {
      if (t.entities.type[e] != Entities.UNLICENSED) {
        LocalDate est = Months.fromEpochDay(t.entities.established[e]);
        emit(t, e, ctx.clock.entry(t.rng, est, 0));
      }
    }
  }

  void month(Town t, int m) throws IOException {
    Rng r = t.rng;
    int births = r.poisson(t.normalStock * BIRTH_RATE);
    for (int i = 0; i < births; i++) {
      LocalDate day = ctx.clock.day(r, m);
      int e = addNormal(t, r, Months.epochDay(day), m);
      emit(t, e, ctx.clock.entry(r, day, 0));
    }
    IntList dying = t.deaths.remove(m);
    if (dying != null) {
      for (int i = 0; i < dying.size(); i++) {
        int e = dying.get(i);
        if (t.entities.active(e)) {
          setStatus(
              t, e, r.chance(0.8) ? Entities.CANCELLED : Entities.REVOKED, ctx.clock.day(r, m));
        }
      }
    }
    new Rectifications(ctx, this).month(t, m);
  }

  /** Changes an entity's status and emits the updated row. */
  void setStatus(Town t, int e, byte status, LocalDate day) throws IOException {
    Entities en = t.entities;
    LocalDate d = later(en, e, day);
    en.status[e] = status;
    en.statusDay[e] = Months.epochDay(d);
    emit(t, e, ctx.clock.entry(t.rng, d, Clock.dayAfter(Months.fromMinutes(en.updated[e]))));
  }

  /** Records a rectification: category, action, the status it leads to; emits the row. */
  void rectify(Town t, int e, byte category, byte action, LocalDate day) throws IOException {
    Entities en = t.entities;
    LocalDate d = later(en, e, day);
    boolean firstSeen = en.type[e] == Entities.UNLICENSED && en.serial[e] == 0;
    if (firstSeen) {
      // An unlicensed operator enters the ledger when found: a case number, found that day.
      en.serial[e] = ++t.caseSerial;
      en.established[e] = Months.epochDay(d);
    }
    en.category[e] = category;
    en.action[e] = action;
    en.rectifiedDay[e] = Months.epochDay(d);
    if (action == Entities.CLOSE) {
      boolean registered = en.type[e] != Entities.UNLICENSED;
      setState(en, e, registered && t.rng.chance(0.5) ? Entities.REVOKED : Entities.CANCELLED, d);
    } else if (action == Entities.RELOCATE) {
      setState(en, e, Entities.MOVED_OUT, d);
    }
    int notBefore = firstSeen ? 0 : Clock.dayAfter(Months.fromMinutes(en.updated[e]));
    emit(t, e, ctx.clock.entry(t.rng, d, notBefore));
    t.count(Metric.of(category), 1);
  }

  /**
   * Closes the business on demolished premises: a polluting business or manufacturer while the
   * month's quota for such closures lasts, else an unlicensed one as such, else plainly.
   */
  void closeForDemolition(Town t, int e, LocalDate day) throws IOException {
    Entities en = t.entities;
    Quotas q = t.quotas;
    int m = Months.index(day);
    boolean manufacturing = en.industryOf(e).sector == Industry.Sector.MANUFACTURING;
    if (manufacturing && q.dueCount(Quotas.Work.POLLUTING_WITH_DEMOLITION, m) > 0) {
      rectify(t, e, Entities.POLLUTING, Entities.CLOSE, day);
      q.done(Quotas.Work.POLLUTING_WITH_DEMOLITION, 1);
    } else if (manufacturing
        && en.employees[e] >= 15
        && q.dueCount(Quotas.Work.MANUFACTURING_WITH_DEMOLITION, m) > 0) {
      rectify(t, e, Entities.MANUFACTURING, Entities.RELOCATE, day);
      q.done(Quotas.Work.MANUFACTURING_WITH_DEMOLITION, 1);
    } else {
      close(t, e, day);
    }
  }

  /** Closes an entity without a category (its premises were demolished). */
  void close(Town t, int e, LocalDate day) throws IOException {
    Entities en = t.entities;
    if (en.type[e] == Entities.UNLICENSED) {
      rectify(t, e, Entities.NO_LICENCE, Entities.CLOSE, day);
    } else {
      setStatus(t, e, t.rng.chance(0.6) ? Entities.CANCELLED : Entities.MOVED_OUT, day);
    }
  }

  private static void setState(Entities en, int e, byte status, LocalDate d) {
    en.status[e] = status;
    en.statusDay[e] = Months.epochDay(d);
  }

  // A change is never dated before the entity's registration.
  private static LocalDate later(Entities en, int e, LocalDate day) {
    LocalDate est = Months.fromEpochDay(en.established[e]);
    return en.serial[e] == 0 && en.type[e] == Entities.UNLICENSED || !day.isBefore(est) ? day : est;
  }

  void emit(Town t, int e, LocalDateTime at) throws IOException {
    boolean first = t.entities.updated[e] == 0;
    t.entities.updated[e] = Months.minutes(at);
    ctx.license.emit(LicenseRows.row(ctx, t, e, at));
    int site = t.entities.site[e];
    if (first && site >= 0 && t.sites.kind[site] == Sites.WORKSHOP) {
      ctx.sited(t, site, Ledger.LICENSE, LicenseRows.key(ctx, t, e), at.toLocalDate());
    }
  }
}
