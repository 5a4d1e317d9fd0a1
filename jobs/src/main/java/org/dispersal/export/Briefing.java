package org.dispersal.export;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dispersal.export.Sheet.Block;
import org.dispersal.export.Sheet.Column;

/**
 * The one-page HTML briefing: the overview's 2020 targets with status colours and the charts
 * embedded as data URIs, no external resource, laid out for one A4 landscape page.
 *
 * <p>The page is measured in millimetres: the table's rows and the charts have known heights, so
 * the number of charts shown (three to a row, legible when printed) is chosen to fit the printable
 * height, and only a table too long for the page with one row of charts shrinks by the print zoom.
 */
final class Briefing {
  private Briefing() {}

  /** The printable area of an A4 landscape page with the page margin, millimetres. */
  static final double PAGE_WIDTH = 297 - 2 * Layout.MARGIN;

  static final double PAGE_HEIGHT = 210 - 2 * Layout.MARGIN;

  /** The fixed sizes the page is built from, millimetres. */
  static final class Layout {
    private Layout() {}

    static final double MARGIN = 8;
    static final double TITLE = 13;
    static final double HEADER_ROW = 7.5;
    static final double ROW = 3.6;
    static final double GAP = 2;
    static final double NOTE = 5;

    /** Kept free for rounding in the browser's layout. */
    static final double SLACK = 6;
  }

  /** Charts per row: at three across an A4 landscape page their 12 px labels print at ~4 pt. */
  static final int CHART_COLUMNS = 3;

  /** How many charts are shown (the first ones) and the print zoom that fits the page. */
  record Fit(int charts, double zoom) {}

  /**
   * The table takes its rows' height; the charts fill whole rows of three below it, as many rows as
   * fit (at least one); the zoom is below 1 only when the table with one row of charts is taller
   * than the page.
   */
  static Fit fit(int rows, int charts, double chartAspect) {
    double table = Layout.TITLE + Layout.HEADER_ROW + rows * Layout.ROW + Layout.NOTE;
    double available = PAGE_HEIGHT - Layout.SLACK;
    double width = (PAGE_WIDTH - (CHART_COLUMNS - 1) * Layout.GAP) / CHART_COLUMNS;
    double chartRow = width / chartAspect + Layout.GAP;
    int chartRows = Math.max(1, (int) Math.floor((available - table) / chartRow));
    int shown = Math.min(charts, chartRows * CHART_COLUMNS);
    double height = table + (shown == 0 ? 0 : Math.ceil(shown / (double) CHART_COLUMNS) * chartRow);
    return new Fit(shown, Math.min(1, available / height));
  }

  /**
   * The page; {@code charts} in the order to show them (the most urgent first): those that do not
   * fit are left to the PNG files beside it.
   */
  static String html(
      String title, String subtitle, Sheet overview, Map<String, byte[]> charts, ExportConfig c) {
    Block b = year2020(overview.blocks().get(0));
    Fit fit = fit(b.rows().size(), charts.size(), (double) Charts.WIDTH / Charts.HEIGHT);
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
        .append("<title>")
        .append(esc(title))
        .append("</title><style>\n")
        .append(css(fit))
        .append("</style></head><body>\n<h1>")
        .append(esc(title))
        .append("</h1><p class=\"sub\">")
        .append(esc(subtitle))
        .append("</p>\n");
    // column widths in proportion to the workbook's (in characters)
    int total = b.columns().stream().mapToInt(Column::width).sum();
    h.append("<table><colgroup>");
    for (Column col : b.columns()) {
      h.append(
          String.format(Locale.ROOT, "<col style=\"width:%.1f%%\">", 100.0 * col.width() / total));
    }
    h.append("</colgroup><thead><tr>");
    for (Column col : b.columns()) {
      h.append("<th>").append(esc(col.title())).append("</th>");
    }
    h.append("</tr></thead><tbody>\n");
    for (List<Object> row : b.rows()) {
      h.append("<tr>");
      for (int i = 0; i < b.columns().size(); i++) {
        Column col = b.columns().get(i);
        Object v = row.get(i);
        String fill = col.kind() == Sheet.Kind.STATUS && v != null ? c.colour(v.toString()) : null;
        h.append("<td")
            .append(v instanceof Number ? "" : " class=\"t\"")
            .append(fill == null ? "" : " style=\"background:#" + fill + "\"")
            .append(">")
            .append(esc(Sheet.text(col, v)))
            .append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</tbody></table>\n<p class=\"note\">")
        .append(
            b.rows().size() < overview.blocks().get(0).rows().size()
                ? "表中为2020年目标（2017–2020累计与2020年度）；历年目标、各乡镇街道与人口详见工作簿。"
                : "各乡镇街道、常住人口与数据核验详见工作簿。")
        .append(charts.isEmpty() ? "本期简报不含图表：运行环境未安装中文字体（fonts-noto-cjk）。" : "")
        .append(
            fit.charts() < charts.size()
                ? "图表为常住人口与完成概率最低的" + (fit.charts() - 1) + "项任务，其余见导出文件夹中的图片。"
                : "")
        .append("</p>\n<div class=\"charts\">\n");
    charts.entrySet().stream()
        .limit(fit.charts())
        .forEach(
            e ->
                h.append("<img alt=\"")
                    .append(esc(e.getKey()))
                    .append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(e.getValue()))
                    .append("\">\n"));
    h.append("</div></body></html>\n");
    return h.toString();
  }

  /** Sizes in millimetres (see {@link Layout}); status fills kept when printing. */
  private static String css(Fit fit) {
    return String.format(
        Locale.ROOT,
        """
        @page{size:A4 landscape;margin:%1$.0fmm}
        html,body{margin:0;padding:0}
        body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;font-size:2.5mm;\
        line-height:1.2;width:%2$.0fmm;-webkit-print-color-adjust:exact;print-color-adjust:exact}
        @media screen{body{margin:%1$.0fmm auto}}
        @media print{body{zoom:%3$.3f}}
        h1{font-size:5mm;height:7mm;line-height:7mm;margin:0;overflow:hidden}
        p.sub{height:5mm;line-height:5mm;margin:0 0 1mm;color:#555;overflow:hidden}
        table{border-collapse:collapse;width:100%%;table-layout:fixed}
        th,td{border:0.2mm solid #999;padding:0 0.6mm;text-align:right;overflow:hidden}
        th{height:%4$.1fmm;background:#D9E1F2;text-align:center;font-weight:bold;line-height:1.1}
        td{height:%5$.1fmm;white-space:nowrap}
        td.t{text-align:left}
        p.note{height:%6$.0fmm;line-height:%6$.0fmm;margin:0;color:#555;overflow:hidden}
        .charts{display:grid;grid-template-columns:repeat(%7$d,1fr);gap:%8$.0fmm}
        .charts img{width:100%%;height:auto;display:block}
        tr,img{break-inside:avoid}
        """,
        Layout.MARGIN,
        PAGE_WIDTH,
        fit.zoom(),
        Layout.HEADER_ROW - 0.5,
        Layout.ROW - 0.4,
        Layout.NOTE,
        CHART_COLUMNS,
        Layout.GAP);
  }

  /** The rows of the 2020 targets (period and 2020 year); all rows when there is no 目标年份. */
  static Block year2020(Block b) {
    int year = -1;
    for (int i = 0; i < b.columns().size(); i++) {
      if (b.columns().get(i).header().equals("目标年份")) {
        year = i;
      }
    }
    if (year < 0) {
      return b;
    }
    List<List<Object>> rows = new ArrayList<>();
    for (List<Object> r : b.rows()) {
      if (r.get(year) instanceof Number n && n.intValue() == 2020) {
        rows.add(r);
      }
    }
    return new Block(b.title(), b.columns(), rows);
  }

  static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
