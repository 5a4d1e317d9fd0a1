package org.dispersal.conform;

import java.util.List;
import org.dispersal.common.Setting;
import org.dispersal.common.Settings;

/** How conform links records, compares reported figures and judges freshness. */
public record ConformConfig(
    int linkDaysBefore,
    int linkDaysAfter,
    double comparisonRelative,
    double comparisonAbsolute,
    int staleDaysMonthly,
    int staleDaysYearly,
    int rowsPerFile) {

  public static final Setting<Integer> LINK_DAYS_BEFORE =
      Setting.integer(
          "conform.link-days-before",
          180,
          0,
          3650,
          "A registration or business that left up to this many days before a demolition at the"
              + " same site is linked to it.");
  public static final Setting<Integer> LINK_DAYS_AFTER =
      Setting.integer(
          "conform.link-days-after",
          90,
          0,
          3650,
          "… or up to this many days after it (deregistration is often recorded late).");
  public static final Setting<Double> COMPARISON_RELATIVE =
      Setting.decimal(
          "conform.comparison-tolerance",
          0.05,
          0,
          10,
          "City–district comparison: a reported figure is flagged when it differs from the"
              + " ledgers by more than this share of the ledger figure …");
  public static final Setting<Double> COMPARISON_ABSOLUTE =
      Setting.decimal(
          "conform.comparison-tolerance-absolute",
          0.5,
          0,
          1e9,
          "… and by more than this many units (so a single record more or less in a small"
              + " month is not flagged).");
  public static final Setting<Integer> STALE_DAYS_MONTHLY =
      Setting.integer(
          "conform.stale-days-monthly",
          45,
          1,
          3650,
          "A monthly ledger (rental, licence, demolition, progress) is stale when its newest"
              + " record is older than this many days at the as-of date.");
  public static final Setting<Integer> STALE_DAYS_YEARLY =
      Setting.integer(
          "conform.stale-days-yearly",
          550,
          1,
          3650,
          "The population ledger is stale when its newest year-end is older than this many days.");

  public static final Setting<Integer> ROWS_PER_FILE =
      Setting.integer(
          "conform.rows-per-file",
          100_000,
          1_000,
          100_000_000,
          "The silver tables a fold rewrites by township (the ledgers' current records and"
              + " histories, and the tables built from them) are written sorted by township in"
              + " files of at most this many rows, so that a fold reads only the files of the"
              + " townships its new rows touch.");

  public static final List<Setting<?>> SETTINGS =
      List.of(
          LINK_DAYS_BEFORE,
          LINK_DAYS_AFTER,
          COMPARISON_RELATIVE,
          COMPARISON_ABSOLUTE,
          STALE_DAYS_MONTHLY,
          STALE_DAYS_YEARLY,
          ROWS_PER_FILE);

  public static ConformConfig from(Settings s) {
    return new ConformConfig(
        s.get(LINK_DAYS_BEFORE),
        s.get(LINK_DAYS_AFTER),
        s.get(COMPARISON_RELATIVE),
        s.get(COMPARISON_ABSOLUTE),
        s.get(STALE_DAYS_MONTHLY),
        s.get(STALE_DAYS_YEARLY),
        s.get(ROWS_PER_FILE));
  }
}
