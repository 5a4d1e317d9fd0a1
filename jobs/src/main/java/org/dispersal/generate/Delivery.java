package org.dispersal.generate;

import java.io.Closeable;
import java.io.IOException;

/** One delivery file being written: a header, then rows; numbered as a clerk sees them. */
interface Delivery extends Closeable {

  /** Writes one record and returns its row number (the header is row 1, the first record 2). */
  int write(Object[] cells) throws IOException;

  /** The file's path relative to the landing folder, with forward slashes. */
  String name();

  /** Records written so far. */
  long rows();
}
