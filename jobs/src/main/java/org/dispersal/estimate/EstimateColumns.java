package org.dispersal.estimate;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Column names and schemas of the gold estimate tables (documented in docs/tables.md). */
final class EstimateColumns {
  private EstimateColumns() {}

  static final String EFFECT_ESTIMATES = "effect_estimates";
  static final String POPULATION_ATTRIBUTION = "population_attribution";

  static final String RUN_ID = "run_id";
  static final String AS_OF = "as_of";
  static final String ESTIMATOR = "estimator";
  static final String KIND = "kind";
  static final String LAG = "lag";
  static final String ESTIMATE = "estimate";
  static final String UNIT = "unit";
  static final String CI90_LOW = "ci90_low";
  static final String CI90_HIGH = "ci90_high";
  static final String CI95_LOW = "ci95_low";
  static final String CI95_HIGH = "ci95_high";
  static final String OBSERVATIONS = "observations";
  static final String CLUSTERS = "clusters";
  static final String PRETREND_P = "pretrend_p";
  static final String DIAGNOSTICS = "diagnostics";

  static final String TOWNSHIP_CODE = "township_code";
  static final String YEAR = "year";
  static final String OBSERVED_CHANGE = "observed_change";
  static final String EXPLAINED_CHANGE = "explained_change";
  static final String EXPLAINED_LOW = "explained_low";
  static final String EXPLAINED_HIGH = "explained_high";
  static final String REMAINDER = "remainder";

  /** Estimators: the township panel, registrations linked to sites, the district net effect. */
  static final String PANEL = "panel";

  static final String LINKAGE = "linkage";
  static final String DISTRICT = "district";
  static final String NAIVE = "naive_registrations";

  /** Lags: all departures of a unit vacated (within 13 months), or those in the same year. */
  static final String TOTAL = "total";

  static final String SAME_YEAR = "same_year";

  /**
   * The lead of the panel's pre-trend fit: next year's dose, the year before vacating. Not an
   * effect (zero without anticipation or selection on trends); consumers of effects skip it.
   */
  static final String LEAD_1 = "lead_1";

  static final String PERSONS_PER_10K_M2 = "persons per 10,000 m2";

  static final List<String> ESTIMATE_COLUMNS =
      List.of(
          RUN_ID,
          AS_OF,
          ESTIMATOR,
          KIND,
          LAG,
          ESTIMATE,
          UNIT,
          CI90_LOW,
          CI90_HIGH,
          CI95_LOW,
          CI95_HIGH,
          OBSERVATIONS,
          CLUSTERS,
          PRETREND_P,
          DIAGNOSTICS);

  static StructType estimateSchema() {
    return new StructType()
        .add(RUN_ID, DataTypes.StringType, false)
        .add(AS_OF, DataTypes.DateType, false)
        .add(ESTIMATOR, DataTypes.StringType, false)
        .add(KIND, DataTypes.StringType, false)
        .add(LAG, DataTypes.StringType, false)
        .add(ESTIMATE, DataTypes.DoubleType)
        .add(UNIT, DataTypes.StringType)
        .add(CI90_LOW, DataTypes.DoubleType)
        .add(CI90_HIGH, DataTypes.DoubleType)
        .add(CI95_LOW, DataTypes.DoubleType)
        .add(CI95_HIGH, DataTypes.DoubleType)
        .add(OBSERVATIONS, DataTypes.LongType)
        .add(CLUSTERS, DataTypes.IntegerType)
        .add(PRETREND_P, DataTypes.DoubleType)
        .add(DIAGNOSTICS, DataTypes.StringType);
  }

  static StructType attributionSchema() {
    return new StructType()
        .add(RUN_ID, DataTypes.StringType, false)
        .add(AS_OF, DataTypes.DateType, false)
        .add(TOWNSHIP_CODE, DataTypes.StringType, false)
        .add(YEAR, DataTypes.IntegerType, false)
        .add(OBSERVED_CHANGE, DataTypes.DoubleType)
        .add(EXPLAINED_CHANGE, DataTypes.DoubleType)
        .add(EXPLAINED_LOW, DataTypes.DoubleType)
        .add(EXPLAINED_HIGH, DataTypes.DoubleType)
        .add(REMAINDER, DataTypes.DoubleType);
  }
}
