package org.dispersal.ingest;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.dispersal.TestSpark;
import org.dispersal.common.CreditCodes;
import org.dispersal.common.PathsConfig;
import org.dispersal.common.ResidentIds;
import org.dispersal.common.RunConfig;
import org.dispersal.common.RunContext;
import org.dispersal.common.Setting;
import org.dispersal.common.Settings;
import org.dispersal.common.SettingsLoader;
import org.dispersal.common.SparkConfig;
import org.dispersal.common.StageOutcome;

/** Landing files, settings and runs for ingest tests: small, inline, in temp folders. */
final class Fixtures {
  static final String KEY = "test-key-for-personal-data-0123456789";
  static final String AS_OF = "2020-06-30";

  /** Names the PII scan looks for: every one appears in some fixture file. */
  static final List<String> NAMES = List.of("王秀英", "李建国", "张伟", "刘德华", "陈静");

  static final String RENTAL_HEADER =
      "登记编号,乡镇街道,社区村,房屋地址,房屋类型,出租面积,承租人数,是否群租,出租人姓名,出租人证件号,联系电话,登记日期,注销日期,注销原因,更新时间";
  static final String LICENSE_HEADER =
      "统一社会信用代码,主体名称,主体类型,行业代码,乡镇街道,经营地址,登记状态,成立日期,状态变更日期,从业人数,经营面积,整治类别,整治措施,整治日期,法定代表人证件号,更新时间";
  static final String DEMOLITION_HEADER =
      "台账编号,乡镇街道,村社区,位置,违建类型,原用途,拆除面积,占地面积,涉及人口,是否新增,拆除日期,腾退后用途,核验状态,更新时间";
  static final String POPULATION_HEADER = "乡镇街道,年份,常住人口,户籍人口,常住外来人口,口径";
  static final String TARGETS_HEADER = "任务编号,指标,乡镇街道,年度,累计,目标值,单位,方向";
  static final String PROGRESS_HEADER = "任务编号,指标,乡镇街道,月份,本月完成,单位";

  private Fixtures() {}

  /** A valid resident ID: 17 digits and their GB 11643 check digit. */
  static String id(String first17) {
    return first17 + ResidentIds.checkCharacter(first17);
  }

  /** The same ID with a wrong check digit. */
  static String badId(String first17) {
    char right = ResidentIds.checkCharacter(first17);
    return first17 + (right == '1' ? '2' : '1');
  }

  static String creditCode(String first17) {
    return first17 + CreditCodes.checkCharacter(first17);
  }

  static String badCreditCode(String first17) {
    char right = CreditCodes.checkCharacter(first17);
    return first17 + (right == 'A' ? 'B' : 'A');
  }

  /** A rental row with valid values; {@code edits} replace columns by Chinese header. */
  static String rental(String id, Map<String, String> edits) {
    String[] header = RENTAL_HEADER.split(",");
    String[] v = {
      id,
      "长阳镇",
      "稻田村",
      "稻田村" + id.substring(id.length() - 1) + "号",
      "平房",
      "40.5",
      "3",
      "否",
      "王秀英",
      id("11011119800101123"),
      "13812345678",
      "2018-03-05",
      "",
      "",
      "2019-01-01 10:00"
    };
    return apply(header, v, edits);
  }

  static String license(String code, Map<String, String> edits) {
    String[] header = LICENSE_HEADER.split(",");
    String[] v = {
      code,
      "稻田小吃店",
      "个体工商户",
      "H6210",
      "长阳",
      "稻田村5号",
      "存续",
      "2015/3/1",
      "",
      "4",
      "60",
      "",
      "",
      "",
      id("11011119750505221"),
      "2019年5月1日 08:30"
    };
    return apply(header, v, edits);
  }

  static String demolition(String id, Map<String, String> edits) {
    String[] header = DEMOLITION_HEADER.split(",");
    String[] v = {
      id,
      "良乡镇",
      "西路村",
      "西路村12号",
      "厂房",
      "生产经营",
      "1200",
      "900",
      "15",
      "否",
      "2018-06-01",
      "还绿",
      "已核验",
      "2018-07-01 09:00:00"
    };
    return apply(header, v, edits);
  }

  private static String apply(String[] header, String[] values, Map<String, String> edits) {
    for (int i = 0; i < header.length; i++) {
      if (edits.containsKey(header[i])) {
        values[i] = edits.get(header[i]);
      }
    }
    return String.join(",", values);
  }

  static Path write(Path landing, String ledger, String name, String text, Charset cs)
      throws IOException {
    return writeBytes(landing, ledger, name, text.getBytes(cs));
  }

  static Path write(Path landing, String ledger, String name, String text) throws IOException {
    return write(landing, ledger, name, text, StandardCharsets.UTF_8);
  }

  static Path writeBytes(Path landing, String ledger, String name, byte[] bytes)
      throws IOException {
    Path dir = landing.resolve(ledger);
    Files.createDirectories(dir);
    return Files.write(dir.resolve(name), bytes);
  }

  /**
   * An XLSX workbook whose first sheet holds the rows; a cell whose text starts with {@code date:}
   * becomes an Excel date cell, one that parses as a number a numeric cell.
   */
  static byte[] xlsx(List<List<String>> rows) throws IOException {
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      Sheet sheet = wb.createSheet("台账");
      CellStyle date = wb.createCellStyle();
      date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy/m/d"));
      CellStyle dateTime = wb.createCellStyle();
      dateTime.setDataFormat(
          wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
      for (int r = 0; r < rows.size(); r++) {
        Row row = sheet.createRow(r);
        List<String> cells = rows.get(r);
        for (int c = 0; c < cells.size(); c++) {
          String v = cells.get(c);
          if (v == null || v.isEmpty()) {
            continue;
          }
          Cell cell = row.createCell(c);
          if (v.startsWith("date:")) {
            String iso = v.substring(5);
            if (iso.length() > 10) {
              cell.setCellValue(java.time.LocalDateTime.parse(iso.replace(' ', 'T')));
              cell.setCellStyle(dateTime);
            } else {
              cell.setCellValue(java.time.LocalDate.parse(iso));
              cell.setCellStyle(date);
            }
          } else if (v.matches("-?\\d+(\\.\\d+)?") && v.length() < 12) {
            cell.setCellValue(Double.parseDouble(v));
          } else {
            cell.setCellValue(v);
          }
        }
      }
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      wb.write(out);
      return out.toByteArray();
    }
  }

  // The sheet's XML padded with 20 MB of spaces: a file of a few KB that expands 1000-fold.
  static byte[] zipBomb(byte[] workbook) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipInputStream in =
            new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(workbook));
        java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
      for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        byte[] data = in.readAllBytes();
        zip.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
        if (e.getName().equals("xl/worksheets/sheet1.xml")) {
          String xml = new String(data, StandardCharsets.UTF_8);
          int at = xml.indexOf("<sheetData");
          zip.write(xml.substring(0, at).getBytes(StandardCharsets.UTF_8));
          zip.write(" ".repeat(20 << 20).getBytes(StandardCharsets.US_ASCII));
          zip.write(xml.substring(at).getBytes(StandardCharsets.UTF_8));
        } else {
          zip.write(data);
        }
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  static List<String> cells(String csvLine) {
    return new ArrayList<>(List.of(csvLine.split(",", -1)));
  }

  static Settings settings(Path landing, Path lake, String... sets) {
    List<Setting<?>> all = new ArrayList<>();
    all.addAll(RunConfig.SETTINGS);
    all.addAll(PathsConfig.SETTINGS);
    all.addAll(SparkConfig.SETTINGS);
    all.addAll(IngestConfig.SETTINGS);
    List<String> overrides = new ArrayList<>();
    overrides.add("paths.landing=" + landing);
    overrides.add("paths.lake=" + lake);
    overrides.add("run.as-of=" + AS_OF);
    overrides.add("pii.key=" + KEY);
    // Fixture files are written just before they are read: complete, so no settling time.
    overrides.add("ingest.settle-seconds=0");
    overrides.addAll(List.of(sets));
    return SettingsLoader.load(all, null, null, Map.of(), overrides);
  }

  /** Runs the stage once as nightly would, on the shared test session. */
  static StageOutcome ingest(IngestStage stage, Settings settings) {
    SparkSession spark = TestSpark.session();
    return stage.run(spark, settings, RunContext.start(settings, false));
  }

  static Dataset<org.apache.spark.sql.Row> table(Path lake, String name) {
    return TestSpark.session()
        .read()
        .format("delta")
        .load(lake.resolve("bronze").resolve(name).toUri().toString());
  }
}
