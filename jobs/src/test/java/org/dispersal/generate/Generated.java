package org.dispersal.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.dispersal.common.Townships;

/**
 * One district-scale generation (default settings), made once per test JVM and shared by the test
 * classes, with everything read back: records of every accepted file, the defects, the truth files,
 * and the records repaired from the truth.
 */
final class Generated {
  static final LocalDate AS_OF = LocalDate.of(2020, 6, 30);
  static final String DISTRICT = "110111";

  private static Generated district;

  final Path root;
  final Generator.Summary summary;
  final List<Map<String, String>> defects;
  final Set<String> faultyFiles = new HashSet<>();
  final Map<String, List<Landing.Record>> records = new LinkedHashMap<>();
  final Map<String, String> resolve = new HashMap<>();
  private final Map<String, List<Map<String, String>>> defectsAt = new HashMap<>();

  private Generated(Path root, Generator.Summary summary) throws IOException {
    this.root = root;
    this.summary = summary;
    this.defects = truth("defects.csv");
    for (Map<String, String> d : defects) {
      if (d.get("row").isEmpty()) {
        faultyFiles.add(d.get("file"));
      } else {
        defectsAt
            .computeIfAbsent(d.get("file") + "#" + d.get("row"), k -> new ArrayList<>())
            .add(d);
      }
    }
    for (String file : Landing.files(root)) {
      if (!faultyFiles.contains(file)) {
        String ledger = file.substring(0, file.indexOf('/'));
        records.computeIfAbsent(ledger, k -> new ArrayList<>()).addAll(Landing.read(root, file));
      }
    }
    Townships ref = Townships.load();
    for (Townships.Township t : ref.ofDistrict(DISTRICT)) {
      resolve.put(t.code(), t.code());
      resolve.put(t.code() + "000", t.code());
      resolve.put(t.name(), t.code());
      resolve.put(t.shortName(), t.code());
    }
    for (Townships.Alias a : ref.aliases()) {
      if (a.townshipCode().startsWith(DISTRICT)) {
        resolve.put(a.alias(), a.townshipCode());
      }
    }
  }

  static synchronized Generated district() {
    if (district == null) {
      try {
        Path dir = Files.createTempDirectory("dispersal-generated-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        GenerateConfig config = new GenerateConfig(20170101, false, 0.02, AS_OF, DISTRICT);
        Generator.Summary s = Generator.generate(config, dir, (f, files, rows) -> {});
        district = new Generated(dir, s);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return district;
  }

  static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort at exit
    }
  }

  List<Map<String, String>> truth(String file) throws IOException {
    return table(root.resolve("_truth").resolve(file));
  }

  static List<Map<String, String>> table(Path file) throws IOException {
    List<List<String>> rows = Landing.csv(Files.readString(file));
    List<Map<String, String>> out = new ArrayList<>();
    for (int i = 1; i < rows.size(); i++) {
      Map<String, String> m = new LinkedHashMap<>();
      for (int c = 0; c < rows.get(0).size(); c++) {
        m.put(rows.get(0).get(c), rows.get(i).get(c));
      }
      out.add(m);
    }
    return out;
  }

  List<Map<String, String>> defectsAt(Landing.Record r) {
    return defectsAt.getOrDefault(r.file() + "#" + r.row(), List.of());
  }

  /** A copy of the record with every row defect undone from the truth; township as its code. */
  Landing.Record repaired(Landing.Record r) {
    Landing.Record f = r;
    for (Map<String, String> d : defectsAt(r)) {
      String kind = d.get("kind");
      if (!kind.equals("duplicate")
          && !kind.equals("correction")
          && !d.get("field").isEmpty()
          && !kind.endsWith("_check")) {
        f = f.with(d.get("field"), d.get("true_value"));
      }
    }
    String township = f.get("乡镇街道");
    if (township != null && !township.isEmpty()) {
      f = f.with("乡镇街道", resolve.getOrDefault(township, township));
    }
    return f;
  }

  /** Repaired records of a ledger, the latest 更新时间 per business key. */
  Map<String, Landing.Record> latest(String ledger, String keyColumn) {
    Map<String, Landing.Record> out = new HashMap<>();
    Map<String, LocalDateTime> at = new HashMap<>();
    for (Landing.Record raw : records.get(ledger)) {
      Landing.Record r = repaired(raw);
      String key = r.get(keyColumn);
      LocalDateTime t = Contract.dateTime(r.get("更新时间"));
      LocalDateTime seen = at.get(key);
      if (seen == null || t.isAfter(seen)) {
        out.put(key, r);
        at.put(key, t);
      }
    }
    return out;
  }
}
