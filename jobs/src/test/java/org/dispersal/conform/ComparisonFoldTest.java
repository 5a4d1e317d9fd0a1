package org.dispersal.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.round;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.dispersal.GeneratedLake;
import org.dispersal.TestSpark;
import org.junit.jupiter.api.Test;

/**
 * The generated lake's second night folded one demolition file: its city–district comparison
 * rewrote only some townships, and the table holds what comparing every township gives.
 */
class ComparisonFoldTest {
  private static final String COMPARISON = "city_district_comparison";
  private static final String DISTRICT = "110111";

  @Test
  void theFoldRewroteSomeTownshipsAndTheTableEqualsAWholeComparison() {
    GeneratedLake lake = GeneratedLake.get();
    Dataset<Row> table = lake.table("silver/" + COMPARISON);
    Row commit =
        io.delta.tables.DeltaTable.forPath(
                TestSpark.session(), lake.lake.resolve("silver/" + COMPARISON).toUri().toString())
            .history(1)
            .first();
    String predicate = String.valueOf(commit.<Map<String, String>>getAs("operationParameters"));
    assertThat(predicate).contains("`" + Cols.TOWNSHIP_CODE + "` IN");
    Set<String> replaced = new TreeSet<>();
    Matcher m = Pattern.compile("'(\\d+)'").matcher(predicate);
    while (m.find()) {
      replaced.add(m.group(1));
    }
    Set<String> all =
        new TreeSet<>(
            table.select(Cols.TOWNSHIP_CODE).distinct().as(Encoders.STRING()).collectAsList());
    // December's demolition file has rows in every township of the district, so the fold named
    // them all; ComparisonTest checks which townships a fold recompares.
    assertThat(replaced).isNotEmpty().isSubsetOf(all);

    assertThat(rounded(table).collectAsList())
        .containsExactlyInAnyOrderElementsOf(rounded(whole(lake)).collectAsList());
  }

  /** The comparison of every township, worked out from the lake's tables as a rebuild would. */
  private static Dataset<Row> whole(GeneratedLake lake) {
    Map<String, Dataset<Row>> bronze = new LinkedHashMap<>();
    for (String t : ConformStage.BRONZE) {
      bronze.put(t, lake.table("bronze/" + t));
    }
    Map<String, Dataset<Row>> silver = new LinkedHashMap<>();
    for (String t : List.of("demolition", "license", "rental", "quarantine", "progress")) {
      silver.put(t, lake.table("silver/" + t));
    }
    TownshipResolver resolver =
        new TownshipResolver(Reference.townships(), Reference.aliases(), DISTRICT);
    Silver.Scope every =
        new Silver.Scope() {
          @Override
          public Map<String, Dataset<Row>> local(Map<String, Dataset<Row>> written) {
            return written;
          }

          @Override
          public Set<String> compared(Dataset<Row> allowances) {
            return null;
          }

          @Override
          public Dataset<Row> held(String history) {
            throw new UnsupportedOperationException("a rebuild folds no history");
          }

          @Override
          public Placement.Changes placing(Map<String, Dataset<Row>> written, Dataset<Row> raw) {
            return null;
          }
        };
    silver.put(
        Placement.TABLE,
        Silver.missing(
            silver,
            Resolved.of(bronze, resolver, DISTRICT),
            Date.valueOf(GeneratedLake.AS_OF),
            bronze,
            every));
    return Silver.checks(silver, ConformConfig.from(lake.settings), Reference.derivations(), every)
        .get(COMPARISON);
  }

  // Sums of areas added in another order may differ in their last bits.
  private static Dataset<Row> rounded(Dataset<Row> rows) {
    Column[] columns =
        java.util.Arrays.stream(rows.columns())
            .map(
                c ->
                    List.of("derived", "reported", "difference", "allowance").contains(c)
                        ? round(col(c), 6).as(c)
                        : col(c))
            .toArray(Column[]::new);
    return rows.select(columns);
  }
}
