package org.dispersal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.dispersal.TestSpark;
import org.junit.jupiter.api.Test;

/** Each row rule on a few inline staged rows: which rule, which field, and the reason's wording. */
class RowRulesTest {
  private static final RowRules.Limits LIMITS = new RowRules.Limits(LocalDate.of(2020, 6, 30), 1e6);

  /** A valid staged rental record with some cells replaced. */
  private static Map<String, Object> rental(Object... edits) {
    Map<String, Object> v = new HashMap<>();
    v.put("registration_id", "R1");
    v.put("township", "长阳镇");
    v.put("housing_type", "平房");
    v.put("rented_area_m2", "40.5");
    v.put("tenant_count", "3");
    v.put("group_rental", "否");
    v.put("landlord_id_number_hash", "hash");
    v.put("landlord_id_number_valid", true);
    v.put("registered_on", "2018-03-05");
    v.put("updated_at", "2019-01-01 10:00");
    for (int i = 0; i < edits.length; i += 2) {
      v.put((String) edits[i], edits[i + 1]);
    }
    return v;
  }

  private static Map<String, Object> license(Object... edits) {
    Map<String, Object> v = new HashMap<>();
    v.put("credit_code", Fixtures.creditCode("91110111MA01ABCD2"));
    v.put("entity_type", "企业");
    v.put("township", "长阳");
    v.put("updated_at", "2019-05-01");
    for (int i = 0; i < edits.length; i += 2) {
      v.put((String) edits[i], edits[i + 1]);
    }
    return v;
  }

  @SafeVarargs
  private static Dataset<Row> staged(Ledger ledger, Map<String, Object>... rows) {
    StructType schema = Staging.schema(ledger);
    List<Row> list = new ArrayList<>();
    int n = 2;
    for (Map<String, Object> values : rows) {
      Object[] v = new Object[schema.size()];
      v[0] = Staging.RECORD;
      v[1] = "d1";
      v[2] = values.containsKey("row") ? values.get("row") : n;
      v[3] = values.getOrDefault("fields", 15);
      v[4] = 15;
      for (Map.Entry<String, Object> e : values.entrySet()) {
        if (!List.of("row", "fields").contains(e.getKey())) {
          v[schema.fieldIndex(e.getKey())] = e.getValue();
        }
      }
      list.add(RowFactory.create(v));
      n++;
    }
    return TestSpark.session().createDataFrame(list, schema);
  }

  private static List<Row> failures(Dataset<Row> in, Ledger ledger) {
    return Failures.split(RowRules.validate(in, ledger, LIMITS))
        .select(RowRules.RULE_ID, RowRules.FIELD, RowRules.REASON)
        .collectAsList();
  }

  /** The rule of each row, in order (null when the row passes). */
  private static List<String> rules(Dataset<Row> in, Ledger ledger) {
    return failures(in, ledger).stream().map(r -> r.getString(0)).toList();
  }

  @Test
  void validRowsPassEveryRule() {
    assertThat(rules(staged(Ledger.RENTAL, rental(), rental("tenant_count", "0")), Ledger.RENTAL))
        .containsExactly(null, null);
  }

  @Test
  void rowColumnsWhenTheFieldCountDiffers() {
    List<Row> f = failures(staged(Ledger.RENTAL, Map.of("fields", 16, "row", 1204)), Ledger.RENTAL);
    assertThat(f.get(0).getString(0)).isEqualTo(Rules.ROW_COLUMNS);
    assertThat(f.get(0).getString(2))
        .isEqualTo("第 1,204 行: 有 16 个字段, 表头有 15 个 / 16 fields where the header has 15");
  }

  @Test
  void requiredMissingForKeysTownshipsAndKeyDates() {
    Dataset<Row> in =
        staged(
            Ledger.RENTAL,
            rental("registration_id", null),
            rental("township", null),
            rental("registered_on", null),
            rental("updated_at", null),
            rental("community", null, "rented_area_m2", null));
    List<Row> f = failures(in, Ledger.RENTAL);
    assertThat(f.stream().map(r -> r.getString(1)).toList())
        .containsExactly("registration_id", "township", "registered_on", "updated_at", null);
    assertThat(f.get(1).getString(0)).isEqualTo(Rules.REQUIRED_MISSING);
    assertThat(f.get(1).getString(2)).isEqualTo("第 3 行: 必填项 乡镇街道 为空 / required township is empty");
    // A demolition's area is required too.
    Map<String, Object> demolition =
        new HashMap<>(
            Map.of(
                "record_id",
                "D1",
                "township",
                "良乡",
                "demolished_on",
                "2018-06-01",
                "updated_at",
                "2018-06-02"));
    assertThat(rules(staged(Ledger.DEMOLITION, demolition), Ledger.DEMOLITION))
        .containsExactly(Rules.REQUIRED_MISSING);
  }

  @Test
  void numberInvalidForNumbersAndWholeNumbers() {
    Dataset<Row> in =
        staged(
            Ledger.RENTAL,
            rental("rented_area_m2", "四十"),
            rental("rented_area_m2", "NaN"),
            rental("tenant_count", "2.5"),
            rental("rented_area_m2", "1,234.5", "tenant_count", "3.0"));
    List<Row> f = failures(in, Ledger.RENTAL);
    assertThat(f.stream().map(r -> r.getString(0)).toList())
        .containsExactly(Rules.NUMBER_INVALID, Rules.NUMBER_INVALID, Rules.NUMBER_INVALID, null);
    assertThat(f.get(0).getString(2)).isEqualTo("第 2 行: 出租面积 \"四十\" 不是数字 / is not a number");
    assertThat(f.get(2).getString(2)).contains("承租人数 \"2.5\" 不是整数");
  }

  @Test
  void areaRangeBelowOrAtZeroAndAboveTheCeiling() {
    Dataset<Row> in =
        staged(
            Ledger.RENTAL,
            rental("rented_area_m2", "0"),
            rental("rented_area_m2", "-12"),
            rental("rented_area_m2", "1000001"),
            rental("rented_area_m2", "1000000"));
    assertThat(rules(in, Ledger.RENTAL))
        .containsExactly(Rules.AREA_RANGE, Rules.AREA_RANGE, Rules.AREA_RANGE, null);
    assertThat(failures(in, Ledger.RENTAL).get(1).getString(2))
        .isEqualTo(
            "第 3 行: 出租面积 \"-12\" 超出范围, 应大于 0 且不超过 1,000,000 平方米 / must be > 0 and at most 1,000,000 m²");
  }

  @Test
  void countRangeForNegativeCounts() {
    assertThat(rules(staged(Ledger.RENTAL, rental("tenant_count", "-1")), Ledger.RENTAL))
        .containsExactly(Rules.COUNT_RANGE);
    Map<String, Object> pop =
        new HashMap<>(Map.of("township", "长阳镇", "year", "2019", "resident_population", "-5"));
    assertThat(rules(staged(Ledger.POPULATION, pop), Ledger.POPULATION))
        .containsExactly(Rules.COUNT_RANGE);
  }

  @Test
  void dateInvalidForDatesDatetimesAndMonths() {
    Dataset<Row> in =
        staged(
            Ledger.RENTAL,
            rental("registered_on", "2019.3.5"),
            rental("updated_at", "昨天"),
            rental("deregistered_on", "2019-02-30"));
    assertThat(rules(in, Ledger.RENTAL)).containsOnly(Rules.DATE_INVALID);
    Map<String, Object> progress =
        new HashMap<>(
            Map.of(
                "task",
                "T1",
                "metric",
                "拆除面积",
                "township",
                "长阳",
                "month",
                "2019年13月",
                "completed",
                "5"));
    assertThat(rules(staged(Ledger.PROGRESS, progress), Ledger.PROGRESS))
        .containsExactly(Rules.DATE_INVALID);
  }

  @Test
  void dateRangeBefore2000AfterTheAsOfDateAndYearsLikewise() {
    Dataset<Row> in =
        staged(
            Ledger.RENTAL,
            rental("registered_on", "1999-12-31"),
            rental("registered_on", "2020-07-01"),
            rental("updated_at", "2020-07-01 00:00"),
            rental("registered_on", "2000-01-01", "updated_at", "2020-06-30 23:59"));
    assertThat(rules(in, Ledger.RENTAL))
        .containsExactly(Rules.DATE_RANGE, Rules.DATE_RANGE, Rules.DATE_RANGE, null);
    assertThat(failures(in, Ledger.RENTAL).get(1).getString(2))
        .isEqualTo(
            "第 3 行: 登记日期 \"2020-07-01\" 超出范围 (2000-01-01 至 2020-06-30) / is outside 2000-01-01 to 2020-06-30");
    Map<String, Object> pop =
        new HashMap<>(Map.of("township", "长阳镇", "year", "2021", "resident_population", "5"));
    assertThat(rules(staged(Ledger.POPULATION, pop), Ledger.POPULATION))
        .containsExactly(Rules.DATE_RANGE);
    Map<String, Object> target =
        new HashMap<>(
            Map.of(
                "task",
                "T1",
                "metric",
                "拆除面积",
                "township",
                "长阳",
                "year",
                "2016",
                "target_value",
                "5"));
    assertThat(rules(staged(Ledger.TARGETS, target), Ledger.TARGETS))
        .containsExactly(Rules.DATE_RANGE);
  }

  @Test
  void enumInvalidOutsideTheListIncludingYesNo() {
    Dataset<Row> in =
        staged(
            Ledger.RENTAL,
            rental("housing_type", "别墅"),
            rental("group_rental", "Y"),
            rental("deregistration_reason", "到期"));
    assertThat(rules(in, Ledger.RENTAL))
        .containsExactly(Rules.ENUM_INVALID, Rules.ENUM_INVALID, null);
    assertThat(failures(in, Ledger.RENTAL).get(0).getString(2))
        .startsWith("第 2 行: 房屋类型 \"别墅\" 不在取值范围内 (楼房, 平房, 地下室, 集体宿舍, 违法建设)");
  }

  @Test
  void creditCodeCheckForEnterprisesAndIndividualBusinessesOnly() {
    Dataset<Row> in =
        staged(
            Ledger.LICENSE,
            license(),
            license("credit_code", Fixtures.badCreditCode("91110111MA01ABCD2")),
            license("credit_code", "9111011"),
            license("credit_code", "CASE-2018-0042", "entity_type", "无照经营户"),
            license(
                "credit_code",
                Fixtures.creditCode("92110111MA01ABCD2").toLowerCase(),
                "entity_type",
                "个体工商户"));
    List<Row> f = failures(in, Ledger.LICENSE);
    assertThat(f.stream().map(r -> r.getString(0)).toList())
        .containsExactly(null, Rules.CREDIT_CODE_CHECK, Rules.CREDIT_CODE_CHECK, null, null);
    assertThat(f.get(1).getString(2))
        .isEqualTo("第 3 行: 统一社会信用代码 9111011… 校验位错误 / bad check character");
    assertThat(f.get(2).getString(2)).contains("应为 18 位 / must be 18 characters");
  }

  @Test
  void theFirstRuleInOrderWinsAndReasonsNeverQuotePersonalNumbers() {
    // Missing township and a bad area: required.missing comes first.
    assertThat(
            rules(
                staged(Ledger.RENTAL, rental("township", null, "rented_area_m2", "-1")),
                Ledger.RENTAL))
        .containsExactly(Rules.REQUIRED_MISSING);
    // A phone number typed into a number column is masked in the reason.
    List<Row> f =
        failures(staged(Ledger.RENTAL, rental("tenant_count", "13812345678 张")), Ledger.RENTAL);
    assertThat(f.get(0).getString(2)).contains("<masked>").doesNotContain("13812345678");
  }
}
