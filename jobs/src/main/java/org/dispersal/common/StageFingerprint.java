package org.dispersal.common;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stage's run was computed from — its input tables' Delta versions as read (with the as-of
 * basis), the as-of date, district, settings, extra inputs such as a scenario file, and the code —
 * kept per successful run in {@code _runs/stage_inputs}, so a run with nothing new skips the stage.
 */
public final class StageFingerprint {
  private static final Logger LOG = LoggerFactory.getLogger(StageFingerprint.class);
  static final String TABLE = "stage_inputs";
  static final StructType SCHEMA =
      new StructType()
          .add("stage", DataTypes.StringType, false)
          .add("run_id", DataTypes.StringType, false)
          .add("fingerprint", DataTypes.StringType, false)
          .add(
              "outputs",
              DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, false),
              false)
          .add("written_at", DataTypes.TimestampType, false);

  private final String stage;
  private final Map<String, String> parts;

  StageFingerprint(String stage, Map<String, String> parts) {
    this.stage = stage;
    this.parts = new LinkedHashMap<>(parts);
  }

  /**
   * The fingerprint of a stage reading {@code tables} ("layer/name") in {@code basis}: the versions
   * the basis reads (a time-travelled as-of run reads older ones), so a backfill never matches a
   * run of the current tables.
   */
  public static StageFingerprint of(
      SparkSession spark,
      RunContext run,
      String stage,
      AsOfBasis basis,
      List<String> tables,
      Object settings) {
    Map<String, String> versions = new TreeMap<>();
    for (String table : tables) {
      Long v = basis.version(spark, run.paths(), table);
      versions.put(table, v == null ? "none" : v.toString());
    }
    return of(run, stage, versions, basis.label(), settings);
  }

  /** As above, from versions already read. */
  static StageFingerprint of(
      RunContext run, String stage, Map<String, String> versions, String basis, Object settings) {
    Map<String, String> parts = new LinkedHashMap<>();
    parts.put("inputs", new TreeMap<>(versions).toString());
    parts.put("basis", basis);
    parts.put("as_of", String.valueOf(run.run().asOf()));
    parts.put("district", run.run().districtCode());
    parts.put("settings", String.valueOf(settings));
    parts.put("code", codeStamp());
    return new StageFingerprint(stage, parts);
  }

  /** This fingerprint with one more input, e.g. the hash of a file the stage reads. */
  public StageFingerprint with(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(parts);
    more.put(name, value);
    return new StageFingerprint(stage, more);
  }

  /** The stored text: every part as name=value. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    parts.forEach(
        (k, v) -> sb.append(sb.length() == 0 ? "" : "; ").append(k).append('=').append(v));
    return sb.toString();
  }

  /**
   * The outcome of skipping the stage ("nothing new since the last …", {@code kept} kept) when the
   * run is not {@code --full}, the stage's last successful run had this fingerprint and its output
   * tables are still at the versions it wrote; otherwise empty, the reason logged.
   */
  public Optional<StageOutcome> skip(SparkSession spark, RunContext run, String kept) {
    if (run.full()) {
      return Optional.empty();
    }
    Row last = last(spark, run.paths());
    if (last == null) {
      LOG.info("{}: no earlier successful run recorded on this lake; running", stage);
      return Optional.empty();
    }
    String lastRun = last.getString(0);
    String changed = changed(last.getString(1));
    if (changed != null) {
      LOG.info("{}: {} changed since the last run ({}); running", stage, changed, lastRun);
      return Optional.empty();
    }
    Map<String, Long> outputs = last.getJavaMap(2);
    for (Map.Entry<String, Long> out : new TreeMap<>(outputs).entrySet()) {
      String location = AsOfBasis.location(run.paths(), out.getKey());
      if (!Lake.exists(spark, location) || Lake.version(spark, location) != out.getValue()) {
        LOG.info(
            "{}: its output {} is no longer the version run {} wrote; running",
            stage,
            out.getKey(),
            lastRun);
        return Optional.empty();
      }
    }
    String note = "nothing new since the last " + stage + " (" + kept + " kept)";
    LOG.info(
        "{} skipped: {} — run {} read the same input versions, as-of date, settings and code",
        stage,
        note,
        lastRun);
    return Optional.of(new StageOutcome(stage, 0, 0, 0, 0, Map.of(), note));
  }

  /**
   * Records a successful run with the versions of the tables it wrote; called last, after every
   * output is written, so a stage that stopped half-way is never taken for a finished one.
   */
  public void record(SparkSession spark, RunContext run, Map<String, Long> outputs) {
    Row row =
        RowFactory.create(
            stage,
            run.runId(),
            text(),
            new TreeMap<>(outputs),
            new Timestamp(System.currentTimeMillis()));
    Lake.append(
        spark.createDataFrame(List.of(row), SCHEMA).coalesce(1), table(run.paths()), run.runId());
  }

  /** The table of recorded stage inputs. */
  public static String table(PathsConfig paths) {
    return Lake.table(paths, AsOfBasis.RUNS_LAYER, TABLE);
  }

  // The last recorded success of this stage: run id, fingerprint, outputs; or null.
  private Row last(SparkSession spark, PathsConfig paths) {
    String location = table(paths);
    if (!Lake.exists(spark, location)) {
      return null;
    }
    List<Row> rows =
        Lake.read(spark, location)
            .filter(col("stage").equalTo(stage))
            .orderBy(col("written_at").desc(), col("run_id").desc())
            .select("run_id", "fingerprint", "outputs")
            .limit(1)
            .collectAsList();
    return rows.isEmpty() ? null : rows.get(0);
  }

  // The names of the parts that differ from a stored fingerprint, or null when it is the same.
  String changed(String stored) {
    if (text().equals(stored)) {
      return null;
    }
    Map<String, String> before = new LinkedHashMap<>();
    for (String part : stored.split("; (?=[a-z_/]+=)")) {
      int eq = part.indexOf('=');
      before.put(eq < 0 ? part : part.substring(0, eq), eq < 0 ? "" : part.substring(eq + 1));
    }
    List<String> names =
        parts.entrySet().stream()
            .filter(e -> !e.getValue().equals(before.get(e.getKey())))
            .map(Map.Entry::getKey)
            .toList();
    return names.isEmpty() ? "the fingerprint" : String.join(", ", names);
  }

  /** The SHA-256 of a file's contents, e.g. a forecast scenario. */
  public static String fileHash(Path file) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw DispersalException.failure(
          "Cannot read " + file, e.getMessage(), "check that the file exists and is readable", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The build's version and time: a new build of the code may compute differently (the cluster jar
   * and the class folder of one build agree).
   */
  public static String codeStamp() {
    Properties build = new Properties();
    try (InputStream in =
        StageFingerprint.class.getResourceAsStream("/org/dispersal/build.properties")) {
      if (in != null) {
        build.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return build.getProperty("version", "unknown") + "@" + build.getProperty("built", "unknown");
  }
}
