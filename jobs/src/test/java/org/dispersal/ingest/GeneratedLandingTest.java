package org.dispersal.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.dispersal.TestSpark;
import org.dispersal.common.ExitCode;
import org.dispersal.common.RunContext;
import org.dispersal.common.Settings;
import org.dispersal.generate.GenerateConfig;
import org.dispersal.generate.Generator;
import org.dispersal.ops.Pipeline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The generator's district data (fixed seed), ingested, checked against its truth ({@code
 * _truth/defects.csv}): every fault ingest must catch is caught by the right rule at the right file
 * and row, nothing else is, and no clear personal value reaches the lake or the logs. For speed the
 * landing holds every faulty file and its resubmission plus a few regular files of each ledger, not
 * all 259.
 */
@Isolated
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedLandingTest {
  private static final LocalDate AS_OF = LocalDate.of(2020, 6, 30);
  private static final Set<String> INGEST_ROW_RULES =
      Set.of(
          Rules.AREA_RANGE,
          Rules.DATE_RANGE,
          Rules.REQUIRED_MISSING,
          Rules.CREDIT_CODE_CHECK,
          Rules.NUMBER_INVALID,
          Rules.DATE_INVALID,
          Rules.ENUM_INVALID,
          Rules.COUNT_RANGE,
          Rules.ROW_COLUMNS);

  @TempDir static Path dir;

  private Path landing;
  private Path lake;
  private ExitCode first;
  private ExitCode second;
  private String logs;
  private List<Map<String, String>> defects;
  private final Set<String> names = new HashSet<>();

  @BeforeAll
  void generateAndIngest() throws Exception {
    Path all = dir.resolve("generated");
    Generator.generate(
        new GenerateConfig(20170101, false, 0.02, AS_OF, "110111"), all, (f, n, r) -> {});
    landing = dir.resolve("landing");
    lake = dir.resolve("lake");
    defects = new ArrayList<>();
    for (Map<String, String> d : csv(all.resolve("_truth/defects.csv"))) {
      defects.add(d);
    }
    Set<String> chosen = choose(all);
    for (String f : chosen) {
      Files.createDirectories(landing.resolve(f).getParent());
      Files.copy(all.resolve(f), landing.resolve(f));
      collectNames(landing.resolve(f), f);
    }
    defects.removeIf(d -> !chosen.contains(d.get("file")));

    Settings settings = Fixtures.settings(landing, lake, "run.as-of=" + AS_OF);
    try (CapturedLogs captured = CapturedLogs.start()) {
      first = run(settings);
      second = run(settings);
      logs = captured.text();
    }
  }

  private static ExitCode run(Settings settings) {
    return Pipeline.run(
        TestSpark.session(),
        settings,
        RunContext.start(settings, false),
        List.of(new IngestStage()));
  }

  // Every faulty file and its resubmission, and the first two and last regular files per ledger.
  private Set<String> choose(Path all) throws IOException {
    Set<String> chosen = new TreeSet<>();
    for (Map<String, String> d : defects) {
      if (d.get("row").isEmpty()) {
        String f = d.get("file");
        chosen.add(f);
        String dot = f.substring(f.lastIndexOf('.'));
        Path resubmitted = all.resolve(f.replace(dot, "_重报" + dot));
        if (Files.exists(resubmitted)) {
          chosen.add(all.relativize(resubmitted).toString());
        }
      }
    }
    for (Ledger l : Ledger.values()) {
      List<String> files;
      try (Stream<Path> s = Files.list(all.resolve(l.folder()))) {
        files = s.map(p -> l.folder() + "/" + p.getFileName()).sorted().toList();
      }
      int n = files.size();
      for (int i : new int[] {0, 1, n / 2, n - 1}) {
        chosen.add(files.get(Math.max(0, Math.min(n - 1, i))));
      }
    }
    return chosen;
  }

  private Dataset<Row> table(String name) {
    return Fixtures.table(lake, name);
  }

  private static String where(String ledgerAndFile, Object row) {
    return ledgerAndFile + "#" + row;
  }

  @Test
  void rejectedFilesAreExactlyTheInjectedWholeFileFaults() {
    Map<String, String> expected = new HashMap<>();
    for (Map<String, String> d : defects) {
      if (d.get("row").isEmpty()) {
        expected.put(d.get("file"), d.get("expected_rule"));
      }
    }
    Map<String, String> rejected = new HashMap<>();
    for (Row r : table("deliveries").filter(col("status").equalTo("rejected")).collectAsList()) {
      rejected.put(r.getAs("ledger") + "/" + r.getAs("file_name"), r.getAs("rule_id"));
    }
    // Every whole-file fault the generator injects is among them (issue #13).
    assertThat(new HashSet<>(expected.values()))
        .containsExactlyInAnyOrder(
            Rules.FILE_UNDECODABLE,
            Rules.FILE_TRUNCATED,
            Rules.FILE_MISSING_COLUMN,
            Rules.FILE_EMPTY);
    assertThat(rejected).isEqualTo(expected);
    assertThat(first).isEqualTo(ExitCode.REJECTED_INPUT);
  }

  @Test
  void everyRowFaultOfIngestIsQuarantinedUnderItsRuleAndNothingElseIs() {
    Set<String> rejectedFiles = new HashSet<>();
    Map<String, Set<String>> expected = new HashMap<>();
    for (Map<String, String> d : defects) {
      if (d.get("row").isEmpty()) {
        rejectedFiles.add(d.get("file"));
      }
    }
    Set<String> kinds = new TreeSet<>();
    for (Map<String, String> d : defects) {
      if (!d.get("row").isEmpty()
          && !rejectedFiles.contains(d.get("file"))
          && INGEST_ROW_RULES.contains(d.get("expected_rule"))) {
        expected
            .computeIfAbsent(where(d.get("file"), d.get("row")), k -> new HashSet<>())
            .add(d.get("expected_rule"));
        kinds.add(d.get("kind"));
      }
    }
    assertThat(kinds)
        .contains(
            "area_negative",
            "area_absurd",
            "date_future",
            "date_before_2000",
            "missing_required",
            "credit_code_check");
    Map<String, String> actual = new HashMap<>();
    for (Row r :
        table("quarantine")
            .select("ledger", "file_name", "row_number", "rule_id")
            .collectAsList()) {
      actual.put(where(r.getString(0) + "/" + r.getString(1), r.getInt(2)), r.getString(3));
    }
    List<String> missed = new ArrayList<>();
    List<String> wrongRule = new ArrayList<>();
    for (Map.Entry<String, Set<String>> e : expected.entrySet()) {
      String got = actual.get(e.getKey());
      if (got == null) {
        missed.add(e.getKey() + " " + e.getValue());
      } else if (!e.getValue().contains(got)) {
        wrongRule.add(e.getKey() + " " + e.getValue() + " got " + got);
      }
    }
    List<String> extra = new ArrayList<>();
    for (String k : actual.keySet()) {
      if (!expected.containsKey(k)) {
        extra.add(k + " " + actual.get(k));
      }
    }
    assertThat(missed).as("defects not quarantined").isEmpty();
    assertThat(wrongRule).as("defects under another rule").isEmpty();
    assertThat(extra).as("rows quarantined without an injected defect").isEmpty();
  }

  @Test
  void wrongIdCheckDigitsAreFlaggedOnLoadedRowsAndOnlyThere() {
    Set<String> rejectedFiles = new HashSet<>();
    for (Map<String, String> d : defects) {
      if (d.get("row").isEmpty()) {
        rejectedFiles.add(d.get("file"));
      }
    }
    Set<String> quarantined = new HashSet<>();
    for (Row r : table("quarantine").select("ledger", "file_name", "row_number").collectAsList()) {
      quarantined.add(where(r.getString(0) + "/" + r.getString(1), r.getInt(2)));
    }
    Set<String> expected = new HashSet<>();
    for (Map<String, String> d : defects) {
      String at = where(d.get("file"), d.get("row"));
      if (d.get("kind").equals("id_number_check")
          && !rejectedFiles.contains(d.get("file"))
          && !quarantined.contains(at)) {
        expected.add(at);
      }
    }
    Set<String> invalid = new HashSet<>();
    for (String ledger : List.of("rental", "license")) {
      String column =
          ledger.equals("rental") ? "landlord_id_number_valid" : "representative_id_number_valid";
      for (Row r :
          table(ledger)
              .filter(col(column).equalTo(false))
              .select("file_name", "row_number")
              .collectAsList()) {
        invalid.add(where(ledger + "/" + r.getString(0), r.getInt(1)));
      }
    }
    assertThat(expected).isNotEmpty();
    assertThat(invalid).isEqualTo(expected);
  }

  @Test
  void theAccountingHoldsAndASecondIngestAddsNothing() {
    long read = 0;
    long loaded = 0;
    long quarantined = 0;
    for (Row d : table("deliveries").collectAsList()) {
      long r = d.getAs("rows_read");
      long l = d.getAs("rows_loaded");
      long q = d.getAs("rows_quarantined");
      assertThat(r).isEqualTo(l + q);
      read += r;
      loaded += l;
      quarantined += q;
    }
    long bronze = 0;
    for (Ledger l : Ledger.values()) {
      bronze += table(l.folder()).count();
    }
    assertThat(bronze).isEqualTo(loaded);
    assertThat(table("quarantine").count()).isEqualTo(quarantined);
    assertThat(read).isGreaterThan(10_000);
    assertThat(second).isEqualTo(ExitCode.SUCCESS);
    assertThat(table("deliveries").select("run_id").distinct().count()).isEqualTo(1);
  }

  @Test
  void noIdNumberPhoneNumberOrGeneratedNameAnywhereInTheLakeOrTheLogs() throws Exception {
    assertThat(names).hasSizeGreaterThan(100);
    assertThat(PiiScan.lake(lake, List.of())).isEmpty();
    assertThat(PiiScan.names(lake, names)).isEmpty();
    assertThat(PiiScan.text("logs", logs, List.copyOf(names))).isEmpty();
  }

  // The generator's person names in a file: landlords, and unlicensed operators' names.
  private void collectNames(Path file, String relative) throws IOException {
    Ledger ledger = Ledger.ofFolder(relative.substring(0, relative.indexOf('/')));
    if (ledger != Ledger.RENTAL && ledger != Ledger.LICENSE || Files.size(file) == 0) {
      return;
    }
    try (RecordSource src = open(file)) {
      String[] header = src.next();
      if (header == null) {
        return;
      }
      int name = List.of(header).indexOf(ledger == Ledger.RENTAL ? "出租人姓名" : "主体名称");
      int type = List.of(header).indexOf("主体类型");
      for (String[] r = src.next(); r != null; r = src.next()) {
        if (name < 0 || name >= r.length || r[name] == null) {
          continue;
        }
        if (ledger == Ledger.RENTAL) {
          names.add(r[name].strip());
        } else if (type >= 0 && type < r.length && "无照经营户".equals(r[type])) {
          int bracket = r[name].indexOf('（');
          names.add(bracket > 0 ? r[name].substring(0, bracket) : r[name]);
        }
      }
    } catch (FileRejection e) {
      // A faulty file: its rows are not read anyway.
    }
    names.removeIf(n -> n.length() < 3);
  }

  private static RecordSource open(Path file) throws IOException {
    byte[] magic = new byte[2];
    try (InputStream in = Files.newInputStream(file)) {
      in.readNBytes(magic, 0, 2);
    }
    if (magic[0] == 'P' && magic[1] == 'K') {
      return new XlsxSource(new File(file.toUri()));
    }
    TextScan.Result scan = TextScan.scan(() -> Files.newInputStream(file), 1 << 20);
    InputStream in = Files.newInputStream(file);
    in.skipNBytes(scan.bomBytes());
    return new CsvSource(in, scan, 1 << 20);
  }

  private static List<Map<String, String>> csv(Path file) throws IOException {
    List<Map<String, String>> out = new ArrayList<>();
    try (RecordSource src =
        new CsvSource(
            Files.newInputStream(file),
            new TextScan.Result("UTF-8", StandardCharsets.UTF_8, 0, true),
            1 << 20)) {
      String[] header = src.next();
      for (String[] r = src.next(); r != null; r = src.next()) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
          m.put(header[i], i < r.length && r[i] != null ? r[i] : "");
        }
        out.add(m);
      }
    }
    return out;
  }
}
