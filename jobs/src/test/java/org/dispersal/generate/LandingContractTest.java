package org.dispersal.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.dispersal.common.CreditCodes;
import org.dispersal.common.ResidentIds;
import org.junit.jupiter.api.Test;

/** Every generated file parses under the input contract, and its values keep the contract. */
class LandingContractTest {
  private final Generated g = Generated.district();

  @Test
  void writesTheSixFoldersWithPeriodsInTheFileNames() throws Exception {
    List<String> files = Landing.files(g.root);
    for (String folder : Contract.CHINESE.keySet()) {
      assertThat(files).as(folder).anyMatch(f -> f.startsWith(folder + "/"));
    }
    assertThat(files)
        .contains(
            "rental/出租房屋登记_2019-03.csv",
            "demolition/拆违台账_2019-03.xlsx",
            "population/常住人口统计_2018.xlsx",
            "targets/任务目标_2017-2020.xlsx",
            "targets/任务目标_调整_2019.csv",
            "progress/专项任务进展_2019-03.xlsx",
            "license/市场主体登记及整治_2015-01.xlsx");
    assertThat(files)
        .allMatch(
            f ->
                f.matches(
                    "[a-z]+/[^/]+_(\\d{4}(-\\d{2})?|2017-2020|调整_2019)(_重报|_补充)?\\.(csv|xlsx)"));
    // Monthly deliveries from 2015-01 to the as-of month for the three record ledgers.
    assertThat(
            files.stream()
                .filter(f -> f.startsWith("rental/") && !f.contains("_重报") && !f.contains("_补充")))
        .hasSize(66);
    assertThat(files).noneMatch(f -> f.startsWith("population/") && f.contains("2020"));
  }

  @Test
  void usesAMixOfEncodingsAndFormats() throws Exception {
    boolean gbk = false;
    boolean bom = false;
    boolean utf8 = false;
    for (String f : Landing.files(g.root)) {
      if (!f.endsWith(".csv") || g.faultyFiles.contains(f)) {
        continue;
      }
      byte[] b = Files.readAllBytes(g.root.resolve(f));
      if (b.length > 3 && (b[0] & 0xff) == 0xEF) {
        bom = true;
      } else {
        try {
          java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b));
          utf8 = true;
        } catch (CharacterCodingException e) {
          gbk = true;
        }
      }
    }
    assertThat(gbk).isTrue();
    assertThat(bom).isTrue();
    assertThat(utf8).isTrue();
    assertThat(g.records.get("targets").stream().map(Landing.Record::file).distinct()).hasSize(2);
  }

  @Test
  void enumeratedValuesComeFromTheContract() {
    for (List<Landing.Record> rs : g.records.values()) {
      for (Landing.Record r : rs) {
        for (Map.Entry<String, List<String>> e : Contract.ENUMS.entrySet()) {
          String v = r.get(e.getKey());
          if (v != null && !v.isEmpty()) {
            assertThat(e.getValue())
                .as(r.file() + " row " + r.row() + " " + e.getKey())
                .contains(v);
          }
        }
      }
    }
  }

  @Test
  void datesUseTheContractsFormsAndRowsKeepTheirShape() {
    for (String ledger : List.of("rental", "license", "demolition")) {
      for (Landing.Record r : g.records.get(ledger)) {
        assertThat(Contract.dateTime(r.get("更新时间"))).as(r.file() + " row " + r.row()).isNotNull();
        for (Map.Entry<String, String> e : r.fields().entrySet()) {
          if (e.getKey().endsWith("日期") && !e.getValue().isEmpty()) {
            assertThat(Contract.date(e.getValue()))
                .as(r.file() + " row " + r.row() + " " + e.getKey())
                .isNotNull();
          }
        }
      }
    }
    for (Landing.Record r : g.records.get("progress")) {
      assertThat(r.get("月份")).matches("(\\d{4}-\\d{2})?");
    }
  }

  @Test
  void checkDigitsAreRightExceptWhereTheTruthSaysOtherwise() {
    int ids = 0;
    int codes = 0;
    for (String ledger : List.of("rental", "license")) {
      for (Landing.Record r : g.records.get(ledger)) {
        boolean badId =
            g.defectsAt(r).stream().anyMatch(d -> d.get("kind").equals("id_number_check"));
        boolean badCode =
            g.defectsAt(r).stream().anyMatch(d -> d.get("kind").equals("credit_code_check"));
        String id = ledger.equals("rental") ? r.get("出租人证件号") : r.get("法定代表人证件号");
        if (!id.isEmpty()) {
          assertThat(ResidentIds.isValid(id)).as(r.file() + " row " + r.row()).isEqualTo(!badId);
          ids++;
        }
        String code = r.get("统一社会信用代码");
        if (code != null && code.length() == 18 && !r.get("主体类型").equals("无照经营户")) {
          assertThat(CreditCodes.isValid(code))
              .as(r.file() + " row " + r.row())
              .isEqualTo(!badCode);
          codes++;
        }
      }
    }
    assertThat(ids).isGreaterThan(100_000);
    assertThat(codes).isGreaterThan(50_000);
  }

  @Test
  void wholeFileFaultsAreWhatTheTruthSays() throws Exception {
    for (Map<String, String> d : g.defects) {
      if (!d.get("row").isEmpty()) {
        continue;
      }
      String file = d.get("file");
      byte[] bytes = Files.readAllBytes(g.root.resolve(file));
      switch (d.get("kind")) {
        case "file_empty" -> assertThat(bytes).isEmpty();
        case "file_wrong_encoding" -> {
          assertThat(bytes[0] & 0xff).isEqualTo(0xEF);
          assertThatThrownBy(() -> Landing.decode(bytes))
              .isInstanceOf(CharacterCodingException.class);
        }
        case "file_truncated" -> {
          assertThat(bytes[bytes.length - 1]).isNotEqualTo((byte) '\n');
          assertThatThrownBy(() -> Landing.read(g.root, file))
              .isInstanceOf(IllegalStateException.class);
        }
        case "file_missing_column" -> {
          List<String> header = Landing.csv(Landing.decode(bytes)).get(0);
          assertThat(header).doesNotContain(d.get("field"));
          assertThatThrownBy(() -> Landing.read(g.root, file))
              .isInstanceOf(IllegalStateException.class);
        }
        default -> throw new AssertionError(d);
      }
      if (!d.get("kind").equals("file_empty")) {
        String resubmitted = file.replace(".csv", "_重报.csv");
        assertThat(Landing.read(g.root, resubmitted)).isNotEmpty();
      }
    }
  }

  @Test
  void filesAreDatedWhenTheDepartmentsSavedThem() throws Exception {
    java.util.Map<String, java.time.LocalDateTime> saved = new java.util.TreeMap<>();
    for (String file : Landing.files(g.root)) {
      saved.put(
          file,
          java.time.LocalDateTime.ofInstant(
              Files.getLastModifiedTime(g.root.resolve(file)).toInstant(),
              org.dispersal.common.RunConfig.ZONE));
    }
    assertThat(saved.values())
        .allMatch(t -> !t.toLocalDate().isAfter(Generated.AS_OF))
        .allMatch(t -> t.getYear() >= 2015);
    assertThat(saved)
        .hasEntrySatisfying(
            key(saved, "targets/", "2017-2020"),
            t -> assertThat(t).isEqualTo(java.time.LocalDateTime.of(2017, 2, 28, 16, 20)))
        .hasEntrySatisfying(
            key(saved, "targets/", "调整_2019"),
            t -> assertThat(t).isEqualTo(java.time.LocalDateTime.of(2019, 7, 15, 10, 5)))
        .hasEntrySatisfying(
            key(saved, "rental/", "2018-03."),
            t -> assertThat(t.toLocalDate()).isBetween("2018-04-01", "2018-04-05"));
    // A department's corrected resubmission follows its rejected file.
    long resubmissions = 0;
    for (String file : saved.keySet()) {
      if (file.contains(Deliveries.RESUBMITTED)) {
        String rejected = file.replace(Deliveries.RESUBMITTED, "");
        java.time.LocalDateTime three = saved.get(rejected).plusDays(3);
        java.time.LocalDateTime end = Generated.AS_OF.atTime(23, 59);
        assertThat(saved.get(file)).isEqualTo(three.isAfter(end) ? end : three);
        resubmissions++;
      }
    }
    assertThat(resubmissions).isPositive();
  }

  private static String key(Map<String, ?> files, String folder, String part) {
    return files.keySet().stream()
        .filter(
            f -> f.startsWith(folder) && f.contains(part) && !f.contains(Deliveries.RESUBMITTED))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + folder + "*" + part + "* file"));
  }
}
