package org.dispersal.ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.dispersal.common.CreditCodes;
import org.dispersal.common.ResidentIds;

/**
 * City-scale landing files for the ingest benchmark (docs/benchmarks.md); not a test. About 1% of
 * rows carry a fault. Usage: {@code BenchmarkData <landing dir> [scale, 1.0 = city]}.
 */
public final class BenchmarkData {
  private static final String[] TOWNSHIPS = {"长阳镇", "良乡地区", "拱辰街道", "窦店镇", "阎村镇", "城关街道"};
  private final SplittableRandom random = new SplittableRandom(20200630);

  private BenchmarkData() {}

  public static void main(String[] args) throws IOException {
    Path landing = Path.of(args[0]);
    double scale = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
    BenchmarkData d = new BenchmarkData();
    d.csv(landing, "rental", 250, (int) (5_000_000 * scale), Fixtures.RENTAL_HEADER, d::rental);
    d.csv(landing, "license", 100, (int) (1_000_000 * scale), Fixtures.LICENSE_HEADER, d::license);
    d.xlsx(landing, "demolition", 20, (int) (200_000 * scale));
    d.csv(landing, "progress", 48, (int) (170_000 * scale), Fixtures.PROGRESS_HEADER, d::progress);
    d.csv(landing, "targets", 1, (int) (14_000 * scale), Fixtures.TARGETS_HEADER, d::target);
    d.csv(landing, "population", 4, 1_400, Fixtures.POPULATION_HEADER, d::population);
  }

  private interface RowMaker {
    String row(long i);
  }

  private void csv(Path landing, String ledger, int files, int rows, String header, RowMaker maker)
      throws IOException {
    Path dir = Files.createDirectories(landing.resolve(ledger));
    long i = 0;
    for (int f = 0; f < files; f++) {
      // Every fourth file comes from the legacy system, in GBK.
      Charset cs = f % 4 == 3 ? Charset.forName("GBK") : StandardCharsets.UTF_8;
      Path file = dir.resolve(String.format(Locale.ROOT, "%s-%03d.csv", ledger, f));
      try (BufferedWriter w = Files.newBufferedWriter(file, cs)) {
        w.write(header);
        w.write('\n');
        for (int r = 0; r < rows / files; r++) {
          w.write(maker.row(i++));
          w.write('\n');
        }
      }
    }
  }

  private String rental(long i) {
    String area = fault() ? "-" + random.nextInt(50) : Integer.toString(10 + random.nextInt(200));
    String first17 =
        String.format(
            Locale.ROOT, "1101111970%04d%03d", 101 + random.nextInt(1100), random.nextInt(1000));
    return String.join(
        ",",
        "R" + i,
        TOWNSHIPS[random.nextInt(TOWNSHIPS.length)],
        "村" + random.nextInt(300),
        "某某路" + random.nextInt(2000) + "号",
        "平房",
        area,
        Integer.toString(random.nextInt(12)),
        random.nextInt(10) == 0 ? "是" : "否",
        "租户" + random.nextInt(100000),
        first17 + ResidentIds.checkCharacter(first17),
        "139" + String.format(Locale.ROOT, "%08d", random.nextInt(100_000_000)),
        "2018-" + (1 + random.nextInt(12)) + "-" + (1 + random.nextInt(28)),
        "",
        "",
        "2019/6/" + (1 + random.nextInt(28)) + " 10:00");
  }

  private String license(long i) {
    String first17 = String.format(Locale.ROOT, "92110111MA%07d", i % 10_000_000);
    String code =
        first17 + (fault() ? "I" : Character.toString(CreditCodes.checkCharacter(first17)));
    String id =
        String.format(
            Locale.ROOT, "1101111980%04d%03d", 101 + random.nextInt(1100), random.nextInt(1000));
    return String.join(
        ",",
        code,
        "商户" + i,
        "个体工商户",
        "F5212",
        TOWNSHIPS[random.nextInt(TOWNSHIPS.length)],
        "某某街" + random.nextInt(900) + "号",
        "存续",
        "2012年3月" + (1 + random.nextInt(28)) + "日",
        "",
        Integer.toString(random.nextInt(30)),
        Integer.toString(20 + random.nextInt(500)),
        "",
        "",
        "",
        id + ResidentIds.checkCharacter(id),
        "2019-05-01 08:30");
  }

  private String progress(long i) {
    return String.join(
        ",",
        "T" + (1 + i % 9),
        "拆除面积",
        TOWNSHIPS[(int) (i % TOWNSHIPS.length)],
        "2019-" + (1 + i % 12),
        Integer.toString(random.nextInt(5000)),
        "平方米");
  }

  private String target(long i) {
    return String.join(
        ",",
        "T" + (1 + i % 9),
        "指标" + i,
        TOWNSHIPS[(int) (i % TOWNSHIPS.length)],
        Integer.toString(2017 + (int) (i % 4)),
        "否",
        Integer.toString(random.nextInt(100000)),
        "平方米",
        "不少于");
  }

  private String population(long i) {
    return String.join(
        ",",
        "1101110" + String.format(Locale.ROOT, "%02d", i % 30),
        Integer.toString(2016 + (int) (i % 4)),
        "120000",
        "60000",
        "60000",
        "抽样推算");
  }

  private boolean fault() {
    return random.nextInt(100) == 0;
  }

  private void xlsx(Path landing, String ledger, int files, int rows) throws IOException {
    Path dir = Files.createDirectories(landing.resolve(ledger));
    long i = 0;
    for (int f = 0; f < files; f++) {
      try (SXSSFWorkbook wb = new SXSSFWorkbook(200);
          OutputStream out = Files.newOutputStream(dir.resolve(ledger + "-" + f + ".xlsx"))) {
        Sheet sheet = wb.createSheet();
        String[] header = Fixtures.DEMOLITION_HEADER.split(",");
        Row h = sheet.createRow(0);
        for (int c = 0; c < header.length; c++) {
          h.createCell(c).setCellValue(header[c]);
        }
        for (int r = 1; r <= rows / files; r++) {
          String[] v = Fixtures.demolition("D" + i++, java.util.Map.of()).split(",");
          Row row = sheet.createRow(r);
          for (int c = 0; c < v.length; c++) {
            if (c == 6) {
              row.createCell(c).setCellValue(fault() ? 0 : 50 + random.nextInt(3000));
            } else {
              row.createCell(c).setCellValue(v[c]);
            }
          }
        }
        wb.write(out);
      }
    }
  }
}
