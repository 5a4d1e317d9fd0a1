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
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.dispersal.export.Sheet.Block;
import org.dispersal.export.Sheet.Column;
import org.dispersal.export.Sheet.Kind;

/**
 * Writes the sheets to an XLSX workbook: bold header rows frozen, number formats with units, column
 * widths, status cells filled green, amber or red, and A4 landscape fit-to-width printing.
 */
final class WorkbookWriter {
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
      }
      if (b == s.blocks().get(0)) {
        sh.createFreezePane(s.name().equals("乡镇街道") ? 1 : 0, r);
      }
      int unitCol = indexOf(b, "单位");
      for (List<Object> values : b.rows()) {
        XSSFRow row = sh.createRow(r++);
        for (int c = 0; c < b.columns().size(); c++) {
          Object unit = unitCol < 0 ? null : values.get(unitCol);
          cell(row.createCell(c), b.columns().get(c), values.get(c), unit);
        }
      }
      r++;
      for (int c = 0; c < b.columns().size(); c++) {
        int w = Math.max(b.columns().get(c).width(), b.columns().get(c).title().length() * 2 + 2);
        if (c >= widest || sh.getColumnWidth(c) < Math.min(w, 60) * 256) {
          sh.setColumnWidth(c, Math.min(w, 60) * 256);
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
    sh.setRepeatingRows(new org.apache.poi.ss.util.CellRangeAddress(0, 1, -1, -1));
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
      cell.setCellValue(v.toString());
      cell.setCellStyle(style("plain", null, null));
      return;
    }
    double d = n.doubleValue();
    String format =
        switch (col.kind()) {
          case PERCENT -> "0.0%";
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
