package org.dispersal.generate;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Demolitions month by month: the township works through its illegal structures until the month's
 * share of the yearly area plan is done; new illegal structures (是否新增) are found and demolished
 * within months. Tenants' registrations are cancelled, businesses on the premises closed, and the
 * occupants start leaving.
 */
final class DemolitionProcess {
  /** New illegal structures per month from 2017, as a share of the starting illegal homes. */
  static final double NEW_BUILD_RATE = 0.0008;

  static final double VERIFIED_LATER = 0.7;

  private final DistrictRun ctx;

  DemolitionProcess(DistrictRun ctx) {
    this.ctx = ctx;
  }

  void month(Town t, int m) throws IOException {
    Rng r = t.rng;
    IntList found = t.newDemolitions.remove(m);
    if (found != null) {
      for (int i = 0; i < found.size(); i++) {
        int site = found.get(i);
        if (!t.sites.has(site, Sites.GONE)) {
          demolish(t, site, m);
        }
      }
    }
    double due = t.quotas.due(Quotas.Work.DEMOLITION_AREA, m);
    while (due > 0) {
      IntList pool = pickPool(t);
      if (pool == null) {
        break;
      }
      int site = pool.removeRandom(r);
      if (t.sites.has(site, Sites.GONE)) {
        continue;
      }
      double area = demolish(t, site, m);
      due -= area;
      t.quotas.done(Quotas.Work.DEMOLITION_AREA, area);
    }
    if (m >= Months.ACTION_START) {
      newStructures(t, m);
    }
  }

  // Draw a pool in proportion to the floor area it still holds (mean sizes approximate it).
  private IntList pickPool(Town t) {
    double[] w = {t.homes.size() * 170.0, t.illegalWorkshops.size() * 600.0, t.idle.size() * 280.0};
    if (w[0] + w[1] + w[2] == 0) {
      return null;
    }
    int i = t.rng.weighted(w);
    return i == 0 ? t.homes : i == 1 ? t.illegalWorkshops : t.idle;
  }

  private void newStructures(Town t, int m) throws IOException {
    Rng r = t.rng;
    int n = r.poisson(t.homes.size() * NEW_BUILD_RATE + 0.05);
    for (int i = 0; i < n; i++) {
      double area = TownSetup.round2(r.logNormal(120, 0.6, 20, 1500));
      int occ = r.chance(0.3) ? 0 : r.roundStochastic(area * Model.DENSITY_ILLEGAL_HOME / 10_000);
      int addr = t.addresses.next(AddressBook.PLOTS);
      int site =
          t.sites.add(
              Sites.ILLEGAL_HOME,
              (byte) (Sites.ILLEGAL | Sites.NEW_BUILD),
              area,
              occ,
              m,
              addr,
              (float) r.next());
      Town.schedule(t.newDemolitions, m + r.between(1, 6), site);
    }
  }

  /** Demolishes one structure; returns its floor area. */
  double demolish(Town t, int site, int m) throws IOException {
    Sites s = t.sites;
    Rng r = t.rng;
    LocalDate day = ctx.clock.day(r, m);
    String key = DemolitionRows.key(t, day, ++t.recordSerial);
    Integer reported = reportedResidents(t, site, r);
    if (s.kind[site] == Sites.WORKSHOP) {
      int e = s.entity[site];
      if (t.entities.active(e)) {
        ctx.entities.closeForDemolition(t, e, day);
      }
    }
    ctx.rentals.deregisterIfAny(t, site, m, day, RentalRows.DEMOLISHED);
    LocalDateTime at = ctx.clock.entry(r, day, 0);
    Row row = DemolitionRows.row(ctx, t, site, key, day, reported, at);
    // Read what the truth needs, and copy the later version, before defects touch the row.
    double area = (Double) row.get(Columns.DEMOLISHED_AREA);
    VacatedKind kind = DemolitionRows.vacatedKind((String) row.get(Columns.ORIGINAL_USE));
    Row later = row.copy();
    ctx.demolition.emit(row);
    ctx.sited(t, site, Ledger.DEMOLITION, key, day);
    if (r.chance(VERIFIED_LATER)) {
      verifyLater(later, r, m);
    }
    ctx.vacate(t, site, m, kind, area);
    t.count(Metric.T1_AREA, area);
    if (s.has(site, Sites.NEW_BUILD)) {
      t.count(Metric.T1_NEW, 1);
    }
    if (s.kind[site] != Sites.IDLE) {
      ctx.cleared(t, site, m, kind, Ledger.DEMOLITION, key, day);
    }
    return area;
  }

  // The township's own count: registered tenants if any, else a rough guess, often blank.
  private static Integer reportedResidents(Town t, int site, Rng r) {
    Sites s = t.sites;
    int occ = s.occupants[site];
    if (s.kind[site] == Sites.IDLE) {
      return r.chance(0.5) ? null : 0;
    }
    if (s.registered(site)) {
      return (int) s.regTenants[site];
    }
    if (s.kind[site] == Sites.WORKSHOP) {
      return r.chance(0.4) ? null : 0;
    }
    return r.chance(0.2) ? null : (int) Math.round(occ * r.uniform(0.3, 1.0));
  }

  // The city-district check comes back one to four months later: a second version of the row.
  private void verifyLater(Row row, Rng r, int m) {
    int month = m + r.between(1, 4);
    if (month > ctx.clock.lastMonth) {
      return;
    }
    Row checked = row;
    checked.set(Columns.VERIFICATION, r.chance(0.9) ? "已核验" : "存疑");
    LocalDate day = ctx.clock.day(r, month);
    LocalDateTime at = ctx.clock.entry(r, day, Clock.dayAfter(row.updatedAt()));
    checked.set(Columns.UPDATED_AT, at);
    ctx.demolition.later(Months.index(at.toLocalDate()), checked);
  }
}
