package org.dispersal.conform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dispersal.GeneratedLake;
import org.dispersal.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Conform on the generator's district, measured against the generator's truth: links, rebound
 * cases, inflated progress reports and as-of queries.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConformTruthTest {
  private GeneratedLake lake;
  private SparkSession spark;

  @BeforeAll
  void conform() {
    lake = GeneratedLake.get();
    spark = TestSpark.session();
    lake.truth("links.csv").createOrReplaceTempView("t_sites");
    lake.truth("rebound_sites.csv").createOrReplaceTempView("t_rebound");
    lake.truth("inflated_reports.csv").createOrReplaceTempView("t_inflated");
    for (String t :
        new String[] {
          "links",
          "rental",
          "license",
          "demolition",
          "rebound_watch",
          "city_district_comparison",
          "progress",
          "rental_history"
        }) {
      lake.table("silver/" + t).createOrReplaceTempView("s_" + t);
    }
  }

  private Row one(String sql) {
    return spark.sql(sql).first();
  }

  @Test
  void linksArePreciseAndFindNearlyAllTruePairs() {
    Row precision =
        one(
            "select count(*) total, sum(case when sd.site_id = st.site_id then 1 else 0 end) correct"
                + " from s_links l"
                + " left join t_sites sd on sd.ledger = 'demolition' and sd.business_key = l.record_id"
                + " left join t_sites st on st.ledger = l.target_ledger"
                + " and st.business_key = l.target_key");
    assertThat(precision.getLong(0)).isGreaterThan(1000);
    assertThat((double) precision.getLong(1) / precision.getLong(0)).isGreaterThanOrEqualTo(0.9);

    // True pairs: a demolition and a registration deregistered for 拆除, or an entity closed or
    // moved out, at the same site, both usable in silver.
    Row rental =
        one(
            "with pairs as (select distinct sd.business_key record_id, r.registration_id key"
                + " from t_sites sd join t_sites sr on sd.site_id = sr.site_id"
                + " and sd.ledger = 'demolition' and sr.ledger = 'rental'"
                + " join s_rental r on r.registration_id = sr.business_key"
                + " and r.deregistration_reason = '拆除'"
                + " join s_demolition d on d.record_id = sd.business_key)"
                + " select count(*), count(l.target_key) from pairs p left join s_links l"
                + " on l.record_id = p.record_id and l.target_key = p.key");
    Row license =
        one(
            "with pairs as (select distinct sd.business_key record_id, e.credit_code key"
                + " from t_sites sd join t_sites se on sd.site_id = se.site_id"
                + " and sd.ledger = 'demolition' and se.ledger = 'license'"
                + " join s_license e on e.credit_code = se.business_key"
                + " and e.rectification_action in ('关停取缔', '疏解迁出')"
                + " join s_demolition d on d.record_id = sd.business_key)"
                + " select count(*), count(l.target_key) from pairs p left join s_links l"
                + " on l.record_id = p.record_id and l.target_key = p.key");
    for (Row r : new Row[] {rental, license}) {
      assertThat(r.getLong(0)).isGreaterThan(200);
      assertThat((double) r.getLong(1) / r.getLong(0)).isGreaterThanOrEqualTo(0.9);
    }
  }

  @Test
  void reboundWatchFindsTheReoccupiedSites() {
    // Cases whose evidence record reached silver; a rebound with no evidence row cannot be seen.
    Row r =
        one(
            "select count(*), count(w.evidence_key) from t_rebound t"
                + " left join (select distinct evidence_key from s_rebound_watch) w"
                + " on w.evidence_key = t.evidence_key"
                + " where t.evidence_key is not null and ("
                + " exists (select 1 from s_rental x where x.registration_id = t.evidence_key)"
                + " or exists (select 1 from s_license x where x.credit_code = t.evidence_key)"
                + " or exists (select 1 from s_demolition x where x.record_id = t.evidence_key))");
    assertThat(r.getLong(0)).isGreaterThan(100);
    assertThat((double) r.getLong(1) / r.getLong(0)).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void inflatedReportsAreFlaggedAndHonestOnesAreNot() {
    // Inflated reports that reached silver (a report quarantined at ingest cannot be compared).
    Row r =
        one(
            "with flagged as (select * from s_city_district_comparison where flagged),"
                + " inflated as (select i.* from t_inflated i join s_progress p"
                + " on p.task = i.task and p.metric = i.metric"
                + " and p.township_code = i.township_code and p.month = i.month)"
                + " select (select count(*) from inflated),"
                + " (select count(*) from flagged),"
                + " (select count(*) from flagged f join inflated i on i.task = f.task"
                + " and i.metric = f.metric and i.township_code = f.township_code"
                + " and i.month = f.month)");
    long inflated = r.getLong(0);
    long flagged = r.getLong(1);
    long caught = r.getLong(2);
    assertThat(inflated).isGreaterThan(50);
    assertThat((double) caught / flagged).as("precision").isGreaterThanOrEqualTo(0.9);
    assertThat((double) caught / inflated).as("recall").isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void targetsHistoryKnowsWhenEachIssueWasSaved() {
    // The generator saves the targets on 2017-02-28 and their revision on 2019-07-15 (Beijing).
    List<Row> issues =
        lake.table("silver/targets_history")
            // The session's time zone is Beijing's.
            .groupBy(
                org.apache
                    .spark
                    .sql
                    .functions
                    .to_date(org.apache.spark.sql.functions.col(Silver.KNOWN_AT))
                    .as("day"))
            .count()
            .orderBy("day")
            .collectAsList();
    assertThat(issues)
        .extracting(r -> r.get(0).toString())
        .containsExactly("2017-02-28", "2019-07-15");
    assertThat(lake.table("silver/targets_history").count())
        .isGreaterThan(lake.table("silver/targets").count());
  }

  @Test
  void asOfQueryGivesTheStateOfThatDate() {
    Timestamp at = Timestamp.valueOf("2018-06-30 23:59:59");
    Dataset<Row> state = History.asOf(lake.table("silver/rental_history"), at);
    // One version per registration, and it is the last usable row updated by then.
    long rows = state.count();
    long keys = state.select(Cols.REGISTRATION_ID).distinct().count();
    assertThat(rows).isEqualTo(keys).isGreaterThan(1000);
    lake.table("silver/quarantine").createOrReplaceTempView("s_quarantine");
    lake.table("bronze/rental").createOrReplaceTempView("b_rental");
    state.createOrReplaceTempView("state");
    Row r =
        one(
            "with usable as (select * from b_rental b where not exists (select 1 from s_quarantine q"
                + " where q.ledger = 'rental' and q.delivery_id = b.delivery_id"
                + " and q.row_number = b.row_number) and b.updated_at <= timestamp'2018-06-30 23:59:59'),"
                + " latest as (select registration_id, max(updated_at) updated_at from usable"
                + " group by registration_id)"
                + " select (select count(*) from latest),"
                + " (select count(*) from latest l join state s on s.registration_id = l.registration_id"
                + " and s.updated_at = l.updated_at)");
    assertThat(r.getLong(1)).isEqualTo(r.getLong(0)).isEqualTo(keys);
  }
}
