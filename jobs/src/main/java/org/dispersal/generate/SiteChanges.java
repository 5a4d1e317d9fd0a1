package org.dispersal.generate;

import java.io.IOException;
import java.time.LocalDate;

/**
 * Premises that appear without the action: new let dwellings (fast before 2017, slow after, steady
 * in the new towns), and cleared sites occupied again (rebound).
 */
final class SiteChanges {
  private final DistrictRun ctx;

  SiteChanges(DistrictRun ctx) {
    this.ctx = ctx;
  }

  void month(Town t, int m) throws IOException {
    IntList due = t.reoccupations.remove(m);
    if (due != null) {
      for (int i = 0; i < due.size(); i++) {
        reoccupy(t, due.get(i), m);
      }
    }
    births(t, m);
  }

  private void births(Town t, int m) {
    Rng r = t.rng;
    boolean baseline = m < Months.ACTION_START;
    double flats = t.area == Area.NEW_TOWN ? 0.004 : baseline ? 0.002 : 0.001;
    add(t, r, Sites.APARTMENT, false, r.poisson(t.dwellingStock[Sites.APARTMENT] * flats), m);
    add(
        t,
        r,
        Sites.BUNGALOW,
        false,
        r.poisson(t.dwellingStock[Sites.BUNGALOW] * (baseline ? 0.002 : 0.0003)),
        m);
    add(t, r, Sites.BUNGALOW, true, r.poisson(t.groupStock * (baseline ? 0.002 : 0.0005)), m);
    if (baseline) {
      add(t, r, Sites.BASEMENT, false, r.poisson(t.dwellingStock[Sites.BASEMENT] * 0.002), m);
      int homes = r.poisson(t.dwellingStock[Sites.ILLEGAL_HOME] * 0.0025);
      for (int i = 0; i < homes; i++) {
        TownSetup.addHome(t, r, m);
      }
    }
  }

  private static void add(Town t, Rng r, byte kind, boolean group, int n, int m) {
    for (int i = 0; i < n; i++) {
      int site = TownSetup.addDwelling(t, r, kind, group, m);
      if (group) {
        t.groupRentals.add(site);
      } else if (kind == Sites.BASEMENT) {
        t.basements.add(site);
      }
    }
  }

  /** A cleared site filled again: rebuilt, re-let or re-registered as a business. */
  private void reoccupy(Town t, int site, int m) throws IOException {
    Sites s = t.sites;
    Rng r = t.rng;
    LocalDate day = ctx.clock.day(r, m);
    s.set(site, Sites.GONE, false);
    String[] watch = t.reboundWatch.get(site);
    if (watch != null) {
      watch[7] = day.toString();
    }
    byte kind = s.kind[site];
    if (kind == Sites.ILLEGAL_HOME || kind == Sites.WORKSHOP && s.has(site, Sites.ILLEGAL)) {
      // Rebuilt where it was demolished: new illegal construction, found within months.
      s.set(site, Sites.NEW_BUILD, true);
      setKind(watch, "new_structure");
      Town.schedule(t.newDemolitions, m + r.between(2, 8), site);
      if (kind == Sites.WORKSHOP) {
        newBusiness(t, site, day);
      }
    } else if (kind == Sites.WORKSHOP) {
      setKind(watch, "new_entity");
      newBusiness(t, site, day);
      t.legalWorkshops.add(site);
    } else {
      setKind(watch, "new_registration");
      (kind == Sites.BASEMENT ? t.basements : t.groupRentals).add(site);
    }
  }

  private static void setKind(String[] watch, String kind) {
    if (watch != null) {
      watch[8] = kind;
    }
  }

  private void newBusiness(Town t, int site, LocalDate day) throws IOException {
    Rng r = t.rng;
    Industry ind = r.pick(Industry.WORKSHOP_INDUSTRIES);
    int space = t.sites.space(site);
    int e =
        t.entities.add(
            Entities.INDIVIDUAL,
            ind,
            Entities.WORKSHOP,
            site,
            space,
            t.sites.address[site],
            Months.epochDay(day));
    t.entities.employees[e] = (short) Math.max(1, t.sites.occupants[site] * 2 + r.between(0, 3));
    t.entities.area[e] = t.sites.area[site];
    t.sites.entity[site] = e;
    ctx.entities.emit(t, e, ctx.clock.entry(r, day, 0));
  }
}
