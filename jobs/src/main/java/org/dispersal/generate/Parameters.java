package org.dispersal.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code _truth/parameters.csv}: the run's settings, the model's parameters with their sources, and
 * the realised effects: persons displaced per 10,000 m² vacated, per kind.
 */
final class Parameters {
  private static final String PUBLISHED = "published";
  private static final String ASSUMPTION = "assumption";
  private static final String YEARBOOK = "yearbook";
  private static final String RUN = "run";
  private static final String REALISED = "realised";

  private final GenerateConfig config;
  private final List<Geography.DistrictProfile> districts;
  private final double[][] vacated = new double[VacatedKind.values().length][3];
  private final StringBuilder growth = new StringBuilder();

  Parameters(GenerateConfig config, List<Geography.DistrictProfile> districts) {
    this.config = config;
    this.districts = districts;
  }

  /** Adds a finished district's vacated space and calibration. */
  void add(DistrictRun d) {
    PopulationModel p = d.population;
    for (Town t : d.towns) {
      for (int m = 0; m < p.months(); m++) {
        for (VacatedKind k : VacatedKind.values()) {
          double[] v = p.vacatedBy(t.index, m, k);
          for (int i = 0; i < 3; i++) {
            vacated[k.ordinal()][i] += v[i];
          }
        }
      }
    }
    growth
        .append(growth.length() == 0 ? "" : " ")
        .append(d.districtCode)
        .append(':')
        .append(String.format(java.util.Locale.ROOT, "%.4f", p.growth()));
  }

  void write(Path file, Map<DefectKind, Long> defects) throws IOException {
    try (TruthTable t = new TruthTable(file, "name", "value", "unit", "source", "note")) {
      t.row("seed", config.seed(), "", RUN, "same seed, same bytes");
      t.row("scale", config.scale(), "", RUN, "");
      t.row(
          "scale_fraction", config.scaleFraction(), "share of the published populations", RUN, "");
      t.row("as_of", config.asOf(), "", RUN, "last day covered");
      t.row("defect_rate", config.defectRate(), "share of rows per kind", RUN, "");
      for (Geography.DistrictProfile d : districts) {
        // Fangshan's totals are the published estimates; the others the yearbook's.
        String source = d.code().equals(Geography.FANGSHAN) ? PUBLISHED : YEARBOOK;
        t.row(
            "population_2016." + d.code(),
            (long) d.population2016(),
            "persons",
            source,
            d.name() + " year-end resident population");
        t.row(
            "population_2018." + d.code(),
            (long) d.population2018(),
            "persons",
            source,
            d.name() + " year-end resident population");
        t.row(
            "nonlocal_share_2016." + d.code(),
            d.nonLocalShare(),
            "share",
            d.code().equals(Geography.FANGSHAN) ? PUBLISHED : ASSUMPTION,
            "");
      }
      for (VacatedKind k : VacatedKind.values()) {
        double[] v = vacated[k.ordinal()];
        double effect = v[1] == 0 ? 0 : v[2] / v[1] * 10_000;
        t.row(
            "effect." + k.id,
            round(effect),
            "persons per 10,000 m2",
            REALISED,
            "true occupants displaced per 10,000 m2 of this kind");
        t.row("vacated_area." + k.id, round(v[1]), "m2", REALISED, (long) v[0] + " events");
        t.row("vacated_occupants." + k.id, (long) v[2], "persons", REALISED, "");
      }
      t.row(
          "density.illegal_home",
          Model.DENSITY_ILLEGAL_HOME,
          "persons per 10,000 m2",
          ASSUMPTION,
          "mean; each structure varies x0.7-1.3; one in ten empty");
      t.row(
          "density.workshop",
          Model.DENSITY_WORKSHOP,
          "persons per 10,000 m2",
          ASSUMPTION,
          "employees living on site; x0.5-1.5");
      t.row("density.market", Model.DENSITY_MARKET, "persons per 10,000 m2", ASSUMPTION, "");
      t.row(
          "m2_per_person.group_rental",
          "4-9",
          "m2",
          ASSUMPTION,
          "below Beijing's 5 m2 minimum on average");
      t.row("m2_per_person.basement", "8-16", "m2", ASSUMPTION, "");
      for (int i = 0; i < Model.LAG.length; i++) {
        t.row(
            "lag.month_" + i,
            Model.LAG[i],
            "share of occupants leaving",
            ASSUMPTION,
            i == 0 ? "month of the action" : "months after");
      }
      t.row(
          "spillover_share",
          Model.SPILLOVER,
          "share of departures",
          ASSUMPTION,
          "settle in other townships of the district, by their rental stock");
      t.row(
          "coverage.start",
          Model.COVERAGE_START,
          "share",
          ASSUMPTION,
          "eligible dwellings; see coverage_by_month.csv for the realised coverage");
      t.row("coverage.end", Model.COVERAGE_END, "share", ASSUMPTION, "");
      t.row(
          "coverage.midpoint",
          Months.label((int) Model.COVERAGE_MIDPOINT),
          "month",
          ASSUMPTION,
          "logistic rise");
      t.row("coverage.scale", Model.COVERAGE_SCALE_MONTHS, "months", ASSUMPTION, "");
      t.row("registration_hazard", Model.REGISTRATION_HAZARD, "per month", ASSUMPTION, "");
      t.row(
          "noise.survey",
          Model.SURVEY_NOISE,
          "relative sd",
          ASSUMPTION,
          "township year-end estimates");
      t.row("noise.census", Model.CENSUS_NOISE, "relative sd", ASSUMPTION, "");
      t.row(
          "noise.district", Model.DISTRICT_NOISE, "relative sd", ASSUMPTION, "district total row");
      t.row("rebound_probability", Model.REBOUND, "per cleared site", ASSUMPTION, "");
      t.row(
          "inflating_townships",
          Model.INFLATING_TOWNSHIPS,
          "share",
          ASSUMPTION,
          "at least one per district");
      t.row(
          "inflated_months",
          Model.INFLATED_MONTHS,
          "share of an inflating township's nonzero reports",
          ASSUMPTION,
          "");
      for (int y = 2015; y <= 2021; y++) {
        t.row(
            "demolition_share." + y,
            Model.demolitionShare(y),
            "of the 2015 illegal floor area",
            ASSUMPTION,
            y == 2019 ? "Fangshan about 3 million m2 in 2019 (published)" : "");
      }
      t.row(
          "formal_growth",
          growth.toString(),
          "per year and unit of growth weight",
          REALISED,
          "calibrated to the 2018 totals");
      for (Map.Entry<DefectKind, Long> e : defects.entrySet()) {
        t.row("defects." + e.getKey().id, e.getValue(), "rows or files", RUN, e.getKey().rule);
      }
    }
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
