package org.dispersal.scratch;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dispersal.TestSpark;
import org.junit.jupiter.api.Test;

class ScratchEvalTest {
  @Test
  void eval() {
    String lake = "/tmp/demo1/data/lake";
    String truth = "/tmp/demo1/data/landing/_truth";
    SparkSession spark = TestSpark.session();
    Dataset<Row> links = spark.read().format("delta").load(lake + "/silver/links");
    Dataset<Row> sites = spark.read().option("header", true).csv(truth + "/links.csv");
    sites.createOrReplaceTempView("sites");
    links.createOrReplaceTempView("links");
    spark.read().format("delta").load(lake + "/silver/rental").createOrReplaceTempView("rental");
    spark.read().format("delta").load(lake + "/silver/license").createOrReplaceTempView("license");
    spark
        .read()
        .format("delta")
        .load(lake + "/silver/demolition")
        .createOrReplaceTempView("demolition");
    System.out.println("links by ledger/method:");
    spark.sql("select target_ledger, link_method, count(*) n from links group by 1,2").show();
    System.out.println("precision:");
    spark
        .sql(
            "select l.target_ledger, count(*) total, sum(case when sd.site_id = st.site_id then 1 else 0 end) correct "
                + "from links l left join sites sd on sd.ledger='demolition' and sd.business_key = l.record_id "
                + "left join sites st on st.ledger = l.target_ledger and st.business_key = l.target_key group by 1")
        .show();
    System.out.println("recall rental (deregistered 拆除, site has a demolition):");
    spark
        .sql(
            "with truepairs as (select distinct sd.business_key record_id, r.registration_id target_key from sites sd "
                + "join sites sr on sd.site_id = sr.site_id and sd.ledger='demolition' and sr.ledger='rental' "
                + "join rental r on r.registration_id = sr.business_key and r.deregistration_reason = '拆除' "
                + "join demolition d on d.record_id = sd.business_key) "
                + "select count(*) truth, sum(case when l.target_key is not null then 1 else 0 end) found "
                + "from truepairs t left join links l on l.record_id = t.record_id and l.target_key = t.target_key")
        .show();
    spark
        .sql(
            "with truepairs as (select distinct sd.business_key record_id, e.credit_code target_key from sites sd "
                + "join sites se on sd.site_id = se.site_id and sd.ledger='demolition' and se.ledger='license' "
                + "join license e on e.credit_code = se.business_key and e.rectification_action in ('关停取缔','疏解迁出') "
                + "join demolition d on d.record_id = sd.business_key) "
                + "select count(*) truth, sum(case when l.target_key is not null then 1 else 0 end) found "
                + "from truepairs t left join links l on l.record_id = t.record_id and l.target_key = t.target_key")
        .show();
    Dataset<Row> rebound = spark.read().option("header", true).csv(truth + "/rebound_sites.csv");
    rebound.createOrReplaceTempView("rebound_truth");
    spark
        .read()
        .format("delta")
        .load(lake + "/silver/rebound_watch")
        .createOrReplaceTempView("watch");
    System.out.println("rebound recall:");
    spark
        .sql("select rebound_kind, evidence_ledger, count(*) from rebound_truth group by 1,2")
        .show();
    spark
        .sql(
            "select t.rebound_kind, count(*) truth, sum(case when w.evidence_key is not null then 1 else 0 end) found "
                + "from rebound_truth t left join (select distinct evidence_ledger, evidence_key from watch) w "
                + "on w.evidence_key = t.evidence_key group by 1")
        .show();
    spark.sql("select count(*) watch_rows, count(distinct evidence_key) from watch").show();
    Dataset<Row> inflated =
        spark.read().option("header", true).csv(truth + "/inflated_reports.csv");
    inflated.createOrReplaceTempView("inflated");
    spark
        .read()
        .format("delta")
        .load(lake + "/silver/city_district_comparison")
        .createOrReplaceTempView("cmp");
    System.out.println("inflated reports:");
    spark
        .sql(
            "select count(*) flagged, sum(case when i.task is not null then 1 else 0 end) true_pos from cmp c "
                + "left join inflated i on i.township_code = c.township_code and i.task = c.task and i.metric = c.metric and i.month = c.month "
                + "where c.flagged")
        .show();
    spark
        .sql(
            "select count(*) inflated, sum(case when c.flagged then 1 else 0 end) caught from inflated i left join cmp c "
                + "on i.township_code = c.township_code and i.task = c.task and i.metric = c.metric and i.month = c.month")
        .show();
    spark
        .sql(
            "select metric, count(*), sum(case when flagged then 1 else 0 end) from cmp group by 1")
        .show();
    spark.sql("select status, count(*) from cmp group by 1").show(false);
    spark
        .sql(
            "select c.* from cmp c left join inflated i on i.township_code = c.township_code and i.task = c.task and i.metric = c.metric and i.month = c.month where c.flagged and i.task is null limit 25")
        .show(25, false);
  }
}
