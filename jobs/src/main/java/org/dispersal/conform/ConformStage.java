package org.dispersal.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.sql.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.dispersal.common.Few;
import org.dispersal.common.Lake;
import org.dispersal.common.RunContext;
import org.dispersal.common.Settings;
import org.dispersal.common.Stage;
import org.dispersal.common.StageOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Conform: bronze → silver — resolved, historised, linked and checked ledgers. */
public final class ConformStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(ConformStage.class);
  static final List<String> LEDGERS =
      List.of("rental", "license", "demolition", "population", "targets", "progress");

  @Override
  public String name() {
    return "conform";
  }

  @Override
  public StageOutcome run(SparkSession spark, Settings settings, RunContext run) {
    ConformConfig config = ConformConfig.from(settings);
    TownshipResolver resolver =
        new TownshipResolver(Reference.townships(), Reference.aliases(), run.run().districtCode());
    Map<String, Dataset<Row>> bronze = readBronze(spark, run);
    String fingerprint = Inputs.fingerprint(spark, run, config, BRONZE);
    Inputs.Last last = Inputs.last(spark, run);
    if (!run.full() && last != null && fingerprint.equals(last.fingerprint())) {
      LOG.info("Conform: bronze, as-of date, settings and code unchanged since the last conform");
      return new StageOutcome(
          name(), 0, 0, 0, 0, Map.of(), "nothing new since the last conform (silver kept)");
    }
    String basis = Inputs.basis(run, config);
    Increment increment = Increment.decide(spark, run, last, basis, bronze.get("deliveries"));
    LOG.info(
        "Conform: {} ({})",
        increment.full() ? "rebuilding silver from all of bronze" : "folding new deliveries in",
        increment.reason());
    Map<String, Dataset<Row>> fresh = new LinkedHashMap<>();
    Set<String> freshLedgers = new HashSet<>();
    long rowsIn = 0;
    for (String ledger : LEDGERS) {
      Dataset<Row> rowsOf = increment.freshRows(bronze.get(ledger));
      // A fold's are few: joined with whole tables by their keys, they are broadcast (see Few).
      fresh.put(ledger, increment.full() ? rowsOf : Few.of(rowsOf));
      long rows = fresh.get(ledger).count();
      rowsIn += rows;
      if (rows > 0) {
        freshLedgers.add(ledger);
      }
    }
    Resolved resolved = Resolved.of(fresh, resolver, run.run().districtCode());
    if (!increment.full()) {
      // Resolved caches its rows; materialised now, the joins are planned at their size (see Few).
      resolved.ledgers().values().forEach(Dataset::count);
    }
    Fold fold =
        new Fold(
            spark,
            increment,
            freshLedgers,
            Silver.scopes(resolved),
            run.runId(),
            run.paths(),
            config.rowsPerFile());
    Map<String, Dataset<Row>> written = new LinkedHashMap<>();
    Map<String, Long> versions = new LinkedHashMap<>();
    long rowsOut = 0;
    int kept = 0;
    for (Silver.Layer layer :
        Silver.layers(
            resolved,
            increment,
            increment.previous(spark, run),
            config,
            Reference.derivations(),
            Date.valueOf(run.run().asOf()),
            bronze,
            fold)) {
      for (Map.Entry<String, Dataset<Row>> table : layer.build(written).entrySet()) {
        String location = Lake.table(run.paths(), "silver", table.getKey());
        long start = System.nanoTime();
        boolean again = fold.recompute(table.getKey(), location);
        versions.put(
            "silver/" + table.getKey(),
            again
                ? fold.write(table.getKey(), table.getValue(), location)
                : Lake.version(spark, location));
        written.put(table.getKey(), Lake.read(spark, location));
        if (again) {
          rowsOut += Lake.rowsWritten(spark, location, run.runId());
        } else {
          kept++;
        }
        LOG.debug(
            "silver/{} {} in {} ms",
            table.getKey(),
            again ? "written" : "kept (its inputs have no new rows)",
            (System.nanoTime() - start) / 1_000_000);
      }
    }
    versions.put(
        "silver/" + Inputs.TABLE,
        Lake.overwrite(
            Inputs.row(spark, run, fingerprint, basis, increment.delivered()),
            Lake.table(run.paths(), "silver", Inputs.TABLE),
            run.runId()));
    // The intermediates persisted while building are no longer needed.
    spark.catalog().clearCache();
    long quarantined = Lake.read(spark, Lake.table(run.paths(), "silver", "quarantine")).count();
    List<Row> stale =
        Lake.read(spark, Lake.table(run.paths(), "silver", "quality_freshness"))
            .filter(col(Scorecard.STALE))
            .collectAsList();
    for (Row r : stale) {
      LOG.warn(
          "Ledger {} is stale: its newest record ({}) is {} days old at {} (threshold {} days)",
          r.getAs(Scorecard.LEDGER),
          r.getAs(Scorecard.LATEST_DATA),
          r.getAs(Scorecard.DAYS_SINCE),
          run.run().asOf(),
          r.getAs(Scorecard.STALE_AFTER_DAYS));
    }
    return new StageOutcome(
        name(),
        rowsIn,
        rowsOut,
        quarantined,
        0,
        versions,
        (written.size() - kept)
            + " silver tables"
            + (kept > 0 ? " written, " + kept + " kept" : "")
            + (increment.full() ? " rebuilt (" : " (")
            + increment.reason()
            + ")"
            + (stale.isEmpty() ? "" : "; stale ledgers: " + stale.size()));
  }

  static final List<String> BRONZE =
      List.of(
          "rental",
          "license",
          "demolition",
          "population",
          "targets",
          "progress",
          "deliveries",
          "quarantine");

  private static Map<String, Dataset<Row>> readBronze(SparkSession spark, RunContext run) {
    return Lake.readAll(spark, run.paths(), "bronze", BRONZE, "Conform", "ingest");
  }

  /** A UDF giving (code, method, status, candidates) for a raw township value. */
  static UserDefinedFunction resolveUdf(TownshipResolver resolver, String districtCode) {
    UDF1<String, Row> f =
        raw -> {
          if (raw != null && raw.strip().equals(districtCode)) {
            return org.apache.spark.sql.RowFactory.create(
                districtCode, "district", TownshipResolver.RESOLVED, "");
          }
          TownshipResolver.Resolution r = resolver.resolve(raw);
          return org.apache.spark.sql.RowFactory.create(
              r.code(), r.method(), r.status(), String.join("、", r.candidates()));
        };
    return udf(
        f,
        DataTypes.createStructType(
            List.of(
                DataTypes.createStructField("code", DataTypes.StringType, true),
                DataTypes.createStructField("method", DataTypes.StringType, true),
                DataTypes.createStructField("status", DataTypes.StringType, false),
                DataTypes.createStructField("candidates", DataTypes.StringType, false))));
  }

  static UserDefinedFunction addressKeyUdf(AddressKeys keys) {
    return udf((UDF1<String, String>) keys::key, DataTypes.StringType);
  }

  static UserDefinedFunction dwellingKeyUdf(AddressKeys keys) {
    return udf((UDF1<String, String>) keys::dwelling, DataTypes.StringType);
  }

  /** The site key of a dwelling key (see {@link AddressKeys#site}). */
  static UserDefinedFunction siteKeyUdf() {
    return udf((UDF1<String, String>) AddressKeys::site, DataTypes.StringType);
  }
}
