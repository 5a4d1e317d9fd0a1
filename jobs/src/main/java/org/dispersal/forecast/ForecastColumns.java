package org.dispersal.forecast;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Column names of the tables the forecast reads and writes (documented in docs/tables.md). */
final class ForecastColumns {
  private ForecastColumns() {}

  // Read from the panel's gold tables.
  static final String TASK = "task";
  static final String METRIC = "metric";
  static final String UNIT = "unit";
  static final String TOWNSHIP_CODE = "township_code";
  static final String IS_DISTRICT = "is_district";
  static final String MONTH = "month";
  static final String COMPLETED = "completed";
  static final String YEAR_TARGET = "year_target";
  static final String PERIOD_TARGET = "period_target";
  static final String DIRECTION = "direction";
  static final String POPULATION_OFFICIAL = "resident_population_official";

  /** The ledger's direction of an at-most target (不多于); anything else is at least. */
  static final String AT_MOST_CN = "不多于";

  // Written.
  static final String RUN_ID = "run_id";
  static final String AS_OF = "as_of";
  static final String SCENARIO = "scenario";
  static final String SCOPE = "target_scope";
  static final String YEAR = "target_year";
  static final String TARGET_DIRECTION = "direction";
  static final String TARGET_VALUE = "target_value";
  static final String DEADLINE = "deadline";
  static final String ACHIEVED = "achieved_to_date";
  static final String P10 = "forecast_p10";
  static final String P50 = "forecast_p50";
  static final String P90 = "forecast_p90";
  static final String MEAN = "forecast_mean";
  static final String PROBABILITY = "probability_met";
  static final String STATUS = "status";
  static final String COMPLETION = "expected_completion";
  static final String MONTHS_LEFT = "months_left";
  static final String PACE_NEEDED = "pace_needed";
  static final String CURRENT_PACE = "current_pace";
  static final String MODEL = "model";
  static final String EFFECT_SOURCE = "effect_source";
  static final String NOTE = "note";
  static final String BASIS = "basis";

  static final StructType FORECASTS =
      new StructType()
          .add(RUN_ID, DataTypes.StringType, false)
          .add(AS_OF, DataTypes.DateType, false)
          .add(SCENARIO, DataTypes.StringType, false)
          .add(TASK, DataTypes.StringType, false)
          .add(METRIC, DataTypes.StringType, false)
          .add(UNIT, DataTypes.StringType)
          .add(TOWNSHIP_CODE, DataTypes.StringType, false)
          .add(IS_DISTRICT, DataTypes.BooleanType, false)
          .add(SCOPE, DataTypes.StringType, false)
          .add(YEAR, DataTypes.IntegerType, false)
          .add(TARGET_DIRECTION, DataTypes.StringType, false)
          .add(TARGET_VALUE, DataTypes.DoubleType, false)
          .add(DEADLINE, DataTypes.DateType, false)
          .add(ACHIEVED, DataTypes.DoubleType)
          .add(P10, DataTypes.DoubleType)
          .add(P50, DataTypes.DoubleType)
          .add(P90, DataTypes.DoubleType)
          .add(MEAN, DataTypes.DoubleType)
          .add(PROBABILITY, DataTypes.DoubleType)
          .add(STATUS, DataTypes.StringType)
          .add(COMPLETION, DataTypes.DateType)
          .add(MONTHS_LEFT, DataTypes.IntegerType)
          .add(PACE_NEEDED, DataTypes.DoubleType)
          .add(CURRENT_PACE, DataTypes.DoubleType)
          .add(MODEL, DataTypes.StringType)
          .add(EFFECT_SOURCE, DataTypes.StringType)
          .add(NOTE, DataTypes.StringType)
          .add(BASIS, DataTypes.StringType);

  static Row row(ForecastRow f, String runId, LocalDate asOf, String scenario, String basis) {
    Target t = f.target();
    return RowFactory.create(
        runId,
        Date.valueOf(asOf),
        scenario,
        t.task(),
        t.metric(),
        t.unit(),
        t.township(),
        t.district(),
        t.scope(),
        t.year(),
        t.atLeast() ? "at_least" : "at_most",
        t.value(),
        Date.valueOf(Months.end(t.deadline())),
        f.achieved(),
        f.p10(),
        f.p50(),
        f.p90(),
        f.mean(),
        f.probability(),
        f.status(),
        f.expectedCompletion() == null ? null : Date.valueOf(f.expectedCompletion()),
        f.monthsLeft(),
        f.paceNeeded(),
        f.currentPace(),
        f.model(),
        f.effectSource(),
        f.note(),
        basis);
  }

  // gold/forecast_backtest
  static final String MEASURE = "measure";
  static final String HORIZON = "horizon";
  static final String VALUE = "value";
  static final String COUNT = "n";
  static final String ORIGINS = "origins";

  static final StructType BACKTEST =
      new StructType()
          .add(RUN_ID, DataTypes.StringType, false)
          .add(AS_OF, DataTypes.DateType, false)
          .add(MEASURE, DataTypes.StringType, false)
          .add(HORIZON, DataTypes.IntegerType)
          .add(VALUE, DataTypes.DoubleType)
          .add(COUNT, DataTypes.LongType, false)
          .add(ORIGINS, DataTypes.StringType, false);

  // gold/forecast_scenarios
  static final String KIND = "kind";
  static final String PLANNED_AREA = "planned_area_m2";
  static final String SOURCE = "source";

  static final StructType SCENARIOS =
      new StructType()
          .add(RUN_ID, DataTypes.StringType, false)
          .add(AS_OF, DataTypes.DateType, false)
          .add(SCENARIO, DataTypes.StringType, false)
          .add(TOWNSHIP_CODE, DataTypes.StringType, false)
          .add(KIND, DataTypes.StringType, false)
          .add(PLANNED_AREA, DataTypes.DoubleType, false)
          .add(SOURCE, DataTypes.StringType, false);

  /** The kinds of vacated space the population forecast knows (the estimate stage's kinds). */
  static final List<String> KINDS =
      List.of("residential", "business_demolition", "business_closure", "group_rental", "basement");
}
