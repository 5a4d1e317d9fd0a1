package org.dispersal.common;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A few rows cut from a large table (one night's deliveries, the keys they touch), cached and
 * counted so that Spark plans every join with them at their real size.
 *
 * <p>Of a filter of a table, Spark knows only the table's size. A join of a whole table with the
 * few keys of the new rows is then planned as a sort-merge join, which shuffles the whole table;
 * once the few rows are cached and materialised, their size is known and the join broadcasts them
 * instead. At 1/4 of the city, one day's fold shuffled rental_history's 2 million rows three times
 * to match 1,358 keys. A large cut (a year of catch-up) stays a sort-merge join: Spark decides from
 * the size, as its broadcast threshold says.
 */
public final class Few {
  private Few() {}

  /** The rows, cached and materialised; the caller unpersists them (or clears the cache). */
  public static Dataset<Row> of(Dataset<Row> rows) {
    Dataset<Row> cached = rows.persist();
    cached.count();
    return cached;
  }

  /**
   * The rows as {@link #of} gives them, with their lineage cut (a local checkpoint of the cached
   * rows, which keeps their real size for planning joins): a plan that refers to cached rows prints
   * their plan each time, so few rows built from other few rows, each used several times, made
   * plans whose text alone filled the heap (placing a fold's missing records again).
   */
  public static Dataset<Row> cut(Dataset<Row> rows) {
    Dataset<Row> cached = of(rows);
    Dataset<Row> cut = cached.localCheckpoint(true);
    cached.unpersist();
    return cut;
  }
}
