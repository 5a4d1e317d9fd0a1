package org.dispersal;

import org.apache.spark.sql.SparkSession;
import org.dispersal.common.SparkConfig;
import org.dispersal.common.SparkSessions;

/** The one local SparkSession shared by every test in the JVM (local[2], UI off, Delta on). */
public final class TestSpark {
  private static SparkSession session;

  private TestSpark() {}

  /** Opens the session on first use; Surefire runs all tests in one JVM, so it is reused. */
  public static synchronized SparkSession session() {
    if (session == null) {
      session = SparkSessions.open(new SparkConfig("local[2]", 2, 8, "WARN"), "tests");
    }
    return session;
  }
}
