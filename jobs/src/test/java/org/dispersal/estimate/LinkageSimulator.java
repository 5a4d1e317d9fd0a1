package org.dispersal.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dispersal.TestSpark;

/**
 * Simulates residential demolitions as silver vacating events from the generator's parameters: 180
 * occupants per 10,000 m² (×0.7–1.3 per structure, one in ten empty), each occupant registered with
 * the month's realised coverage ({@link PanelSimulator#coverage}), and every registration at a
 * demolished site linked to it; the truth is occupants per 10,000 m² actually demolished.
 */
final class LinkageSimulator {
  /** The simulated events and the realised truth (occupants per 10,000 m²). */
  record Simulated(Dataset<Row> events, double truth) {}

  private LinkageSimulator() {}

  static Simulated events(long seed, int townships) {
    Random r = new Random(seed);
    List<Row> rows = new ArrayList<>();
    double area = 0;
    double occupants = 0;
    for (int i = 0; i < townships; i++) {
      double size = 0.3 + 1.4 * r.nextDouble();
      for (int m = 24; m < 60; m++) {
        int sites = (int) Math.round(size * 4 * r.nextDouble());
        for (int s = 0; s < sites; s++) {
          double a = 60 + -Math.log(1 - r.nextDouble()) * 250;
          double density =
              r.nextDouble() < 0.1 ? 0 : PanelSimulator.DENSITY[0] * (0.7 + 0.6 * r.nextDouble());
          long persons = poisson(r, a / 10_000 * density);
          long registered = 0;
          for (long p = 0; p < persons; p++) {
            registered += r.nextDouble() < PanelSimulator.coverage(m) ? 1 : 0;
          }
          area += a;
          occupants += persons;
          rows.add(
              RowFactory.create(
                  "demolition:" + i + "-" + m + "-" + s,
                  "residential",
                  String.format("110111%03d", i + 1),
                  String.format("%d-%02d", 2015 + m / 12, m % 12 + 1),
                  a,
                  registered));
        }
      }
    }
    StructType schema =
        new StructType()
            .add("event_id", DataTypes.StringType)
            .add("kind", DataTypes.StringType)
            .add("township_code", DataTypes.StringType)
            .add("event_month", DataTypes.StringType)
            .add("floor_area_m2", DataTypes.DoubleType)
            .add("linked_tenants", DataTypes.LongType);
    return new Simulated(
        TestSpark.session().createDataFrame(rows, schema), occupants / area * 10_000);
  }

  private static long poisson(Random r, double mean) {
    double l = Math.exp(-mean);
    double p = 1;
    long k = 0;
    do {
      k++;
      p *= r.nextDouble();
    } while (p > l);
    return k - 1;
  }
}
