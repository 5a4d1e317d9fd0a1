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
}
