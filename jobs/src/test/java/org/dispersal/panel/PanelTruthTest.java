package org.dispersal.panel;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dispersal.GeneratedLake;
import org.dispersal.TestSpark;
import org.dispersal.common.Townships;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The gold panel built by the pipeline from the generator's district, checked against silver. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PanelTruthTest {
  private SparkSession spark;
  private GeneratedLake lake;

  @BeforeAll
  void build() {
    lake = GeneratedLake.get();
    spark = TestSpark.session();
    lake.table("gold/township_month").createOrReplaceTempView("g_tm");
    lake.table("gold/task_progress").createOrReplaceTempView("g_tp");
    lake.table("silver/vacating_events").createOrReplaceTempView("s_events");
    lake.table("silver/city_district_comparison").createOrReplaceTempView("s_cmp");
  }

  private Row one(String sql) {
    return spark.sql(sql).first();
  }

  @Test
  void everyTownshipAndTheDistrictHaveEveryMonthOnce() {
    int townships = Townships.load().ofDistrict("110111").size();
    Row r =
        one(
            "select count(*), count(distinct township_code, month), count(distinct month),"
                + " count(distinct township_code), min(month), max(month) from g_tm");
    long months = r.getLong(2);
    assertThat(r.getString(5)).isEqualTo(GeneratedLake.AS_OF.toString().substring(0, 7));
    assertThat(r.getLong(3)).isEqualTo(townships + 1);
    assertThat(r.getLong(0)).isEqualTo(r.getLong(1)).isEqualTo(months * (townships + 1));
  }

  @Test
  void vacatedSpaceTotalsEqualSilverTotals() {
    for (String kind : PanelColumns.KINDS) {
      Row gold =
          one(
              "select coalesce(sum("
                  + PanelColumns.area(kind)
                  + "), 0), coalesce(sum("
                  + PanelColumns.count(kind)
                  + "), 0) from g_tm where not is_district");
      Row silver =
          one(
              "select coalesce(sum(e.floor_area_m2), 0), count(*) from s_events e"
                  + " where e.kind = '"
                  + kind
                  + "' and e.event_month >= (select min(month) from g_tm)"
                  + " and e.event_month <= (select max(month) from g_tm)");
      assertThat(((Number) gold.get(1)).longValue())
          .as(kind + " count")
          .isEqualTo(silver.getLong(1));
      assertThat(((Number) gold.get(0)).doubleValue())
          .as(kind + " area")
          .isCloseTo(
              ((Number) silver.get(0)).doubleValue(), org.assertj.core.data.Offset.offset(0.5));
    }
    assertThat(
            one("select sum(vacated_area_residential_m2) from g_tm where not is_district")
                .getDouble(0))
        .isGreaterThan(100_000);
  }

  @Test
  void districtRowsAreTheSumOfTheTownships() {
    for (String c : TownshipMonth.additiveColumns()) {
      Row r =
          one(
              "select count(*) from (select month, sum(case when is_district then "
                  + c
                  + " else 0 end) d, sum(case when is_district then 0 else "
                  + c
                  + " end) t from g_tm group by month) where abs(d - t) > 1e-6");
      assertThat(r.getLong(0)).as(c).isZero();
    }
  }

  @Test
  void ledgerTaskProgressEqualsTheDerivedFigures() {
    Row r =
        one(
            "select (select round(sum(completed), 2) from g_tp where source = 'ledger'"
                + " and not is_district),"
                + " (select round(sum(derived), 2) from s_cmp c where c.derived is not null"
                + " and c.month >= (select min(month) from g_tp)"
                + " and c.month <= (select max(month) from g_tp))");
    assertThat(((Number) r.get(0)).doubleValue())
        .isGreaterThan(0)
        .isEqualTo(((Number) r.get(1)).doubleValue());
  }
}
