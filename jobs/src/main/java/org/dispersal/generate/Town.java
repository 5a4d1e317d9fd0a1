package org.dispersal.generate;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One township's state during a district run: its premises and entities, the pools the action draws
 * from, what is scheduled for later months, its yearly quotas and this month's progress.
 */
final class Town {
  final int index;
  final Geography.TownshipProfile profile;
  final String code;
  final Area area;
  final Rng rng;
  final Sites sites = new Sites();
  final Entities entities = new Entities();
  final AddressBook addresses;
  final double population2016;
  final double nonLocalShare;

  // Pools the action draws from; entries are checked when drawn (lazy removal).
  final IntList homes = new IntList();
  final IntList illegalWorkshops = new IntList();
  final IntList idle = new IntList();
  final IntList groupRentals = new IntList();
  final IntList basements = new IntList();
  final IntList legalWorkshops = new IntList();
  final IntList markets = new IntList();
  final IntList wallShops = new IntList();
  final IntList shops = new IntList();

  // Work scheduled for later months: demolitions of new structures, re-occupations, deaths.
  final Map<Integer, IntList> newDemolitions = new TreeMap<>();
  final Map<Integer, IntList> reoccupations = new TreeMap<>();
  final Map<Integer, IntList> deaths = new TreeMap<>();

  /** Cleared sites waiting for the record that reveals their rebound: site → truth fields. */
  final Map<Integer, String[]> reboundWatch = new HashMap<>();

  int registrationSerial;
  int recordSerial;
  int caseSerial;

  // Sizes at the start, which the yearly plans are shares of.
  double illegalStock;
  int groupStock;
  int basementStock;
  int manufacturingStock;
  int largeManufacturingStock;
  int marketStock;
  int wallShopStock;
  double rentalPersons;
  int normalStock;

  /** Dwellings at the start by kind (apartments, bungalows, basements, illegal homes). */
  final int[] dwellingStock = new int[4];

  final Quotas quotas = new Quotas();
  final double[] metrics = new double[Metric.values().length];
  boolean inflates;

  Town(int index, Geography.TownshipProfile profile, long seed, double population, double nl) {
    this.index = index;
    this.profile = profile;
    this.code = profile.code();
    this.area = profile.area();
    this.rng = Rng.derive(seed, "town", code);
    this.population2016 = population;
    this.nonLocalShare = nl;
    boolean urban = profile.township().kind().equals("街道") || area == Area.CORE;
    this.addresses = new AddressBook(code, profile.name(), urban, population / 1000);
  }

  static void schedule(Map<Integer, IntList> at, int month, int value) {
    at.computeIfAbsent(month, m -> new IntList()).add(value);
  }

  /** Site id in the truth files: township code and index. */
  String siteId(int site) {
    return code + "-" + site;
  }

  void count(Metric m, double value) {
    metrics[m.ordinal()] += value;
  }
}
