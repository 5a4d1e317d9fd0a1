package org.dispersal.ingest;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.dispersal.TestSpark;

/**
 * Looks for clear personal data in everything under a lake: every string value of every Delta
 * table, and the raw bytes of every file (data, logs, checkpoints); and in any text.
 */
final class PiiScan {
  /** An 18-character ID (or 15-digit old one), not part of a longer code. */
  static final Pattern ID = Pattern.compile("(?<![0-9A-Za-z])\\d{17}[0-9Xx](?![0-9A-Za-z])");

  /** A mobile number, not part of a longer code. */
  static final Pattern PHONE = Pattern.compile("(?<![0-9A-Za-z])1[3-9]\\d{9}(?![0-9A-Za-z])");

  private PiiScan() {}

  /** What was found where; empty when clean. */
  static List<String> lake(Path lake, List<String> names) throws IOException {
    List<String> found = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(lake)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path f : files) {
      byte[] bytes = Files.readAllBytes(f);
      found.addAll(text(f.toString(), new String(bytes, StandardCharsets.ISO_8859_1), List.of()));
      found.addAll(text(f.toString(), new String(bytes, StandardCharsets.UTF_8), names));
    }
    try (Stream<Path> walk = Files.walk(lake)) {
      for (Path log : walk.filter(p -> p.getFileName().toString().equals("_delta_log")).toList()) {
        found.addAll(table(log.getParent(), names));
      }
    }
    return found;
  }

  /** Every string column of a Delta table, except credit codes (they identify businesses). */
  static List<String> table(Path table, List<String> names) {
    Dataset<Row> t = TestSpark.session().read().format("delta").load(table.toUri().toString());
    List<String> found = new ArrayList<>();
    for (StructField f : t.schema().fields()) {
      if (f.dataType() != DataTypes.StringType || f.name().equals("credit_code")) {
        continue;
      }
      org.apache.spark.sql.Column c = col(f.name());
      org.apache.spark.sql.Column hit = c.rlike(ID.pattern()).or(c.rlike(PHONE.pattern()));
      for (String n : names) {
        hit = hit.or(c.contains(n));
      }
      for (Row r : t.filter(hit).select(c).limit(5).collectAsList()) {
        found.add(table.getFileName() + "." + f.name() + ": " + r.getString(0));
      }
    }
    return found;
  }

  static List<String> text(String where, String text, List<String> names) {
    List<String> found = new ArrayList<>();
    var id = ID.matcher(text);
    while (id.find()) {
      found.add(where + ": ID-like " + id.group());
    }
    var phone = PHONE.matcher(text);
    while (phone.find()) {
      found.add(where + ": phone-like " + phone.group());
    }
    for (String n : names) {
      if (text.contains(n)) {
        found.add(where + ": name " + n);
      }
    }
    return found;
  }
}
