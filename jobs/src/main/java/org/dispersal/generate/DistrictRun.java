package org.dispersal.generate;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.dispersal.common.Townships;

/**
 * Generates one district: builds its townships, runs the months from January 2015 to the as-of date
 * writing each month's deliveries as it goes, then writes the yearly population files, the targets
 * and the district's truth. Only this district's state is held in memory.
 */
final class DistrictRun {
  final long seed;
  final double rate;
  final Clock clock;
  final String districtCode;
  final String districtName;
  final Geography.DistrictProfile district;
  final TownshipSpeller speller;
  final Truth truth;
  final Defects defects;
  final Deliveries deliveries;
  final LedgerStream rental;
  final LedgerStream license;
  final LedgerStream demolition;
  final List<Town> towns = new ArrayList<>();
  final RentalProcess rentals = new RentalProcess(this);
  final EntityProcess entities = new EntityProcess(this);
  final DemolitionProcess demolitions = new DemolitionProcess(this);
  final SiteChanges changes = new SiteChanges(this);
  PopulationModel population;

  DistrictRun(Generator.Run run, Geography.DistrictProfile district, Townships ref) {
    this.seed = run.seed();
    this.rate = run.defects().rate();
    this.clock = run.clock();
    this.district = district;
    this.districtCode = district.code();
    this.districtName = district.name();
    this.speller = new TownshipSpeller(ref, districtCode);
    this.truth = run.truth();
    this.defects = run.defects();
    this.deliveries = run.deliveries();
    this.rental = new LedgerStream(Ledger.RENTAL, deliveries, defects, clock);
    this.license = new LedgerStream(Ledger.LICENSE, deliveries, defects, clock);
    this.demolition = new LedgerStream(Ledger.DEMOLITION, deliveries, defects, clock);
  }

  void run(String filePrefix, Runnable monthDone) throws IOException {
    defects.startDistrict(speller, seed, districtCode);
    deliveries.startDistrict(
        filePrefix, Schedule.slots(clock), Rng.derive(seed, "faults", districtCode), rate);
    buildTowns();
    for (int m = 0; m <= clock.lastMonth; m++) {
      month(m);
      monthDone.run();
    }
    new DistrictEnd(this).finish();
  }

  private void buildTowns() {
    List<Geography.TownshipProfile> profiles = district.townships();
    double weights = 0;
    double factors = 0;
    for (Geography.TownshipProfile p : profiles) {
      weights += p.weight();
      factors += p.weight() * p.area().nonLocalFactor;
    }
    Rng pick = Rng.derive(seed, "inflating", districtCode);
    double[] rentalStock = new double[profiles.size()];
    for (int i = 0; i < profiles.size(); i++) {
      Geography.TownshipProfile p = profiles.get(i);
      double population = district.population2016() * p.weight() / weights;
      double nl = district.nonLocalShare() * p.area().nonLocalFactor * weights / factors;
      Town t = new Town(i, p, seed, population, Math.min(0.8, nl));
      TownSetup.build(t);
      t.inflates = pick.chance(Model.INFLATING_TOWNSHIPS);
      rentalStock[i] = t.rentalPersons;
      towns.add(t);
    }
    if (towns.stream().noneMatch(t -> t.inflates)) {
      towns.get(pick.between(0, towns.size() - 1)).inflates = true;
    }
    population = new PopulationModel(towns.size(), clock.lastMonth + 1);
    population.spilloverWeights(rentalStock);
  }

  private void month(int m) throws IOException {
    rental.open(m);
    license.open(m);
    demolition.open(m);
    if (Months.monthOfYear(m) == 1) {
      for (Town t : towns) {
        t.quotas.startYear(Months.year(m), YearPlan.amounts(t, Months.year(m)));
      }
    }
    for (Town t : towns) {
      if (m == 0) {
        entities.stock(t);
        rentals.stock(t);
      }
      changes.month(t, m);
      entities.month(t, m);
      demolitions.month(t, m);
      rentals.clearances(t, m, false);
      rentals.clearances(t, m, true);
      rentals.scan(t, m);
    }
    population.endMonth(m);
    new ProgressReports(this).month(m);
    rental.close();
    license.close();
    demolition.close();
  }

  /** Occupants of a site leave it (over the lag profile); the site stands empty. */
  void vacate(Town t, int site, int m, VacatedKind kind, double area) {
    int persons = t.sites.has(site, Sites.GONE) ? 0 : t.sites.occupants[site];
    population.vacate(t.index, m, kind, area, persons);
    t.sites.set(site, Sites.GONE, true);
  }

  /**
   * A record at a site: linked in the truth if its premises can appear in several ledgers, and the
   * evidence of a rebound if the site was cleared and occupied again.
   */
  void sited(Town t, int site, Ledger ledger, String key, LocalDate day) throws IOException {
    byte kind = t.sites.kind[site];
    if (kind == Sites.ILLEGAL_HOME || kind == Sites.WORKSHOP) {
      String address = t.addresses.address(t.sites.space(site), t.sites.address[site]);
      truth.links.row(t.siteId(site), t.code, ledger.folder, key, address);
    }
    String[] watch = t.reboundWatch.get(site);
    if (watch != null && watch[7] != null) {
      watch[9] = ledger.folder;
      watch[10] = key;
      watch[11] = day.toString();
      truth.rebounds.row((Object[]) watch);
      t.reboundWatch.remove(site);
    }
  }

  /** A site cleared by the action; now and then it fills again some months later (rebound). */
  void cleared(
      Town t, int site, int m, VacatedKind kind, Ledger ledger, String key, LocalDate day) {
    if (!t.rng.chance(Model.REBOUND)) {
      return;
    }
    int when = m + t.rng.between(2, 15);
    if (when > clock.lastMonth) {
      return;
    }
    String address = t.addresses.address(t.sites.space(site), t.sites.address[site]);
    t.reboundWatch.put(
        site,
        new String[] {
          t.siteId(site),
          t.code,
          address,
          day.toString(),
          kind.id,
          ledger.folder,
          key,
          null,
          null,
          null,
          null,
          null
        });
    Town.schedule(t.reoccupations, when, site);
  }
}
