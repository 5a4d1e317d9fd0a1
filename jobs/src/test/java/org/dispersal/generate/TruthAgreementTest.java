package org.dispersal.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The truth and the ledgers agree once the injected defects are undone: vacated space, the
 * registration coverage, the population figures and the townships' progress reports.
 */
class TruthAgreementTest {
  private final Generated g = Generated.district();

  private static String month(String date) {
    return YearMonth.from(Contract.date(date)).toString();
  }

  /** Truth area per township-month for the given vacated kinds. */
  private Map<String, Double> truthArea(Set<String> kinds) throws Exception {
    Map<String, Double> out = new TreeMap<>();
    for (Map<String, String> v : g.truth("vacated_by_month.csv")) {
      if (kinds.contains(v.get("kind"))) {
        out.merge(
            v.get("township_code") + " " + v.get("month"),
            Double.parseDouble(v.get("area_m2")),
            Double::sum);
      }
    }
    return out;
  }

  private static void assertSameAreas(Map<String, Double> ledger, Map<String, Double> truth) {
    assertThat(ledger.keySet()).isEqualTo(truth.keySet());
    for (String k : truth.keySet()) {
      assertThat(ledger.get(k)).as(k).isCloseTo(truth.get(k), within(0.05));
    }
  }

  @Test
  void demolishedAreaInTheTruthIsTheLedgersOnceDefectsAreUndone() throws Exception {
    for (String kind :
        List.of("residential_demolition", "business_demolition", "other_demolition")) {
      Map<String, Double> ledger = new TreeMap<>();
      for (Landing.Record r : g.latest("demolition", "台账编号").values()) {
        String use = r.get("原用途");
        String k =
            use.equals("居住出租")
                ? "residential_demolition"
                : use.equals("闲置") || use.equals("其他") ? "other_demolition" : "business_demolition";
        if (k.equals(kind)) {
          ledger.merge(
              r.get("乡镇街道") + " " + month(r.get("拆除日期")),
              Double.parseDouble(r.get("拆除面积")),
              Double::sum);
        }
      }
      assertSameAreas(ledger, truthArea(Set.of(kind)));
    }
  }

  @Test
  void clearedGroupRentalsAndBasementsAreTheCancelledRegistrations() throws Exception {
    Map<String, Landing.Record> latest = g.latest("rental", "登记编号");
    for (String[] kind :
        new String[][] {{"群租清理", "group_rental_clearance"}, {"地下空间清理", "basement_clearance"}}) {
      Map<String, Double> ledger = new TreeMap<>();
      for (Landing.Record r : latest.values()) {
        if (r.get("注销原因").equals(kind[0])) {
          ledger.merge(
              r.get("乡镇街道") + " " + month(r.get("注销日期")),
              Double.parseDouble(r.get("出租面积")),
              Double::sum);
        }
      }
      assertSameAreas(ledger, truthArea(Set.of(kind[1])));
    }
  }

  @Test
  void businessClosuresAreRectificationsOnPremisesNotDemolished() throws Exception {
    Map<String, String> siteOf = new HashMap<>();
    for (Map<String, String> l : g.truth("links.csv")) {
      siteOf.put(l.get("ledger") + " " + l.get("business_key"), l.get("site_id"));
    }
    Set<String> demolishedOn = new HashSet<>();
    for (Landing.Record r : g.latest("demolition", "台账编号").values()) {
      String site = siteOf.get("demolition " + r.get("台账编号"));
      if (site != null) {
        demolishedOn.add(site + " " + Contract.date(r.get("拆除日期")));
      }
    }
    Map<String, Double> ledger = new TreeMap<>();
    for (Landing.Record r : g.latest("license", "统一社会信用代码").values()) {
      boolean category = List.of("散乱污", "一般制造业", "区域性专业市场").contains(r.get("整治类别"));
      boolean vacating = List.of("关停取缔", "疏解迁出").contains(r.get("整治措施"));
      String site = siteOf.get("license " + r.get("统一社会信用代码"));
      if (category
          && vacating
          && !demolishedOn.contains(site + " " + Contract.date(r.get("整治日期")))) {
        ledger.merge(
            r.get("乡镇街道") + " " + month(r.get("整治日期")),
            Double.parseDouble(r.get("经营面积")),
            Double::sum);
      }
    }
    assertSameAreas(ledger, truthArea(Set.of("business_closure")));
  }

  @Test
  void registeredTenantsInTheTruthAreTheActiveRegistrations() throws Exception {
    Map<String, Landing.Record> latest = g.latest("rental", "登记编号");
    Map<String, Long> truth = new HashMap<>();
    for (Map<String, String> c : g.truth("coverage_by_month.csv")) {
      truth.put(
          c.get("township_code") + " " + c.get("month"),
          Long.parseLong(c.get("registered_tenants")));
    }
    for (String m : List.of("2015-01", "2016-06", "2017-09", "2018-12", "2020-06")) {
      LocalDate end = YearMonth.parse(m).atEndOfMonth();
      Map<String, Long> active = new HashMap<>();
      for (Landing.Record r : latest.values()) {
        LocalDate from = Contract.date(r.get("登记日期"));
        String to = r.get("注销日期");
        if (!from.isAfter(end) && (to.isEmpty() || Contract.date(to).isAfter(end))) {
          active.merge(r.get("乡镇街道"), Long.parseLong(r.get("承租人数")), Long::sum);
        }
      }
      for (Map.Entry<String, Long> e : active.entrySet()) {
        assertThat(e.getValue())
            .as(e.getKey() + " " + m)
            .isEqualTo(truth.get(e.getKey() + " " + m));
      }
      assertThat(active.values().stream().mapToLong(Long::longValue).sum())
          .isEqualTo(truth.get(Generated.DISTRICT + " " + m));
    }
  }

  @Test
  void coverageRisesWhileTheTenantsItCoversDecline() throws Exception {
    Map<String, Map<String, String>> district = new HashMap<>();
    for (Map<String, String> c : g.truth("coverage_by_month.csv")) {
      if (c.get("township_code").equals(Generated.DISTRICT)) {
        district.put(c.get("month"), c);
      }
    }
    double early = Double.parseDouble(district.get("2015-06").get("coverage"));
    double late = Double.parseDouble(district.get("2020-06").get("coverage"));
    assertThat(late).isGreaterThan(early + 0.2);
    assertThat(Long.parseLong(district.get("2020-06").get("registered_tenants")))
        .isGreaterThan(Long.parseLong(district.get("2015-06").get("registered_tenants")));
    assertThat(Long.parseLong(district.get("2020-06").get("true_tenants")))
        .isLessThan(Long.parseLong(district.get("2015-06").get("true_tenants")));
  }

  @Test
  void populationMatchesThePublishedTotalsAndTheOfficialFiguresAreTruthPlusNoise()
      throws Exception {
    Map<String, Long> truth = new HashMap<>();
    Map<String, Long> district = new HashMap<>();
    for (Map<String, String> p : g.truth("population_by_month.csv")) {
      long total = Long.parseLong(p.get("total"));
      long sum = 0;
      for (String c :
          List.of(
              "hukou",
              "formal_housing",
              "rented_rooms",
              "group_rentals",
              "basements",
              "illegal_structures",
              "onsite_employees",
              "displaced_pending",
              "spillover_in")) {
        sum += Long.parseLong(p.get(c));
      }
      assertThat(sum).isEqualTo(total);
      truth.put(p.get("township_code") + " " + p.get("month"), total);
      district.merge(p.get("month"), total, Long::sum);
    }
    assertThat((double) district.get("2016-12")).isCloseTo(1_100_000, within(100.0));
    assertThat((double) district.get("2018-12")).isCloseTo(1_190_000, within(100.0));
    int rows = 0;
    for (Landing.Record raw : g.records.get("population")) {
      Landing.Record r = g.repaired(raw);
      long official = Long.parseLong(r.get("常住人口"));
      assertThat(official - Long.parseLong(r.get("户籍人口")))
          .isEqualTo(Long.parseLong(r.get("常住外来人口")));
      String month = r.get("年份") + "-12";
      boolean total = r.get("乡镇街道").equals(Generated.DISTRICT);
      long expected = total ? district.get(month) : truth.get(r.get("乡镇街道") + " " + month);
      double sd = total ? Model.DISTRICT_NOISE : Model.SURVEY_NOISE;
      assertThat((double) official)
          .as(r.file() + " row " + r.row())
          .isCloseTo(expected, within(5 * sd * expected + 1));
      assertThat(r.get("口径")).isEqualTo("抽样推算");
      rows++;
    }
    assertThat(rows).isEqualTo(5 * 29);
  }

  @Test
  void progressReportsEqualTheLedgersExceptTheInflatedOnes() throws Exception {
    Map<String, Double> ledger = ledgerProgress();
    Set<String> inflated = new HashSet<>();
    for (Map<String, String> i : g.truth("inflated_reports.csv")) {
      inflated.add(i.get("file") + "#" + i.get("row"));
      assertThat(Double.parseDouble(i.get("reported_value")))
          .isGreaterThan(Double.parseDouble(i.get("ledger_value")));
    }
    assertThat(inflated).isNotEmpty();
    Set<String> differing = new HashSet<>();
    int compared = 0;
    for (Landing.Record raw : g.records.get("progress")) {
      Landing.Record r = g.repaired(raw);
      String metric = r.get("指标");
      if (!LEDGER_BACKED.contains(metric)) {
        continue;
      }
      double truth = ledger.getOrDefault(r.get("乡镇街道") + " " + r.get("月份") + " " + metric, 0.0);
      if (Math.abs(Double.parseDouble(r.get("本月完成")) - truth) > 0.011) {
        differing.add(r.file() + "#" + r.row());
      }
      compared++;
    }
    assertThat(compared).isGreaterThan(10_000);
    assertThat(differing).isEqualTo(inflated);
  }

  private static final Set<String> LEDGER_BACKED =
      Set.of(
          "拆除面积", "新增违建宗数", "无证无照经营", "开墙打洞", "占道经营", "散乱污企业", "一般制造业企业", "区域性专业市场", "群租房", "地下空间");

  private Map<String, Double> ledgerProgress() {
    Map<String, Double> out = new HashMap<>();
    for (Landing.Record r : g.latest("demolition", "台账编号").values()) {
      String k = r.get("乡镇街道") + " " + month(r.get("拆除日期"));
      out.merge(k + " 拆除面积", Double.parseDouble(r.get("拆除面积")), Double::sum);
      if (r.get("是否新增").equals("是")) {
        out.merge(k + " 新增违建宗数", 1.0, Double::sum);
      }
    }
    Map<String, String> metric =
        Map.of(
            "散乱污", "散乱污企业", "一般制造业", "一般制造业企业", "区域性专业市场", "区域性专业市场", "无证无照", "无证无照经营", "开墙打洞",
            "开墙打洞", "占道经营", "占道经营");
    for (Landing.Record r : g.latest("license", "统一社会信用代码").values()) {
      if (!r.get("整治类别").isEmpty()) {
        out.merge(
            r.get("乡镇街道") + " " + month(r.get("整治日期")) + " " + metric.get(r.get("整治类别")),
            1.0,
            Double::sum);
      }
    }
    for (Landing.Record r : g.latest("rental", "登记编号").values()) {
      String reason = r.get("注销原因");
      if (reason.equals("群租清理") || reason.equals("地下空间清理")) {
        String m = reason.equals("群租清理") ? "群租房" : "地下空间";
        out.merge(r.get("乡镇街道") + " " + month(r.get("注销日期")) + " " + m, 1.0, Double::sum);
      }
    }
    return out;
  }

  @Test
  void publishedDistrictFiguresFor2019AreMet() {
    double area2019 = 0;
    for (Landing.Record r : g.latest("demolition", "台账编号").values()) {
      if (r.get("拆除日期").startsWith("2019") || Contract.date(r.get("拆除日期")).getYear() == 2019) {
        area2019 += Double.parseDouble(r.get("拆除面积"));
      }
    }
    assertThat(area2019).isBetween(2.5e6, 3.5e6);
    int polluting = 0;
    int manufacturing = 0;
    for (Landing.Record r : g.latest("license", "统一社会信用代码").values()) {
      boolean closed = List.of("关停取缔", "疏解迁出").contains(r.get("整治措施"));
      if (closed && !r.get("整治日期").isEmpty() && Contract.date(r.get("整治日期")).getYear() == 2019) {
        polluting += r.get("整治类别").equals("散乱污") ? 1 : 0;
        manufacturing += r.get("整治类别").equals("一般制造业") ? 1 : 0;
      }
    }
    assertThat(polluting).isBetween(110, 190);
    assertThat(manufacturing).isBetween(18, 45);
  }
}
