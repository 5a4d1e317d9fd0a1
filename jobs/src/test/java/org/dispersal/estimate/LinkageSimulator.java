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
 * Simulates residential demolitions as silver vacating events and demolition records from the
 * generator's mechanism: 180 occupants per 10,000 m² (×0.7–1.3 per structure, one in ten empty), an
 * occupied dwelling registered with all its tenants with the month's coverage ({@link
 * PanelSimulator#coverage}), 涉及人口 the registered tenants or else a rough guess or blank; three in
 * ten registered dwellings also bring the expired lease before it into the link window.
 */
final class LinkageSimulator {
  /** The simulated events and the realised truth (occupants per 10,000 m²). */
  record Simulated(
      Dataset<Row> events, Dataset<Row> demolitions, Dataset<Row> links, double truth) {
    /** Registered tenants per demolition, each dwelling once. */
    Dataset<Row> tenants() {
      return LinkageEstimator.tenantsPerDemolition(links);
    }
  }

  private LinkageSimulator() {}

  static Simulated events(long seed, int townships) {
    Random r = new Random(seed);
    List<Row> rows = new ArrayList<>();
    List<Row> records = new ArrayList<>();
    List<Row> links = new ArrayList<>();
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
          long registered =
              persons > 0 && r.nextDouble() < PanelSimulator.coverage(m) ? persons : 0;
          Long reported =
              registered > 0
                  ? Long.valueOf(registered)
                  : r.nextDouble() < 0.2
                      ? null
                      : Long.valueOf(Math.round(persons * (0.3 + 0.7 * r.nextDouble())));
          String id = i + "-" + m + "-" + s;
          records.add(RowFactory.create(id, reported));
          if (registered > 0) {
            links.add(
                RowFactory.create(
                    id, "rental", "R" + id, "D" + id, "address+reason", 0, registered));
            if (r.nextDouble() < 0.3) {
              links.add(
                  RowFactory.create(
                      id, "rental", "E" + id, "D" + id, "address+date", -90, registered));
            }
          }
          area += a;
          occupants += persons;
          rows.add(
              RowFactory.create(
                  "demolition:" + id,
                  id,
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
            .add("source_key", DataTypes.StringType)
            .add("kind", DataTypes.StringType)
            .add("township_code", DataTypes.StringType)
            .add("event_month", DataTypes.StringType)
            .add("floor_area_m2", DataTypes.DoubleType)
            .add("linked_tenants", DataTypes.LongType);
    StructType recordSchema =
        new StructType()
            .add("record_id", DataTypes.StringType)
            .add("residents_affected", DataTypes.LongType);
    StructType linkSchema =
        new StructType()
            .add("record_id", DataTypes.StringType)
            .add("target_ledger", DataTypes.StringType)
            .add("target_key", DataTypes.StringType)
            .add("target_dwelling", DataTypes.StringType)
            .add("link_method", DataTypes.StringType)
            .add("days_apart", DataTypes.IntegerType)
            .add("persons", DataTypes.LongType);
    return new Simulated(
        TestSpark.session().createDataFrame(rows, schema),
        TestSpark.session().createDataFrame(records, recordSchema),
        TestSpark.session().createDataFrame(links, linkSchema),
        occupants / area * 10_000);
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
