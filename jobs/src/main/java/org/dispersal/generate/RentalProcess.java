package org.dispersal.generate;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Rental registrations month by month: dwellings get registered as enforcement tightens (coverage
 * rises), leases end and are cancelled, clearances of group rentals and basements cancel them (T7),
 * and the month's residents are counted per component.
 */
final class RentalProcess {
  private final DistrictRun ctx;

  RentalProcess(DistrictRun ctx) {
    this.ctx = ctx;
  }

  static boolean dwelling(byte kind) {
    return kind <= Sites.WORKSHOP;
  }

  /** Registrations in force at the start of 2015: the first delivery exports them. */
  void stock(Town t) throws IOException {
    Sites s = t.sites;
    Rng r = t.rng;
    double coverage = Model.coverage(0);
    for (int site = 0; site < s.size; site++) {
      if (dwelling(s.kind[site])
          && s.occupants[site] > 0
          && eligible(s, site, coverage)
          && r.chance(0.8)) {
        int lease = lease(r);
        int start = -r.between(0, lease - 1);
        LocalDate day = Months.day(start, r.between(1, 28));
        register(t, site, day, lease);
      }
    }
  }

  private static boolean eligible(Sites s, int site, double coverage) {
    double u = s.propensity[site] * (s.kind[site] == Sites.WORKSHOP ? 1.3 : 1.0);
    return u < coverage;
  }

  private static int lease(Rng r) {
    return Model.LEASES[r.weighted(Model.LEASE_SHARES)];
  }

  /** Lease ends, new registrations, and the month-end count of residents and registered tenants. */
  void scan(Town t, int m) throws IOException {
    Sites s = t.sites;
    Rng r = t.rng;
    double coverage = Model.coverage(m);
    double[] components = new double[PopulationModel.SITE_COMPONENTS.length];
    long registered = 0;
    for (int site = 0; site < s.size; site++) {
      byte kind = s.kind[site];
      if (!dwelling(kind) || s.has(site, Sites.GONE)) {
        continue;
      }
      components[component(s, site)] += s.occupants[site];
      if (s.registered(site)) {
        if (s.regEnd[site] <= m) {
          deregister(t, site, m, ctx.clock.day(r, m), RentalRows.EXPIRED);
        } else {
          registered += s.regTenants[site];
        }
      } else if (s.occupants[site] > 0
          && eligible(s, site, coverage)
          && r.chance(Model.REGISTRATION_HAZARD)) {
        register(t, site, ctx.clock.day(r, m), lease(r));
        registered += s.regTenants[site];
      }
    }
    ctx.population.siteScan(t.index, m, components, registered);
  }

  static int component(Sites s, int site) {
    return switch (s.kind[site]) {
      case Sites.APARTMENT, Sites.BUNGALOW -> s.has(site, Sites.GROUP) ? 1 : 0;
      case Sites.BASEMENT -> 2;
      case Sites.ILLEGAL_HOME -> 3;
      default -> 4;
    };
  }

  void register(Town t, int site, LocalDate day, int lease) throws IOException {
    Sites s = t.sites;
    Rng r = t.rng;
    s.regSerial[site] = ++t.registrationSerial;
    s.regDay[site] = Months.epochDay(day);
    s.regEnd[site] = (short) (Months.index(day) + lease);
    s.regTenants[site] = (short) reported(s, site, r);
    LocalDateTime at = ctx.clock.entry(r, day, 0);
    s.regUpdated[site] = Months.minutes(at);
    ctx.rental.emit(RentalRows.row(ctx, t, site, null, null, at));
    ctx.sited(t, site, Ledger.RENTAL, RentalRows.key(t, site), day);
  }

  // Landlords under-declare group rentals and basements; other dwellings mostly in full.
  private static int reported(Sites s, int site, Rng r) {
    int occ = s.occupants[site];
    if (s.has(site, Sites.GROUP)) {
      return Math.max(1, (int) Math.round(occ * r.uniform(0.3, 0.6)));
    }
    if (s.kind[site] == Sites.BASEMENT) {
      return Math.max(1, (int) Math.round(occ * r.uniform(0.6, 1.0)));
    }
    return r.chance(0.1) ? Math.max(1, occ - 1) : occ;
  }

  /** Cancels the current registration (not before the day it was made). */
  void deregister(Town t, int site, int m, LocalDate day, String reason) throws IOException {
    Sites s = t.sites;
    LocalDate registered = Months.fromEpochDay(s.regDay[site]);
    LocalDate d = day.isBefore(registered) ? registered : day;
    LocalDateTime at =
        ctx.clock.entry(t.rng, d, Clock.dayAfter(Months.fromMinutes(s.regUpdated[site])));
    ctx.rental.emit(RentalRows.row(ctx, t, site, d, reason, at));
    s.regSerial[site] = -1;
  }

  void deregisterIfAny(Town t, int site, int m, LocalDate day, String reason) throws IOException {
    if (t.sites.registered(site)) {
      deregister(t, site, m, day, reason);
    }
  }

  /** Clears group rentals or basement dwellings as the quota asks (T7). */
  void clearances(Town t, int m, boolean basements) throws IOException {
    Quotas.Work work = basements ? Quotas.Work.BASEMENTS : Quotas.Work.GROUP_RENTALS;
    IntList pool = basements ? t.basements : t.groupRentals;
    String reason = basements ? RentalRows.BASEMENT_CLEARED : RentalRows.GROUP_CLEARED;
    VacatedKind kind =
        basements ? VacatedKind.BASEMENT_CLEARANCE : VacatedKind.GROUP_RENTAL_CLEARANCE;
    for (int due = t.quotas.dueCount(work, m); due > 0 && !pool.isEmpty(); ) {
      int site = pool.removeRandom(t.rng);
      Sites s = t.sites;
      if (s.has(site, Sites.GONE) || s.occupants[site] == 0) {
        continue;
      }
      LocalDate day = ctx.clock.day(t.rng, m);
      String key;
      if (s.registered(site)) {
        key = RentalRows.key(t, site);
        deregister(t, site, m, day, reason);
      } else {
        // Found on inspection: registered and cancelled in one entry, with the tenants counted.
        s.regSerial[site] = ++t.registrationSerial;
        s.regDay[site] = Months.epochDay(day);
        s.regTenants[site] = s.occupants[site];
        key = RentalRows.key(t, site);
        LocalDateTime at = ctx.clock.entry(t.rng, day, 0);
        ctx.rental.emit(RentalRows.row(ctx, t, site, day, reason, at));
        ctx.sited(t, site, Ledger.RENTAL, key, day);
        s.regSerial[site] = -1;
      }
      ctx.vacate(t, site, m, kind, RentalRows.area(t, site));
      t.count(basements ? Metric.T7_BASEMENT : Metric.T7_GROUP, 1);
      ctx.cleared(t, site, m, kind, Ledger.RENTAL, key, day);
      t.quotas.done(work, 1);
      due--;
    }
  }
}
