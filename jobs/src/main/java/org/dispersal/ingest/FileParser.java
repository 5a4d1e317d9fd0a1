package org.dispersal.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Iterator;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * The executor side of ingest: turns a delivery (a row of {@link Deliveries#TODO_SCHEMA}) into its
 * staged rows, reading the file through the Hadoop filesystem of its URI.
 */
final class FileParser implements FlatMapFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final Ledger ledger;
  private final StagedRows.Limits limits;
  private final Pii pii;
  private final Broadcast<HadoopConf> conf;
  private final LongAccumulator rows;
  private final LongAccumulator files;

  FileParser(
      Ledger ledger,
      StagedRows.Limits limits,
      Pii pii,
      Broadcast<HadoopConf> conf,
      LongAccumulator rows,
      LongAccumulator files) {
    this.ledger = ledger;
    this.limits = limits;
    this.pii = pii;
    this.conf = conf;
    this.rows = rows;
    this.files = files;
  }

  @Override
  public Iterator<Row> call(Row delivery) {
    String uri = delivery.getAs(Deliveries.PATH);
    FileSystem fs;
    try {
      fs = FileSystem.get(URI.create(uri), conf.value().get());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot reach the filesystem of " + uri, e);
    }
    StagedRows staged =
        new StagedRows(
            ledger,
            limits,
            pii,
            fs,
            new Path(URI.create(uri)),
            delivery.getAs(Deliveries.DELIVERY_ID),
            delivery.<Long>getAs(Deliveries.SIZE_BYTES));
    // Counts for the live progress line, added once the file is done.
    return new Iterator<>() {
      private boolean counted;

      @Override
      public boolean hasNext() {
        boolean more = staged.hasNext();
        if (!more && !counted && files != null) {
          counted = true;
          files.add(1);
          rows.add(staged.rowsRead());
        }
        return more;
      }

      @Override
      public Row next() {
        return staged.next();
      }
    };
  }
}
