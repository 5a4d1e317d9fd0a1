package org.dispersal.conform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dispersal.TestSpark;
import org.junit.jupiter.api.Test;

/** Where the usable records place a record whose township is lost: by site, street, community. */
class CluesTest {
  private static final String T1 = "110111001";
  private static final String T2 = "110111002";
  private static final String T3 = "110111003";
  private static final String T4 = "110111004";
  private final SparkSession spark = TestSpark.session();

  @Test
  void aStreetPointsToTheTownshipsOfAllItsSitesAndSaysNothingBeyondThree() {
    Map<String, Dataset<Row>> current = new LinkedHashMap<>();
    current.put(
        "demolition",
        ledger(
            Cols.RECORD_ID,
            true,
            new String[] {"D1", T4, "西街5号", "西村"},
            new String[] {"D2", T1, null, "东村"}));
    current.put(
        "license",
        ledger(
            Cols.CREDIT_CODE,
            false,
            new String[] {"E1", T2, "长安街9号", null},
            new String[] {"E2", T3, "西街7号", null}));
    current.put(
        "rental",
        ledger(
            Cols.REGISTRATION_ID,
            true,
            new String[] {"R1", T1, "长安街1号", "东村"},
            new String[] {"R2", T2, "长安街2号", "东村"},
            new String[] {"R3", T3, "长安街3号", "西村"},
            new String[] {"R4", T1, "长安街1号", "东村"},
            new String[] {"R5", T1, "西街5号", "西村"},
            new String[] {"R6", T2, "西街9号", null}));

    Map<String, List<String>> clues = clues(Clues.of(current));

    // 长安街's four sites lie in three townships; 西街's in four, too many to say anything.
    assertThat(clues)
        .containsEntry("street:长安街", List.of(T1, T2, T3))
        .doesNotContainKey("street:西街");
    assertThat(clues)
        .containsEntry("site:长安街1号", List.of(T1))
        .containsEntry("site:西街5号", List.of(T1, T4))
        .containsEntry("site:长安街9号", List.of(T2));
    assertThat(clues)
        .containsEntry("community:东村", List.of(T1, T2))
        .containsEntry("community:西村", List.of(T1, T3, T4));
    assertThat(clues).containsEntry("record:rental|R6", List.of(T2));
    long sites = clues.keySet().stream().filter(k -> k.startsWith("site:")).count();
    assertThat(sites).isEqualTo(7);
    assertThat(clues.keySet()).noneMatch(k -> k.endsWith(":null") || k.endsWith(":"));
  }

  private Dataset<Row> ledger(String key, boolean community, String[]... rows) {
    StructType schema =
        new StructType()
            .add(key, DataTypes.StringType)
            .add(Cols.TOWNSHIP_CODE, DataTypes.StringType)
            .add(Cols.ADDRESS_KEY, DataTypes.StringType)
            .add(Cols.COMMUNITY, DataTypes.StringType);
    List<Row> data = Arrays.stream(rows).map(r -> RowFactory.create((Object[]) r)).toList();
    Dataset<Row> out = spark.createDataFrame(data, schema);
    return community ? out : out.drop(Cols.COMMUNITY);
  }

  private static Map<String, List<String>> clues(Dataset<Row> clues) {
    return clues.collectAsList().stream()
        .collect(
            Collectors.toMap(
                r -> r.getString(0) + ":" + r.getString(1), r -> r.<String>getList(2)));
  }
}
