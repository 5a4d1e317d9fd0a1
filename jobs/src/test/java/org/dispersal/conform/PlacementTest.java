package org.dispersal.conform;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dispersal.TestSpark;
import org.junit.jupiter.api.Test;

/**
 * A fold places again just the missing records its changes can move, and the result is the one
 * placing every record from scratch gives.
 */
class PlacementTest {
  private static final String DISTRICT = "110111";
  private static final String T1 = "110111001";
  private static final String T2 = "110111002";
  private static final String T3 = "110111003";
  private static final String T4 = "110111004";
  private static final Date NIGHT_ONE = Date.valueOf("2020-06-30");
  private static final Date NIGHT_TWO = Date.valueOf("2020-07-15");
  private final SparkSession spark = TestSpark.session();
  private final Resolved resolved = resolved();

  @Test
  void aFoldPlacesAgainWhatItsChangesMoveAndMatchesPlacingEverything() {
    Dataset<Row> raw1 =
        raw(
            // By its site (T1), which a new registration also names on night two (T4).
            row("rental", "R9", "长安街1号", "2020-03-05", null, "拆除", null, "d1", 1),
            // By its street and community (T3).
            row("demolition", "D9", "西街7号", "2020-02-10", "120", null, "西村", "d1", 2),
            // Another version of a current record (T1) that says what it does not, until night two.
            row("rental", "R1", "长安街1号", "2020-04-01", null, "拆除", "东村", "d1", 3),
            // Dated after night one's as-of date: its month is read otherwise on night two.
            row("demolition", null, "北街2号", "2020-07-01", "80", null, "西村", "d1", 4),
            // Says what the current record says: not missing.
            row("license", "E1", "南街3号", "2020-05-01", "关停", null, null, "d1", 5));
    Map<String, Dataset<Row>> current1 =
        current(
            List.of(rental("R1", T1, "长安街1号", "东村", null), rental("R2", T2, "长安街2号", "东村", null)),
            List.of(entity("E1", T1, "南街3号", "关停", "取缔")),
            List.of(demolition("D1", T3, "西街5号", "西村")));
    Dataset<Row> night1 = Placement.all(raw1, current1, resolved, NIGHT_ONE).persist();

    Dataset<Row> raw2 =
        raw1.unionByName(
            raw(row("license", "E7", "南街3号", "2020-07-02", "关停", null, null, "d2", 1)));
    Map<String, Dataset<Row>> current2 =
        current(
            List.of(
                rental("R1", T1, "长安街1号", "东村", "拆除"),
                rental("R2", T2, "长安街2号", "东村", null),
                rental("R3", T4, "长安街1号", "东村", null)),
            List.of(entity("E1", T1, "南街3号", "关停", "取缔")),
            List.of(demolition("D1", T3, "西街5号", "西村")));
    // What Fold#placing gives: the new rows' records and the touched keys, and every site, street
    // and community of the touched records' versions (R1 before and after, R3 new).
    Dataset<Row> records =
        spark.createDataFrame(
            List.of(
                RowFactory.create("license", "E7"),
                RowFactory.create("rental", "R1"),
                RowFactory.create("rental", "R3")),
            new StructType()
                .add(Placement.LEDGER, DataTypes.StringType)
                .add(Readings.RECORD, DataTypes.StringType));
    Dataset<Row> touched =
        current2
            .get("rental")
            .filter(col(Cols.REGISTRATION_ID).isin("R1", "R3"))
            .unionByName(current1.get("rental").filter(col(Cols.REGISTRATION_ID).equalTo("R1")));
    Dataset<Row> values =
        Clues.values(touched, col(Cols.ADDRESS_KEY), col(Cols.COMMUNITY)).distinct();

    List<Row> folded =
        Placement.refold(
                new Placement.Changes(night1, records, values), raw2, current2, resolved, NIGHT_TWO)
            .collectAsList();
    List<Row> whole = Placement.all(raw2, current2, resolved, NIGHT_TWO).collectAsList();

    assertThat(folded).containsExactlyInAnyOrderElementsOf(whole);
    // The changes moved records: R9's site now points to two townships, R1 is no longer missing,
    // the late-dated demolition has its own month and E7 is new.
    Map<String, Row> before = byRecord(night1.collectAsList());
    Map<String, Row> after = byRecord(whole);
    assertThat(townships(before.get("R9"), "site_townships")).containsExactly(T1);
    assertThat(townships(after.get("R9"), "site_townships")).containsExactly(T1, T4);
    assertThat(before).containsKey("R1").doesNotContainKey("E1").doesNotContainKey("E7");
    assertThat(after).doesNotContainKey("R1").containsKey("E7");
    assertThat(townships(after.get("E7"), "site_townships")).containsExactly(T1);
    assertThat(townships(after.get("D9"), "street_townships")).containsExactly(T3);
    String late = "d1#4";
    assertThat(months(before.get(late))).containsExactly("2019-07");
    assertThat(months(after.get(late))).containsExactly("2020-07");
    assertThat(after.get(late).<Date>getAs(Readings.AS_OF_FROM)).isEqualTo("2020-07-01");
  }

  private static Map<String, Row> byRecord(List<Row> rows) {
    Map<String, Row> out = new LinkedHashMap<>();
    rows.forEach(r -> out.put(r.getAs(Readings.RECORD), r));
    return out;
  }

  private static List<String> townships(Row r, String column) {
    return r.getList(r.fieldIndex(column));
  }

  private static List<String> months(Row r) {
    return r.getList(r.fieldIndex(Readings.MONTHS));
  }

  private Dataset<Row> raw(Object[]... rows) {
    List<String> columns = new java.util.ArrayList<>(List.of("ledger"));
    columns.addAll(List.of(Missing.COLUMNS));
    columns.addAll(List.of("updated_raw", "_row_id", Cols.DELIVERY_ID));
    StructType schema = new StructType();
    for (String c : columns) {
      schema = schema.add(c, DataTypes.StringType);
    }
    return spark.createDataFrame(Arrays.stream(rows).map(RowFactory::create).toList(), schema);
  }

  // A set-aside row whose township is lost; kind is the license's category or the rental's reason.
  private static Object[] row(
      String ledger,
      String key,
      String address,
      String event,
      String areaOrCategory,
      String reason,
      String community,
      String delivery,
      int number) {
    boolean license = ledger.equals("license");
    return new Object[] {
      ledger,
      key,
      null,
      address,
      event,
      license ? null : areaOrCategory,
      null,
      license ? areaOrCategory : null,
      license ? "取缔" : null,
      reason,
      community,
      "2020-06-20 10:00:00",
      delivery + "#" + number,
      delivery
    };
  }

  private Map<String, Dataset<Row>> current(
      List<Row> rentals, List<Row> entities, List<Row> demolitions) {
    Map<String, Dataset<Row>> out = new LinkedHashMap<>();
    out.put(
        "rental",
        keyed(
            rentals,
            new StructType()
                .add(Cols.REGISTRATION_ID, DataTypes.StringType)
                .add(Cols.TOWNSHIP_CODE, DataTypes.StringType)
                .add("address", DataTypes.StringType)
                .add(Cols.COMMUNITY, DataTypes.StringType)
                .add(Cols.DEREGISTRATION_REASON, DataTypes.StringType)));
    out.put(
        "license",
        keyed(
            entities,
            new StructType()
                .add(Cols.CREDIT_CODE, DataTypes.StringType)
                .add(Cols.TOWNSHIP_CODE, DataTypes.StringType)
                .add("address", DataTypes.StringType)
                .add(Cols.RECTIFICATION_CATEGORY, DataTypes.StringType)
                .add(Cols.RECTIFICATION_ACTION, DataTypes.StringType)));
    out.put(
        "demolition",
        keyed(
            demolitions,
            new StructType()
                .add(Cols.RECORD_ID, DataTypes.StringType)
                .add(Cols.TOWNSHIP_CODE, DataTypes.StringType)
                .add("address", DataTypes.StringType)
                .add(Cols.COMMUNITY, DataTypes.StringType)));
    return out;
  }

  // The site key as conform derives it from the address.
  private Dataset<Row> keyed(List<Row> rows, StructType schema) {
    return spark
        .createDataFrame(rows, schema)
        .withColumn(Cols.ADDRESS_KEY, resolved.addressKey().apply(col("address")))
        .drop("address");
  }

  private static Row rental(String id, String t, String address, String community, String reason) {
    return RowFactory.create(id, t, address, community, reason);
  }

  private static Row entity(String id, String t, String address, String category, String action) {
    return RowFactory.create(id, t, address, category, action);
  }

  private static Row demolition(String id, String t, String address, String community) {
    return RowFactory.create(id, t, address, community);
  }

  private static Resolved resolved() {
    TownshipResolver resolver =
        new TownshipResolver(Reference.townships(), Reference.aliases(), DISTRICT);
    AddressKeys keys = new AddressKeys(resolver.spellings());
    return new Resolved(
        Map.of(),
        null,
        ConformStage.resolveUdf(resolver, DISTRICT),
        ConformStage.addressKeyUdf(keys),
        org.apache.spark.sql.functions.udf(
            (org.apache.spark.sql.api.java.UDF1<String, String>) keys::township,
            DataTypes.StringType));
  }
}
