package org.dispersal.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.PatternFormatting;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFConditionalFormattingRule;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFSheetConditionalFormatting;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.dispersal.export.Sheet.Block;
import org.dispersal.export.Sheet.Column;
import org.dispersal.export.Sheet.Kind;

/**
 * Writes the sheets to an XLSX workbook: bold header rows frozen and repeated on every printed
 * page, number formats with units, column widths, long texts wrapped, status and probability cells
 * coloured green, amber or red by conditional-formatting rules (status cells also filled), and A4
 * landscape fit-to-width printing with the sheet name and page number in the footer.
 */
final class WorkbookWriter {
  /** Widest column, in characters (a Chinese character counts two). */
  static final int MAX_WIDTH = 60;

  /** Texts longer than this (in characters) wrap, in columns at least this wide. */
  static final int WRAP_CHARS = 40;

  private final XSSFWorkbook wb = new XSSFWorkbook();
  private final ExportConfig config;
  private final Map<String, XSSFCellStyle> styles = new HashMap<>();

  private WorkbookWriter(ExportConfig config) {
    this.config = config;
  }

  static void write(List<Sheet> sheets, ExportConfig config, Path file) throws IOException {
    WorkbookWriter w = new WorkbookWriter(config);
    sheets.forEach(w::sheet);
    try (OutputStream out = Files.newOutputStream(file)) {
      w.wb.write(out);
    }
    w.wb.close();
  }

  private void sheet(Sheet s) {
    XSSFSheet sh = wb.createSheet(s.name());
    int r = 0;
    int widest = 0;
    for (Block b : s.blocks()) {
      Cell title = sh.createRow(r++).createCell(0);
      title.setCellValue(b.title());
      title.setCellStyle(style("title", null, null));
      XSSFRow head = sh.createRow(r++);
      for (int c = 0; c < b.columns().size(); c++) {
        Cell cell = head.createCell(c);
        cell.setCellValue(b.columns().get(c).title());
        cell.setCellStyle(style("header", null, null));
        // a header wider than its column wraps onto a second line
        if (titleWidth(b.columns().get(c)) > width(b.columns().get(c))) {
          head.setHeightInPoints(2 * sh.getDefaultRowHeightInPoints() + 2);
        }
      }
      if (b == s.blocks().get(0)) {
        sh.createFreezePane(s.name().equals("乡镇街道") ? 1 : 0, r);
      }
      int unitCol = indexOf(b, "单位");
      conditionalColours(sh, b, r, r + b.rows().size() - 1);
      for (List<Object> values : b.rows()) {
        XSSFRow row = sh.createRow(r++);
        for (int c = 0; c < b.columns().size(); c++) {
          Object unit = unitCol < 0 ? null : values.get(unitCol);
          cell(row.createCell(c), b.columns().get(c), values.get(c), unit);
        }
      }
      r++;
      for (int c = 0; c < b.columns().size(); c++) {
        int w = width(b.columns().get(c));
        if (c >= widest || sh.getColumnWidth(c) < w * 256) {
          sh.setColumnWidth(c, w * 256);
        }
      }
      widest = Math.max(widest, b.columns().size());
    }
    PrintSetup ps = sh.getPrintSetup();
    ps.setPaperSize(PrintSetup.A4_PAPERSIZE);
    ps.setLandscape(true);
    ps.setFitWidth((short) 1);
    ps.setFitHeight((short) 0);
    sh.setFitToPage(true);
    sh.setRepeatingRows(new CellRangeAddress(0, 1, -1, -1));
    sh.setHorizontallyCenter(true);
    sh.getFooter().setCenter("&A　第 &P 页，共 &N 页");
  }

  /** A header's width in characters on one line (a Chinese character counts two). */
  private static int titleWidth(Column col) {
    return col.title().length() * 2 + 2;
  }

  /**
   * A column's width: its declared width, or half its header's (the header wraps onto two lines)
   * when that is wider, at most {@link #MAX_WIDTH}; a long header no longer widens the sheet that
   * prints fitted to the page's width.
   */
  static int width(Column col) {
    return Math.min(Math.max(col.width(), (titleWidth(col) + 1) / 2 + 1), MAX_WIDTH);
  }

  private void cell(Cell cell, Column col, Object v, Object rowUnit) {
    if (v == null) {
      cell.setCellStyle(style("plain", null, null));
      return;
    }
    if (col.kind() == Kind.STATUS) {
      cell.setCellValue(Sheet.statusText(v));
      cell.setCellStyle(style("status", config.colour(v.toString()), null));
      return;
    }
    if (!(v instanceof Number n)) {
      String text = v.toString();
      cell.setCellValue(text);
      // long texts (the methods paragraph) wrap within the column, the row as tall as needed
      int chars = text.length() * 2;
      if (chars > WRAP_CHARS && col.width() >= WRAP_CHARS) {
        cell.setCellStyle(style("wrap", null, null));
        int lines =
            (chars + Math.min(col.width(), MAX_WIDTH) - 1) / Math.min(col.width(), MAX_WIDTH);
        cell.getRow().setHeightInPoints(Math.max(cell.getRow().getHeightInPoints(), lines * 15f));
      } else {
        cell.setCellStyle(style("plain", null, null));
      }
      return;
    }
    double d = n.doubleValue();
    String format =
        switch (col.kind()) {
          case PERCENT, PROBABILITY -> "0.0%";
          case DECIMAL -> "#,##0.00";
          case AREA_WAN -> "#,##0.00\" 万平方米\"";
          case ROW_UNIT -> unitFormat(rowUnit == null ? "" : rowUnit.toString());
          default -> col.unit().isEmpty() ? "0" : "#,##0\" " + col.unit() + "\"";
        };
    if (col.kind() == Kind.AREA_WAN) {
      d = d / 10_000;
    }
    cell.setCellValue(d);
    cell.setCellStyle(style("number", null, format));
  }

  /**
   * Conditional-formatting rules, so the colours follow the values (also after an edit): status
   * cells by their word, probability cells by the forecast's thresholds (at least on-track green,
   * at least at-risk amber, else red); blank cells stay uncoloured.
   */
  private void conditionalColours(XSSFSheet sh, Block b, int first, int last) {
    if (last < first) {
      return;
    }
    XSSFSheetConditionalFormatting cf = sh.getSheetConditionalFormatting();
    for (int c = 0; c < b.columns().size(); c++) {
      Kind kind = b.columns().get(c).kind();
      if (kind != Kind.STATUS && kind != Kind.PROBABILITY) {
        continue;
      }
      CellRangeAddress[] range = {new CellRangeAddress(first, last, c, c)};
      String x = CellReference.convertNumToColString(c) + (first + 1);
      String on = decimal(config.onTrack());
      String risk = decimal(config.atRisk());
      List<String> formulas =
          kind == Kind.PROBABILITY
              ? List.of(
                  "AND(ISNUMBER(" + x + ")," + x + ">=" + on + ")",
                  "AND(ISNUMBER(" + x + ")," + x + ">=" + risk + "," + x + "<" + on + ")",
                  "AND(ISNUMBER(" + x + ")," + x + "<" + risk + ")")
              : List.of(
                  anyOf(x, "on_track", "met"),
                  anyOf(x, "at_risk"),
                  anyOf(x, "off_track", "missed"));
      List<String> statuses = List.of("on_track", "at_risk", "off_track");
      for (int i = 0; i < formulas.size(); i++) {
        XSSFConditionalFormattingRule rule = cf.createConditionalFormattingRule(formulas.get(i));
        PatternFormatting fill = rule.createPatternFormatting();
        fill.setFillBackgroundColor(new XSSFColor(hex(config.colour(statuses.get(i)))));
        fill.setFillPattern(PatternFormatting.SOLID_FOREGROUND);
        cf.addConditionalFormatting(range, rule);
      }
    }
  }

  /** A formula true when the cell shows the Chinese word of one of the statuses. */
  private static String anyOf(String cell, String... statuses) {
    StringBuilder f = new StringBuilder("OR(");
    for (int i = 0; i < statuses.length; i++) {
      f.append(i == 0 ? "" : ",").append(cell).append("=\"").append(Sheet.statusText(statuses[i]));
      f.append("\"");
    }
    return f.append(")").toString();
  }

  private static String decimal(double d) {
    return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  /** The number format of a row's unit: two decimals for 万平方米, whole numbers otherwise. */
  static String unitFormat(String unit) {
    if (unit.isEmpty()) {
      return "#,##0";
    }
    return (unit.equals("万平方米") ? "#,##0.00" : "#,##0") + "\" " + unit + "\"";
  }

  private XSSFCellStyle style(String kind, String fill, String format) {
    String key = kind + "|" + fill + "|" + format;
    return styles.computeIfAbsent(
        key,
        k -> {
          XSSFCellStyle st = wb.createCellStyle();
          Font font = wb.createFont();
          font.setFontName("等线");
          if (kind.equals("header") || kind.equals("title")) {
            font.setBold(true);
          }
          if (kind.equals("title")) {
            font.setFontHeightInPoints((short) 13);
          }
          st.setFont(font);
          if (kind.equals("wrap")) {
            st.setWrapText(true);
            st.setVerticalAlignment(org.apache.poi.ss.usermodel.VerticalAlignment.TOP);
          }
          if (kind.equals("header")) {
            st.setFillForegroundColor(
                new XSSFColor(new byte[] {(byte) 0xD9, (byte) 0xE1, (byte) 0xF2}));
            st.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            st.setWrapText(true);
          }
          if (fill != null) {
            st.setFillForegroundColor(new XSSFColor(hex(fill)));
            st.setFillPattern(FillPatternType.SOLID_FOREGROUND);
          }
          if (format != null) {
            st.setDataFormat(wb.createDataFormat().getFormat(format));
          }
          if (!kind.equals("title")) {
            st.setBorderBottom(BorderStyle.THIN);
            st.setBorderTop(BorderStyle.THIN);
            st.setBorderLeft(BorderStyle.THIN);
            st.setBorderRight(BorderStyle.THIN);
          }
          return st;
        });
  }

  static byte[] hex(String rgb) {
    return new byte[] {
      (byte) Integer.parseInt(rgb.substring(0, 2), 16),
      (byte) Integer.parseInt(rgb.substring(2, 4), 16),
      (byte) Integer.parseInt(rgb.substring(4, 6), 16)
    };
  }

  private static int indexOf(Block b, String header) {
    for (int i = 0; i < b.columns().size(); i++) {
      if (b.columns().get(i).header().equals(header)) {
        return i;
      }
    }
    return -1;
  }
}
