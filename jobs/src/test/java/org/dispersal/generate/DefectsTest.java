package org.dispersal.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every defect kind is injected and listed with file and row, and shows where it is said to. */
class DefectsTest {
  private final Generated g = Generated.district();

  @Test
  void everyKindIsPresentAtTheDefaultRate() {
    Set<String> kinds = g.defects.stream().map(d -> d.get("kind")).collect(Collectors.toSet());
    for (DefectKind k : DefectKind.values()) {
      assertThat(kinds).contains(k.id);
    }
    assertThat(g.summary.defects().keySet())
        .containsExactlyInAnyOrderElementsOf(
            java.util.Arrays.stream(DefectKind.values()).map(k -> k.id).toList());
  }

  @Test
  void ratesAreAboutTwoPercentOfRowsPerKind() {
    Map<String, Long> perKind =
        g.defects.stream()
            .collect(Collectors.groupingBy(d -> d.get("kind"), Collectors.counting()));
    long rows = g.records.values().stream().mapToLong(List::size).sum();
    for (String kind : List.of("duplicate", "township_unknown", "missing_required")) {
      assertThat(perKind.get(kind) / (double) rows).as(kind).isBetween(0.01, 0.03);
    }
  }

  @Test
  void usesTheVocabularyOfTheQualityRules() {
    Map<String, String> rules = new HashMap<>();
    for (DefectKind k : DefectKind.values()) {
      rules.put(k.id, k.rule);
    }
    for (Map<String, String> d : g.defects) {
      assertThat(d.get("expected_rule")).isEqualTo(rules.get(d.get("kind")));
      assertThat(d.get("ledger")).isIn(Contract.CHINESE.keySet());
      assertThat(d.get("file")).startsWith(d.get("ledger") + "/");
    }
  }

  @Test
  void eachRowDefectIsVisibleInItsRow() {
    Map<String, Landing.Record> byRow = new HashMap<>();
    for (List<Landing.Record> rs : g.records.values()) {
      for (Landing.Record r : rs) {
        byRow.put(r.file() + "#" + r.row(), r);
      }
    }
    Map<DefectKind, Integer> checked = new EnumMap<>(DefectKind.class);
    for (Map<String, String> d : g.defects) {
      if (d.get("row").isEmpty()) {
        continue;
      }
      Landing.Record r = byRow.get(d.get("file") + "#" + d.get("row"));
      assertThat(r).as(d.toString()).isNotNull();
      String v = d.get("field").isEmpty() ? null : r.get(d.get("field"));
      DefectKind kind = DefectKind.valueOf(d.get("kind").toUpperCase(java.util.Locale.ROOT));
      switch (kind) {
        case TOWNSHIP_MISSPELLED -> assertThat(g.resolve.get(v)).isEqualTo(d.get("true_value"));
        case TOWNSHIP_UNKNOWN -> assertThat(g.resolve).doesNotContainKey(v);
        case AREA_NEGATIVE -> assertThat(Double.parseDouble(v)).isLessThanOrEqualTo(0);
        case AREA_ABSURD -> assertThat(Double.parseDouble(v)).isGreaterThan(1_000_000);
        case DATE_FUTURE -> assertThat(Contract.date(v)).isAfter(Generated.AS_OF);
        case DATE_BEFORE_2000 -> assertThat(Contract.date(v)).isBefore(LocalDate.of(2000, 1, 1));
        case MISSING_REQUIRED -> assertThat(v).isEmpty();
        case ID_NUMBER_CHECK, CREDIT_CODE_CHECK -> assertThat(v).isNotEqualTo(d.get("true_value"));
        case DUPLICATE -> {
          String[] ref = d.get("detail").replace("repeats ", "").split(" row ");
          Landing.Record first = byRow.get(ref[0] + "#" + ref[1]);
          for (Map.Entry<String, String> e : r.fields().entrySet()) {
            assertThat(same(e.getValue(), first.get(e.getKey()))).as(d + " " + e.getKey()).isTrue();
          }
        }
        case CORRECTION -> {
          String[] ref = d.get("detail").replace("corrects ", "").split(" \\(")[0].split(" row ");
          Landing.Record wrong = byRow.get(ref[0] + "#" + ref[1]);
          assertThat(Contract.dateTime(r.get("更新时间")))
              .isAfter(Contract.dateTime(wrong.get("更新时间")));
          assertThat(v).isEqualTo(d.get("true_value")).isNotEqualTo(wrong.get(d.get("field")));
        }
        default -> throw new AssertionError(d);
      }
      checked.merge(kind, 1, Integer::sum);
    }
    assertThat(checked).hasSize(11);
  }

  /** The same value, perhaps exported in another date form or number format. */
  static boolean same(String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    if (Contract.dateTime(a) != null && Contract.dateTime(b) != null) {
      // Older exports print datetimes to the minute.
      return Contract.dateTime(a)
          .truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
          .equals(Contract.dateTime(b).truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
    }
    try {
      return Double.parseDouble(a) == Double.parseDouble(b);
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
