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
 * Looks for clear personal data in everything under a lake: every string value of every Delta table
 * (data files decoded by Spark: their compressed bytes stitch digits of neighbouring values into
 * false "phone numbers"), and every other file as text (transaction logs, checksums); and in any
 * text.
 */
final class PiiScan {
  /**
   * An 18-character resident ID as scanners know it: area code, a birth date from 1900 on, sequence
   * and check character, not part of a longer code nor a number's decimals. (All-digit credit codes
   * are 18 digits too, but their positions 7–14 are no date.)
   */
  static final Pattern ID =
      Pattern.compile(
          "(?<![0-9A-Za-z])(?<!\\d\\.)\\d{6}(19|20)\\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\\d|3[01])\\d{3}"
              + "[0-9Xx]"
              + "(?![0-9A-Za-z])");

  /**
   * A mobile number, not part of a longer code nor the decimals of a number (a share written as
   * 0.15289973437 in a workbook's XML or a table's statistics is no phone number).
   */
  static final Pattern PHONE =
      Pattern.compile("(?<![0-9A-Za-z])(?<!\\d\\.)1[3-9]\\d{9}(?![0-9A-Za-z])");

  private PiiScan() {}

  /** What was found where; empty when clean. */
  static List<String> lake(Path lake, List<String> names) throws IOException {
    List<String> found = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(lake)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(p -> !p.getFileName().toString().endsWith(".parquet"))
              .toList();
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

  /**
   * Every string column of a Delta table, in one Spark job per table (one per column made the scan
   * of a generated lake cost 80 s): rows with any hit are fetched, then each value is checked here.
   */
  static List<String> table(Path table, List<String> names) {
    Dataset<Row> t = TestSpark.session().read().format("delta").load(table.toUri().toString());
    List<String> strings = strings(t);
    List<String> found = new ArrayList<>();
    if (strings.isEmpty()) {
      return found;
    }
    org.apache.spark.sql.Column any = org.apache.spark.sql.functions.lit(false);
    for (String name : strings) {
      org.apache.spark.sql.Column c = col(name);
      any = any.or(c.rlike(ID.pattern())).or(c.rlike(PHONE.pattern()));
      for (String n : names) {
        any = any.or(c.contains(n));
      }
    }
    for (Row r : t.filter(any).selectExpr(quoted(strings)).limit(5).collectAsList()) {
      for (int i = 0; i < strings.size(); i++) {
        String v = r.getString(i);
        if (v != null
            && (ID.matcher(v).find()
                || PHONE.matcher(v).find()
                || names.stream().anyMatch(v::contains))) {
          found.add(table.getFileName() + "." + strings.get(i) + ": " + v);
        }
      }
    }
    return found;
  }

  private static List<String> strings(Dataset<Row> t) {
    List<String> out = new ArrayList<>();
    for (StructField f : t.schema().fields()) {
      if (f.dataType() == DataTypes.StringType) {
        out.add(f.name());
      }
    }
    return out;
  }

  private static String[] quoted(List<String> columns) {
    return columns.stream().map(c -> "`" + c + "`").toArray(String[]::new);
  }

  /**
   * Values of the lake's string columns that are one of many names: the whole value, each string of
   * a JSON row, or the part before a bracket (as in 张三（无照经营）). Whole-token matching finds a name
   * wherever a leak would put it without flagging company names that happen to contain one.
   */
  static List<String> names(Path lake, java.util.Set<String> names) throws IOException {
    org.apache.spark.broadcast.Broadcast<java.util.Set<String>> set =
        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(
                TestSpark.session().sparkContext())
            .broadcast(new java.util.HashSet<>(names));
    return names(lake, t -> set.value().contains(t));
  }

  /** Which tokens are names, for {@link #names(Path, NameTest)}. */
  interface NameTest extends java.io.Serializable {
    boolean isName(String token);
  }

  /** The same with a test of what a name is (e.g. the generator's name shape). */
  static List<String> names(Path lake, NameTest isName) throws IOException {
    org.apache.spark.sql.expressions.UserDefinedFunction hit =
        org.apache.spark.sql.functions.udf(
            (org.apache.spark.sql.api.java.UDF1<String, Boolean>)
                v -> v != null && tokens(v).stream().anyMatch(isName::isName),
            DataTypes.BooleanType);
    List<String> found = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(lake)) {
      for (Path log : walk.filter(p -> p.getFileName().toString().equals("_delta_log")).toList()) {
        Dataset<Row> t =
            TestSpark.session().read().format("delta").load(log.getParent().toUri().toString());
        List<String> strings = strings(t);
        if (strings.isEmpty()) {
          continue;
        }
        org.apache.spark.sql.Column any = org.apache.spark.sql.functions.lit(false);
        for (String name : strings) {
          any = any.or(hit.apply(col(name)));
        }
        for (Row r : t.filter(any).selectExpr(quoted(strings)).limit(5).collectAsList()) {
          for (int i = 0; i < strings.size(); i++) {
            String v = r.getString(i);
            if (v != null && tokens(v).stream().anyMatch(isName::isName)) {
              found.add(log.getParent().getFileName() + "." + strings.get(i) + ": " + v);
            }
          }
        }
      }
    }
    return found;
  }

  /** Runs of two or three Han characters standing alone in a text that pass the name test. */
  static List<String> namesInText(String where, String text, NameTest isName) {
    List<String> found = new ArrayList<>();
    var m = HAN_WORD.matcher(text);
    while (m.find()) {
      if (isName.isName(m.group())) {
        found.add(where + ": name-like " + m.group());
      }
    }
    return found;
  }

  private static final Pattern HAN_WORD =
      Pattern.compile("(?<!\\p{IsHan})\\p{IsHan}{2,3}(?!\\p{IsHan})");

  private static final Pattern JSON_STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

  static List<String> tokens(String value) {
    List<String> out = new ArrayList<>();
    out.add(value.strip());
    var m = JSON_STRING.matcher(value);
    while (m.find()) {
      out.add(m.group(1).strip());
    }
    for (String t : List.copyOf(out)) {
      int a = t.indexOf('（');
      int b = t.indexOf('(');
      int bracket = a < 0 ? b : b < 0 ? a : Math.min(a, b);
      if (bracket > 0) {
        out.add(t.substring(0, bracket).strip());
      }
    }
    return out;
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
