package org.dispersal.generate;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The truth files written beside the ledgers in {@code _truth/} (docs/generator.md lists their
 * columns). They stream like the ledgers; parameters.csv is written last by the generator.
 */
final class Truth implements Closeable {
  static final String DIR = "_truth";

  final TruthTable links;
  final TruthTable rebounds;
  final TruthTable coverage;
  final TruthTable population;
  final TruthTable vacated;
  final TruthTable inflated;

  Truth(Path root) throws IOException {
    Path dir = root.resolve(DIR);
    links =
        new TruthTable(
            dir.resolve("links.csv"),
            "site_id",
            "township_code",
            "ledger",
            "business_key",
            "address");
    rebounds =
        new TruthTable(
            dir.resolve("rebound_sites.csv"),
            "site_id",
            "township_code",
            "address",
            "cleared_on",
            "cleared_by",
            "cleared_ledger",
            "cleared_key",
            "reoccupied_on",
            "rebound_kind",
            "evidence_ledger",
            "evidence_key",
            "evidence_on");
    coverage =
        new TruthTable(
            dir.resolve("coverage_by_month.csv"),
            "district_code",
            "township_code",
            "month",
            "registered_tenants",
            "true_tenants",
            "coverage",
            "coverage_curve");
    population =
        new TruthTable(
            dir.resolve("population_by_month.csv"),
            "district_code",
            "township_code",
            "month",
            "total",
            "hukou",
            "formal_housing",
            "rented_rooms",
            "group_rentals",
            "basements",
            "illegal_structures",
            "onsite_employees",
            "displaced_pending",
            "spillover_in",
            "vacated_occupants",
            "departed",
            "moved_to_other_townships",
            "arrived_from_other_townships");
    vacated =
        new TruthTable(
            dir.resolve("vacated_by_month.csv"),
            "district_code",
            "township_code",
            "month",
            "kind",
            "events",
            "area_m2",
            "occupants");
    inflated =
        new TruthTable(
            dir.resolve("inflated_reports.csv"),
            "district_code",
            "township_code",
            "file",
            "row",
            "task",
            "metric",
            "month",
            "ledger_value",
            "reported_value");
  }

  @Override
  public void close() throws IOException {
    for (TruthTable t :
        new TruthTable[] {links, rebounds, coverage, population, vacated, inflated}) {
      t.close();
    }
  }
}
