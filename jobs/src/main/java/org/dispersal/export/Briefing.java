package org.dispersal.export;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.dispersal.export.Sheet.Block;
import org.dispersal.export.Sheet.Column;

/**
 * The one-page HTML briefing: the overview table with status colours and the charts embedded as
 * data URIs, with print CSS for one A4 landscape page and no external resource.
 */
final class Briefing {
  private Briefing() {}

  static String html(
      String title, String subtitle, Sheet overview, Map<String, byte[]> charts, ExportConfig c) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
        .append("<title>")
        .append(esc(title))
        .append("</title><style>")
        .append("@page{size:A4 landscape;margin:10mm}")
        .append("body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;font-size:10px;")
        .append("margin:0 auto;max-width:277mm}")
        .append("h1{font-size:16px;margin:4px 0}p.sub{margin:2px 0 6px;color:#555}")
        .append("table{border-collapse:collapse;width:100%}")
        .append("th,td{border:1px solid #999;padding:1px 3px;text-align:right}")
        .append("th{background:#D9E1F2}td.t{text-align:left}")
        .append(".charts{display:flex;flex-wrap:wrap;gap:4px;margin-top:6px}")
        .append(".charts img{width:32%;height:auto}")
        .append("@media print{body{max-width:none}.charts img{width:32%}")
        .append("tr,img{page-break-inside:avoid}}")
        .append("</style></head><body>\n<h1>")
        .append(esc(title))
        .append("</h1><p class=\"sub\">")
        .append(esc(subtitle))
        .append("</p>\n");
    for (Block b : overview.blocks()) {
      h.append("<table><thead><tr>");
      for (Column col : b.columns()) {
        h.append("<th>").append(esc(col.title())).append("</th>");
      }
      h.append("</tr></thead><tbody>\n");
      for (List<Object> row : b.rows()) {
        h.append("<tr>");
        for (int i = 0; i < b.columns().size(); i++) {
          Column col = b.columns().get(i);
          Object v = row.get(i);
          String fill =
              col.kind() == Sheet.Kind.STATUS && v != null ? c.colour(v.toString()) : null;
          h.append("<td")
              .append(v instanceof Number ? "" : " class=\"t\"")
              .append(fill == null ? "" : " style=\"background:#" + fill + "\"")
              .append(">")
              .append(esc(Sheet.text(col, v)))
              .append("</td>");
        }
        h.append("</tr>\n");
      }
      h.append("</tbody></table>\n");
    }
    if (charts.isEmpty()) {
      h.append("<p>本期简报不含图表：运行环境未安装中文字体（fonts-noto-cjk）。</p>\n");
    }
    h.append("<div class=\"charts\">\n");
    charts.forEach(
        (name, png) ->
            h.append("<img alt=\"")
                .append(esc(name))
                .append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png))
                .append("\">\n"));
    h.append("</div></body></html>\n");
    return h.toString();
  }

  static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
