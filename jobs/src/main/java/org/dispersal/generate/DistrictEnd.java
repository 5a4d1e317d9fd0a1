package org.dispersal.generate;

import java.io.IOException;
import java.util.Map;

/**
 * What a district writes once its months are done: the calibrated population, its truth files, the
 * statistics bureau's year-end figures (truth plus survey noise) and the targets.
 */
final class DistrictEnd {
  private final DistrictRun ctx;

  DistrictEnd(DistrictRun ctx) {
    this.ctx = ctx;
  }

  void finish() throws IOException {
    flushRebounds();
    calibrate();
    writeTruth();
    populationFiles();
    new TargetsLedger(ctx).write();
  }

  // Sites filled again that no record has shown yet: still a rebound, without evidence.
  private void flushRebounds() throws IOException {
    for (Town t : ctx.towns) {
      for (Map.Entry<Integer, String[]> e : new java.util.TreeMap<>(t.reboundWatch).entrySet()) {
        if (e.getValue()[7] != null) {
          ctx.truth.rebounds.row((Object[]) e.getValue());
        }
      }
      t.reboundWatch.clear();
    }
  }

  private void calibrate() {
    int n = ctx.towns.size();
    double[] p2016 = new double[n];
    double[] nl = new double[n];
    for (Town t : ctx.towns) {
      p2016[t.index] = t.population2016;
      nl[t.index] = t.nonLocalShare;
    }
    ctx.population.calibrate(ctx.district.townships(), p2016, nl, ctx.district.population2018());
  }

  private void writeTruth() throws IOException {
    PopulationModel pop = ctx.population;
    String d = ctx.districtCode;
    for (int m = 0; m < pop.months(); m++) {
      long registered = 0;
      long tenants = 0;
      for (Town t : ctx.towns) {
        long[] c = pop.components(t.index, m);
        double[] f = pop.flows(t.index, m);
        Object[] row = new Object[3 + 1 + c.length + f.length];
        row[0] = d;
        row[1] = t.code;
        row[2] = Months.label(m);
        row[3] = pop.total(t.index, m);
        for (int k = 0; k < c.length; k++) {
          row[4 + k] = c[k];
        }
        for (int k = 0; k < f.length; k++) {
          row[4 + c.length + k] = Math.round(f[k] * 10) / 10.0;
        }
        ctx.truth.population.row(row);
        long reg = pop.registered(t.index, m);
        long ten = pop.tenants(t.index, m);
        ctx.truth.coverage.row(
            d, t.code, Months.label(m), reg, ten, ratio(reg, ten), ratio(Model.coverage(m)));
        registered += reg;
        tenants += ten;
        for (VacatedKind k : VacatedKind.values()) {
          double[] v = pop.vacatedBy(t.index, m, k);
          if (v[0] > 0) {
            ctx.truth.vacated.row(
                d, t.code, Months.label(m), k.id, (long) v[0], TownSetup.round2(v[1]), (long) v[2]);
          }
        }
      }
      ctx.truth.coverage.row(
          d,
          d,
          Months.label(m),
          registered,
          tenants,
          ratio(registered, tenants),
          ratio(Model.coverage(m)));
    }
  }

  private static String ratio(long a, long b) {
    return b == 0 ? "" : ratio((double) a / b);
  }

  private static String ratio(double v) {
    return String.format(java.util.Locale.ROOT, "%.4f", v);
  }

  /** Year-end figures for every completed year: survey estimates, a census count in 2020. */
  private void populationFiles() throws IOException {
    PopulationModel pop = ctx.population;
    Rng noise = Rng.derive(ctx.seed, "survey", ctx.districtCode);
    for (int year = 2015; year < ctx.clock.asOf.getYear(); year++) {
      int month = (year - 2015) * 12 + 11;
      boolean census = year == 2020;
      double sd = census ? Model.CENSUS_NOISE : Model.SURVEY_NOISE;
      Delivery d = ctx.deliveries.open(Schedule.yearly(year));
      TownshipSpeller.Form form =
          Schedule.populationByCode(year) ? TownshipSpeller.Form.CODE12 : TownshipSpeller.Form.FULL;
      long total = 0;
      long hukou = 0;
      for (Town t : ctx.towns) {
        long truth = pop.total(t.index, month);
        long h = pop.components(t.index, month)[0];
        long official = Math.round(truth * (1 + sd * noise.gaussian()));
        write(d, t.code, ctx.speller.spell(t.code, form), year, official, h, census);
        total += truth;
        hukou += h;
      }
      double districtSd = census ? Model.CENSUS_NOISE : Model.DISTRICT_NOISE;
      long official = Math.round(total * (1 + districtSd * noise.gaussian()));
      write(d, ctx.districtCode, ctx.districtCode, year, official, hukou, census);
      d.close();
    }
  }

  private void write(
      Delivery d, String code, String spelled, int year, long residents, long hukou, boolean census)
      throws IOException {
    Object[] cells = {spelled, year, residents, hukou, residents - hukou, census ? "普查" : "抽样推算"};
    Row row = new Row(Ledger.POPULATION, code + "/" + year, code, cells);
    ctx.defects.inject(row);
    int n = d.write(row.cells);
    ctx.defects.recorded(row, d.name(), n);
  }
}
