package org.dispersal.generate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The leading group's targets: issued in early 2017 for 2017–2020 (per township for demolition
 * area, district-wide for the rest, whole-period totals with 累计 = 是, the population cap), and a
 * revision in July 2019 that changes some townships' 2019–2020 demolition targets.
 */
final class TargetsLedger {
  private static final int[] YEARS = {2017, 2018, 2019, 2020};
  private static final double[] CAP_PATH = {0.6, 1.1, 1.4, 1.6};

  private final DistrictRun ctx;
  private final List<Object[]> main = new ArrayList<>();
  private final List<Object[]> revision = new ArrayList<>();

  TargetsLedger(DistrictRun ctx) {
    this.ctx = ctx;
  }

  void write() throws IOException {
    for (Schedule.Slot slot : Schedule.slots(ctx.clock)) {
      if (slot.ledger() == Ledger.TARGETS) {
        build();
        Delivery d = ctx.deliveries.open(slot);
        List<Object[]> rows = slot.period().startsWith("调整") ? revision : main;
        for (Object[] cells : rows) {
          String code = (String) cells[2];
          Row row =
              new Row(
                  Ledger.TARGETS,
                  cells[0] + "/" + cells[1] + "/" + code + "/" + cells[3],
                  code,
                  cells);
          row.cells[2] =
              code.length() == 9 ? ctx.speller.spell(code, TownshipSpeller.Form.FULL) : code;
          ctx.defects.inject(row);
          int n = d.write(row.cells);
          ctx.defects.recorded(row, d.name(), n);
        }
        d.close();
      }
    }
  }

  private void build() {
    main.clear();
    revision.clear();
    String district = ctx.districtCode;
    double[] districtArea = new double[YEARS.length];
    double[] revisedArea = new double[YEARS.length];
    double districtTotal = 0;
    double revisedTotal = 0;
    for (Town t : ctx.towns) {
      double ambition = 0.9 + 0.35 * Rng.unit(Rng.hash(ctx.seed, "ambition", t.code));
      boolean revised = Rng.unit(Rng.hash(ctx.seed, "revised", t.code)) < 0.25;
      double change = 0.8 + 0.45 * Rng.unit(Rng.hash(ctx.seed, "revision", t.code));
      double total = 0;
      double revisedSum = 0;
      for (int i = 0; i < YEARS.length; i++) {
        double area =
            hundred(YearPlan.amounts(t, YEARS[i]).get(Quotas.Work.DEMOLITION_AREA) * ambition);
        main.add(target("T1", Metric.T1_AREA, t.code, YEARS[i], false, area, "不少于"));
        double newArea = revised && YEARS[i] >= 2019 ? hundred(area * change) : area;
        if (newArea != area) {
          revision.add(target("T1", Metric.T1_AREA, t.code, YEARS[i], false, newArea, "不少于"));
        }
        districtArea[i] += area;
        revisedArea[i] += newArea;
        total += area;
        revisedSum += newArea;
      }
      main.add(target("T1", Metric.T1_AREA, t.code, 2020, true, total, "不少于"));
      if (revisedSum != total) {
        revision.add(target("T1", Metric.T1_AREA, t.code, 2020, true, revisedSum, "不少于"));
      }
      districtTotal += total;
      revisedTotal += revisedSum;
    }
    for (int i = 0; i < YEARS.length; i++) {
      int y = YEARS[i];
      main.add(target("T1", Metric.T1_AREA, district, y, false, districtArea[i], "不少于"));
      if (revisedArea[i] != districtArea[i]) {
        revision.add(target("T1", Metric.T1_AREA, district, y, false, revisedArea[i], "不少于"));
      }
      main.add(target("T1", Metric.T1_NEW, district, y, false, 0, "不多于"));
      districtWide(y);
    }
    main.add(target("T1", Metric.T1_AREA, district, 2020, true, districtTotal, "不少于"));
    if (revisedTotal != districtTotal) {
      revision.add(target("T1", Metric.T1_AREA, district, 2020, true, revisedTotal, "不少于"));
    }
    double polluting2019 =
        planned(2019, Quotas.Work.POLLUTING_CLOSURES)
            + planned(2019, Quotas.Work.POLLUTING_WITH_DEMOLITION);
    revision.add(
        target(
            "T4",
            Metric.T4_POLLUTING,
            district,
            2019,
            false,
            Math.round(polluting2019 * 1.1),
            "不少于"));
    populationCaps();
  }

  private void districtWide(int y) {
    String d = ctx.districtCode;
    add(d, y, Metric.T2_UNLICENSED, planned(y, Quotas.Work.UNLICENSED));
    add(d, y, Metric.T2_WALL, planned(y, Quotas.Work.WALL_OPENINGS));
    add(d, y, Metric.T2_STREET, planned(y, Quotas.Work.STREET_TRADING));
    add(d, y, Metric.T3_VILLAGES, expected(Metric.T3_VILLAGES));
    add(
        d,
        y,
        Metric.T4_POLLUTING,
        planned(y, Quotas.Work.POLLUTING_CLOSURES)
            + planned(y, Quotas.Work.POLLUTING_WITH_DEMOLITION));
    add(
        d,
        y,
        Metric.T4_MANUFACTURING,
        planned(y, Quotas.Work.MANUFACTURING_CLOSURES)
            + planned(y, Quotas.Work.MANUFACTURING_WITH_DEMOLITION));
    add(d, y, Metric.T5_MARKETS, planned(y, Quotas.Work.MARKETS));
    add(d, y, Metric.T6_FUNCTIONS, expected(Metric.T6_FUNCTIONS));
    add(d, y, Metric.T7_GROUP, planned(y, Quotas.Work.GROUP_RENTALS));
    add(d, y, Metric.T7_BASEMENT, planned(y, Quotas.Work.BASEMENTS));
    add(d, y, Metric.T8_SHANTY, expected(Metric.T8_SHANTY));
    add(d, y, Metric.T9_TRAFFIC, expected(Metric.T9_TRAFFIC));
  }

  private void add(String code, int y, Metric m, double value) {
    main.add(target(m.task, m, code, y, false, Math.round(value), "不少于"));
  }

  /** The population cap: the 2016 level moved along the district's path (down in the centre). */
  private void populationCaps() {
    Geography.DistrictProfile d = ctx.district;
    double growth = d.population2018() / d.population2016() - 1;
    for (int i = 0; i < YEARS.length; i++) {
      double cap = thousand(d.population2016() * (1 + growth * CAP_PATH[i]));
      main.add(new Object[] {"P", "常住人口", ctx.districtCode, YEARS[i], "否", (long) cap, "人", "不多于"});
    }
    for (Town t : ctx.towns) {
      double share = 0.97 + 0.08 * Rng.unit(Rng.hash(ctx.seed, "cap", t.code));
      double cap = thousand(t.population2016 * (1 + growth * CAP_PATH[3]) * share);
      main.add(new Object[] {"P", "常住人口", t.code, 2020, "否", (long) cap, "人", "不多于"});
    }
  }

  private double planned(int y, Quotas.Work w) {
    double sum = 0;
    for (Town t : ctx.towns) {
      Map<Quotas.Work, Double> a = YearPlan.amounts(t, y);
      sum += a.get(w);
    }
    return sum;
  }

  private double expected(Metric m) {
    double sum = 0;
    for (Town t : ctx.towns) {
      sum += 12 * ProgressReports.expected(t.area, m);
    }
    return sum;
  }

  private static Object[] target(
      String task,
      Metric m,
      String code,
      int y,
      boolean cumulative,
      double value,
      String direction) {
    Object v = m == Metric.T1_AREA ? (Object) value : (Object) Math.round(value);
    return new Object[] {task, m.metric, code, y, cumulative ? "是" : "否", v, m.unit, direction};
  }

  private static double hundred(double v) {
    return Math.round(v / 100) * 100.0;
  }

  private static double thousand(double v) {
    return Math.round(v / 1000) * 1000.0;
  }
}
