package org.dispersal.generate;

import java.time.LocalDate;

/**
 * Builds a township's premises and entities as they stand in January 2015, sized from its
 * population, its share of non-local residents and its kind of place ({@link Area}).
 */
final class TownSetup {
  /** Non-local residents grow by about 5% over the two baseline years: start that much lower. */
  private static final double BASELINE_GROWTH = 1.05;

  private final Town t;
  private final Rng r;

  private TownSetup(Town town) {
    this.t = town;
    this.r = town.rng;
  }

  static void build(Town town) {
    new TownSetup(town).run();
  }

  private void run() {
    double nl = t.population2016 * t.nonLocalShare / BASELINE_GROWTH;
    Area a = t.area;
    double bungalowShare = a == Area.CORE ? 0.6 : a == Area.URBAN ? 0.3 : 0.45;
    dwellings(Sites.APARTMENT, nl * a.rented * (1 - bungalowShare), false);
    dwellings(Sites.BUNGALOW, nl * a.rented * bungalowShare, false);
    dwellings(Sites.APARTMENT, nl * a.group * 0.6, true);
    dwellings(Sites.BUNGALOW, nl * a.group * 0.4, true);
    dwellings(Sites.BASEMENT, nl * a.basement, false);
    double homeArea = illegalHomes(nl * a.illegal);
    workshops(nl * a.onsite);
    markets();
    idleSheds(homeArea * a.idleRatio);
    wallShops();
    normalEntities();
    t.groupStock = t.groupRentals.size();
    for (int site = 0; site < t.sites.size; site++) {
      byte k = t.sites.kind[site];
      if (k <= Sites.ILLEGAL_HOME && !t.sites.has(site, Sites.GROUP)) {
        t.dwellingStock[k]++;
      }
    }
    t.basementStock = t.basements.size();
    t.marketStock = t.markets.size();
    t.wallShopStock = t.wallShops.size();
  }

  private void dwellings(byte kind, double persons, boolean group) {
    double placed = 0;
    while (placed < persons) {
      int site = addDwelling(t, r, kind, group, -1);
      if (group) {
        t.groupRentals.add(site);
      } else if (kind == Sites.BASEMENT) {
        t.basements.add(site);
      }
      placed += t.sites.occupants[site];
    }
  }

  /** Adds a let dwelling of a kind with its occupants and floor area. */
  static int addDwelling(Town t, Rng r, byte kind, boolean group, int builtMonth) {
    int occ;
    double area;
    if (group) {
      occ = r.between(6, 16);
      area = occ * r.uniform(Model.GROUP_M2_PER_PERSON[0], Model.GROUP_M2_PER_PERSON[1]);
    } else if (kind == Sites.BASEMENT) {
      occ = r.between(3, 15);
      area = occ * r.uniform(Model.BASEMENT_M2_PER_PERSON[0], Model.BASEMENT_M2_PER_PERSON[1]);
    } else if (kind == Sites.APARTMENT) {
      occ = r.weighted(new double[] {0, 0.2, 0.3, 0.25, 0.15, 0.1});
      area = occ * r.uniform(15, 30) + r.uniform(10, 30);
    } else {
      occ = r.weighted(new double[] {0, 0.3, 0.35, 0.2, 0.15});
      area = occ * r.uniform(8, 15) + r.uniform(5, 10);
    }
    int site =
        addSite(t, r, kind, group ? Sites.GROUP : 0, Math.round(area * 10) / 10.0, occ, builtMonth);
    t.rentalPersons += occ;
    return site;
  }

  /** Adds an illegal residential structure (occupied nine times in ten) to the demolition pool. */
  static int addHome(Town t, Rng r, int builtMonth) {
    double a = round2(r.logNormal(150, 0.6, 30, 2000));
    int occ = r.chance(0.1) ? 0 : occupants(r, a, Model.DENSITY_ILLEGAL_HOME, 0.7, 1.3);
    int site = addSite(t, r, Sites.ILLEGAL_HOME, Sites.ILLEGAL, a, occ, builtMonth);
    t.homes.add(site);
    t.rentalPersons += occ;
    return site;
  }

  private double illegalHomes(double persons) {
    double placed = 0;
    double area = 0;
    while (placed < persons) {
      int site = addHome(t, r, -r.between(1, 120));
      t.illegalStock += t.sites.area[site];
      placed += t.sites.occupants[site];
      area += t.sites.area[site];
    }
    return area;
  }

  private void workshops(double persons) {
    double placed = 0;
    while (placed < persons) {
      double a = round2(r.logNormal(400, 0.9, 60, 20_000));
      int occ = occupants(a, Model.DENSITY_WORKSHOP, 0.5, 1.5);
      boolean illegal = r.chance(t.area.workshopIllegal);
      int site = addSite(Sites.WORKSHOP, illegal ? Sites.ILLEGAL : 0, a, occ, -r.between(1, 120));
      Industry ind = r.pick(Industry.WORKSHOP_INDUSTRIES);
      byte type =
          (byte)
              r.weighted(
                  illegal ? new double[] {0.25, 0.45, 0.30} : new double[] {0.45, 0.45, 0.10});
      int e =
          t.entities.add(
              type,
              ind,
              Entities.WORKSHOP,
              site,
              Sites.space(Sites.WORKSHOP, (byte) 0),
              t.sites.address[site],
              establishedBefore2015());
      t.entities.employees[e] =
          (short) Math.max(1, Math.round(occ * r.uniform(1.5, 3)) + r.between(0, 5));
      t.entities.area[e] = (float) a;
      t.sites.entity[site] = e;
      if (ind.sector == Industry.Sector.MANUFACTURING) {
        t.manufacturingStock++;
        if (t.entities.employees[e] >= 15) {
          t.largeManufacturingStock++;
        }
      }
      (illegal ? t.illegalWorkshops : t.legalWorkshops).add(site);
      if (illegal) {
        t.illegalStock += a;
      }
      placed += occ;
    }
  }

  private void markets() {
    if (t.area == Area.MOUNTAIN || t.area == Area.CORE) {
      return;
    }
    int n = r.roundStochastic(t.population2016 / 75_000);
    for (int i = 0; i < n; i++) {
      double a = round2(r.uniform(8_000, 40_000));
      int occ = occupants(a, Model.DENSITY_MARKET, 0.7, 1.3);
      int site = addSite(Sites.WORKSHOP, Sites.MARKET, a, occ, -r.between(24, 180));
      int addr = t.sites.address[site];
      int space = Sites.space(Sites.WORKSHOP, Sites.MARKET);
      int op =
          t.entities.add(
              Entities.ENTERPRISE,
              Industry.MARKET,
              Entities.MARKET_OPERATOR,
              site,
              space,
              addr,
              establishedBefore2015());
      t.entities.employees[op] = (short) r.between(20, 80);
      t.entities.area[op] = (float) a;
      t.sites.entity[site] = op;
      int stalls = r.between(30, 120);
      for (int s = 0; s < stalls; s++) {
        Industry ind =
            r.pick(
                new Industry[] {
                  Industry.PRODUCE, Industry.BUILDING_MATERIALS, Industry.SUPERMARKET
                });
        int e =
            t.entities.add(
                Entities.INDIVIDUAL,
                ind,
                Entities.STALL,
                site,
                space,
                addr,
                establishedBefore2015());
        t.entities.employees[e] = (short) r.between(1, 4);
        t.entities.area[e] = (float) round2(r.uniform(15, 120));
      }
      t.markets.add(site);
    }
  }

  private void idleSheds(double targetArea) {
    double area = 0;
    while (area < targetArea) {
      double a = round2(r.logNormal(200, 0.8, 10, 8_000));
      t.idle.add(addSite(Sites.IDLE, Sites.ILLEGAL, a, 0, -r.between(1, 120)));
      t.illegalStock += a;
      area += a;
    }
  }

  private void wallShops() {
    double rate =
        switch (t.area) {
          case CORE -> 0.004;
          case URBAN -> 0.003;
          case FRINGE, NEW_TOWN -> 0.002;
          case PLAIN -> 0.001;
          case MOUNTAIN -> 0.0005;
        };
    int n = r.roundStochastic(t.population2016 * rate);
    for (int i = 0; i < n; i++) {
      int addr = t.addresses.next(AddressBook.WALL_SHOPS);
      byte type = r.chance(0.8) ? Entities.INDIVIDUAL : Entities.ENTERPRISE;
      int e =
          t.entities.add(
              type,
              r.pick(Industry.SHOP_INDUSTRIES),
              Entities.WALL_SHOP,
              -1,
              AddressBook.WALL_SHOPS,
              addr,
              establishedBefore2015());
      t.entities.employees[e] = (short) r.between(1, 6);
      t.entities.area[e] = (float) round2(r.uniform(12, 80));
      t.wallShops.add(e);
    }
  }

  private void normalEntities() {
    double rate =
        switch (t.area) {
          case CORE -> 0.09;
          case URBAN -> 0.06;
          case FRINGE -> 0.04;
          case NEW_TOWN -> 0.035;
          case PLAIN -> 0.03;
          case MOUNTAIN -> 0.02;
        };
    int n = r.roundStochastic(t.population2016 * rate);
    for (int i = 0; i < n; i++) {
      EntityProcess.addNormal(t, r, establishedBefore2015(), -1);
    }
    t.normalStock = n;
  }

  private int addSite(byte kind, byte flags, double area, int occ, int builtMonth) {
    return addSite(t, r, kind, flags, area, occ, builtMonth);
  }

  private static int addSite(
      Town t, Rng r, byte kind, byte flags, double area, int occ, int builtMonth) {
    int space = Sites.space(kind, flags);
    int addr = t.addresses.next(space);
    float u = (float) r.next();
    return t.sites.add(kind, flags, area, occ, builtMonth, addr, u);
  }

  private int occupants(double area, double density, double lo, double hi) {
    return occupants(r, area, density, lo, hi);
  }

  private static int occupants(Rng r, double area, double density, double lo, double hi) {
    return r.roundStochastic(area * density / 10_000 * r.uniform(lo, hi));
  }

  private int establishedBefore2015() {
    // More entities are young than old: a skew towards recent years.
    int year = 2014 - (int) Math.floor(15 * Math.pow(r.next(), 1.6));
    return Months.epochDay(LocalDate.of(year, r.between(1, 12), r.between(1, 28)));
  }

  static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
