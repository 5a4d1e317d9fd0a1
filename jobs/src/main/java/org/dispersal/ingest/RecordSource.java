package org.dispersal.ingest;

import java.io.Closeable;

/** A file's records in order, pulled one at a time so that no file is held in memory whole. */
interface RecordSource extends Closeable {

  /** The next record's cells (null entries for empty cells), or null after the last. */
  String[] next();

  /** The row number of the record last returned, as Excel shows it (header = 1 in CSV). */
  int rowNumber();

  /**
   * Whether a record's number of fields is significant (CSV) rather than just where its last
   * non-empty cell happens to be (XLSX).
   */
  boolean fixedWidth();
}
