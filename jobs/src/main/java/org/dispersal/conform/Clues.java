package org.dispersal.conform;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the usable records say about where a record whose township is lost belongs: the township of
 * another version of the same record, and the townships (at most three) its site, community or
 * street appears in.
 */
final class Clues {
  static final String RECORD = "record";
  static final String SITE = "site";
  static final String COMMUNITY = "community";
  static final String STREET = "street";

  static final String KIND = "clue_kind";
  static final String VALUE = "clue_value";
  static final String TOWNSHIP = "clue_township";

  /** A site, community or street found in more townships than this says nothing. */
  private static final int MAX_CANDIDATES = 3;

  private Clues() {}

  /** The street of a site key: the key without its house number. */
  static Column street(Column siteKey) {
    Column s = regexp_replace(siteKey, "[0-9].*$", "");
    return when(s.notEqual(""), s);
  }

  /** Every clue with the one township it points to. */
  static Dataset<Row> of(Map<String, Dataset<Row>> current) {
    Dataset<Row> records =
        keyed(current.get("demolition"), "demolition", Cols.RECORD_ID)
            .unionByName(keyed(current.get("license"), "license", Cols.CREDIT_CODE))
            .unionByName(keyed(current.get("rental"), "rental", Cols.REGISTRATION_ID));
    Dataset<Row> sites = null;
    for (Dataset<Row> ledger : current.values()) {
      Dataset<Row> part = ledger.select(col(Cols.ADDRESS_KEY).as("_site"), col(Cols.TOWNSHIP_CODE));
      sites = sites == null ? part : sites.unionByName(part);
    }
    Dataset<Row> communities =
        current
            .get("demolition")
            .select(col(Cols.COMMUNITY), col(Cols.TOWNSHIP_CODE))
            .unionByName(
                current.get("rental").select(col(Cols.COMMUNITY), col(Cols.TOWNSHIP_CODE)));
    // A street's townships are those of its sites, gathered from the sites' sets: the records are
    // read and grouped once, and the street's pattern runs once per site, not once per record (at
    // city scale the street clues from every record took 14 s of CPU of a fold's 70 s placing
    // the missing records). Cached, as the optimiser pushes the street's filter into a second read
    // of the records otherwise; the stage clears the cache.
    Dataset<Row> bySite = townshipsOf(sites, col("_site")).persist();
    Dataset<Row> byStreet =
        bySite
            .withColumn("_v", street(col("_v")))
            .filter(col("_v").isNotNull())
            .groupBy(col("_v"))
            .agg(array_distinct(flatten(collect_list(col(TOWNSHIP)))).as(TOWNSHIP));
    return records
        .unionByName(few(bySite, SITE))
        .unionByName(few(byStreet, STREET))
        .unionByName(few(townshipsOf(communities, col(Cols.COMMUNITY)), COMMUNITY));
  }

  // Per value found (a site, a community), the townships of the records that name it.
  private static Dataset<Row> townshipsOf(Dataset<Row> rows, Column value) {
    return rows.filter(value.isNotNull())
        .groupBy(value.as("_v"))
        .agg(collect_set(col(Cols.TOWNSHIP_CODE)).as(TOWNSHIP));
  }

  /**
   * What each usable record already says, so that a broken version saying the same is not missing:
   * a demolition, a rectification in its category, a deregistration with its reason.
   */
  static Dataset<Row> presence(Map<String, Dataset<Row>> current) {
    return current
        .get("demolition")
        .select(
            lit("demolition").as("k_ledger"),
            col(Cols.RECORD_ID).as("k_key"),
            lit(null).cast("string").as("k_kind"))
        .unionByName(
            current
                .get("license")
                .filter(col(Cols.RECTIFICATION_ACTION).isNotNull())
                .select(
                    lit("license").as("k_ledger"),
                    col(Cols.CREDIT_CODE).as("k_key"),
                    col(Cols.RECTIFICATION_CATEGORY).as("k_kind")))
        .unionByName(
            current
                .get("rental")
                .filter(col(Cols.DEREGISTRATION_REASON).isNotNull())
                .select(
                    lit("rental").as("k_ledger"),
                    col(Cols.REGISTRATION_ID).as("k_key"),
                    col(Cols.DEREGISTRATION_REASON).as("k_kind")));
  }

  /**
   * The sites, streets and communities the rows name, as clues ({@code clue_kind}, {@code
   * clue_value}); {@code community} may be null for a ledger without one.
   */
  static Dataset<Row> values(Dataset<Row> rows, Column site, Column community) {
    Dataset<Row> named =
        rows.select(site.as("_s"), street(site).as("_t"), community.cast("string").as("_c"));
    return named
        .select(lit(SITE).as(KIND), col("_s").as(VALUE))
        .unionByName(named.select(lit(STREET).as(KIND), col("_t").as(VALUE)))
        .unionByName(named.select(lit(COMMUNITY).as(KIND), col("_c").as(VALUE)))
        .filter(col(VALUE).isNotNull());
  }

  /**
   * The current records every clue about the given keys and values is gathered from: per ledger,
   * the records with one of the keys ({@code ledger}, {@code record}) or naming one of the sites,
   * streets or communities ({@code clue_kind}, {@code clue_value}; null: none). Of these, {@link
   * #of} gives the same clues for those keys and values as of all records.
   */
  static Map<String, Dataset<Row>> near(
      Map<String, Dataset<Row>> current,
      Map<String, String> keys,
      Dataset<Row> records,
      Dataset<Row> values) {
    Map<String, Dataset<Row>> out = new java.util.LinkedHashMap<>();
    keys.forEach(
        (ledger, key) -> {
          Dataset<Row> rows = read(current.get(ledger), key);
          Dataset<Row> byKey =
              rows.join(
                  records
                      .filter(col("ledger").equalTo(ledger))
                      .select(col(Readings.RECORD).as("_k")),
                  col(key).equalTo(col("_k")),
                  "left_semi");
          out.put(
              ledger, values == null ? byKey : named(rows, values).unionByName(byKey).distinct());
        });
    return out;
  }

  // The rows naming one of the values (each value once, so no row is repeated).
  private static Dataset<Row> named(Dataset<Row> rows, Dataset<Row> values) {
    Dataset<Row> named =
        rows.withColumn("_street", street(col(Cols.ADDRESS_KEY)))
            .join(ofKind(values, SITE, "_m1"), col(Cols.ADDRESS_KEY).equalTo(col("_m1")), "left")
            .join(ofKind(values, STREET, "_m2"), col("_street").equalTo(col("_m2")), "left");
    Column any = col("_m1").isNotNull().or(col("_m2").isNotNull());
    if (java.util.Arrays.asList(rows.columns()).contains(Cols.COMMUNITY)) {
      named =
          named.join(
              ofKind(values, COMMUNITY, "_m3"), col(Cols.COMMUNITY).equalTo(col("_m3")), "left");
      any = any.or(col("_m3").isNotNull());
    }
    return named
        .filter(any)
        .select(java.util.Arrays.stream(rows.columns()).map(c -> col(c)).toArray(Column[]::new));
  }

  // The columns clues and presence read (a ledger's rows are unique in them, having its key).
  private static Dataset<Row> read(Dataset<Row> ledger, String key) {
    List<String> has = java.util.Arrays.asList(ledger.columns());
    return ledger.select(
        java.util.stream.Stream.of(
                key,
                Cols.TOWNSHIP_CODE,
                Cols.ADDRESS_KEY,
                Cols.COMMUNITY,
                Cols.RECTIFICATION_ACTION,
                Cols.RECTIFICATION_CATEGORY,
                Cols.DEREGISTRATION_REASON)
            .filter(has::contains)
            .map(c -> col(c))
            .toArray(Column[]::new));
  }

  private static Dataset<Row> ofKind(Dataset<Row> values, String kind, String as) {
    return values.filter(col(KIND).equalTo(kind)).select(col(VALUE).as(as));
  }

  /** Adds {@code out}: the townships the clue of that kind in column {@code value} points to. */
  static Dataset<Row> attach(
      Dataset<Row> rows, Dataset<Row> clues, String kind, String value, String out) {
    Dataset<Row> ofKind =
        clues.filter(col(KIND).equalTo(kind)).select(col(VALUE).as("_clue"), col(TOWNSHIP).as(out));
    return rows.join(ofKind, col(value).equalTo(col("_clue")), "left").drop("_clue");
  }

  private static Dataset<Row> keyed(Dataset<Row> ledger, String name, String key) {
    return ledger.select(
        lit(RECORD).as(KIND),
        concat_ws("|", lit(name), col(key)).as(VALUE),
        org.apache.spark.sql.functions.array(col(Cols.TOWNSHIP_CODE)).as(TOWNSHIP));
  }

  // The clues of a kind whose value points to few enough townships, sorted.
  private static Dataset<Row> few(Dataset<Row> byValue, String kind) {
    return byValue
        .filter(size(col(TOWNSHIP)).leq(MAX_CANDIDATES))
        .select(lit(kind).as(KIND), col("_v").as(VALUE), array_sort(col(TOWNSHIP)).as(TOWNSHIP));
  }
}
