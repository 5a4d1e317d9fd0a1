package org.dispersal.generate;

import java.io.IOException;

/**
 * The townships' monthly progress reports (from 2017-01): for tasks the record ledgers cover, the
 * ledger's truth for the month, except where an inflating township over-reports (recorded in the
 * truth); for the other tasks, the reported figure is all there is.
 */
final class ProgressReports {
  private final DistrictRun ctx;

  ProgressReports(DistrictRun ctx) {
    this.ctx = ctx;
  }

  /** Expected monthly count of a task without a record ledger, by kind of place. */
  static double expected(Area area, Metric metric) {
    boolean urban = area == Area.CORE || area == Area.URBAN || area == Area.NEW_TOWN;
    return switch (metric) {
      case T3_VILLAGES -> urban && area != Area.NEW_TOWN ? 0 : 0.15;
      case T6_FUNCTIONS -> urban ? 0.03 : 0;
      case T8_SHANTY -> urban ? 1.5 : 0.2;
      case T9_TRAFFIC -> 0.6;
      default -> 0;
    };
  }

  void month(int m) throws IOException {
    if (m < Months.ACTION_START) {
      for (Town t : ctx.towns) {
        java.util.Arrays.fill(t.metrics, 0);
      }
      return;
    }
    Delivery d = ctx.deliveries.open(Schedule.monthly(Ledger.PROGRESS, m, ctx.clock));
    Rng r = Rng.derive(ctx.seed, "progress", ctx.districtCode, m);
    for (Town t : ctx.towns) {
      TownshipSpeller.Form form =
          Rng.unit(Rng.hash(0, "progress-form", t.code)) < 0.5
              ? TownshipSpeller.Form.SHORT
              : TownshipSpeller.Form.FULL;
      for (Metric metric : Metric.values()) {
        double truth =
            metric.ledgerBacked ? t.metrics[metric.ordinal()] : r.poisson(expected(t.area, metric));
        double value = truth;
        boolean inflated =
            metric.ledgerBacked && t.inflates && truth > 0 && r.chance(Model.INFLATED_MONTHS);
        if (inflated) {
          value = inflate(truth, metric, r);
        }
        Object[] cells = {
          metric.task,
          metric.metric,
          ctx.speller.spell(t.code, form),
          Months.label(m),
          amount(metric, value),
          metric.unit
        };
        String key = metric.task + "/" + metric.metric + "/" + t.code + "/" + Months.label(m);
        Row row = new Row(Ledger.PROGRESS, key, t.code, cells);
        ctx.defects.inject(row);
        int n = d.write(row.cells);
        ctx.defects.recorded(row, d.name(), n);
        if (inflated) {
          ctx.truth.inflated.row(
              ctx.districtCode,
              t.code,
              d.name(),
              n,
              metric.task,
              metric.metric,
              Months.label(m),
              amount(metric, truth),
              amount(metric, value));
        }
      }
      java.util.Arrays.fill(t.metrics, 0);
    }
    d.close();
  }

  private static double inflate(double truth, Metric metric, Rng r) {
    if (metric == Metric.T1_AREA) {
      return TownSetup.round2(truth * r.uniform(1.15, 1.6));
    }
    return truth + Math.max(1, Math.round(truth * r.uniform(0.15, 0.6)));
  }

  /** Areas with two decimals, counts as whole numbers. */
  static Object amount(Metric metric, double value) {
    return metric == Metric.T1_AREA
        ? (Object) TownSetup.round2(value)
        : (Object) (long) Math.round(value);
  }
}
