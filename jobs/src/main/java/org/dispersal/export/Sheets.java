package org.dispersal.export;

import static org.dispersal.export.ExportColumns.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.dispersal.export.Sheet.Block;
import org.dispersal.export.Sheet.Column;
import org.dispersal.export.Sheet.Kind;

/** Builds the workbook's six sheets from the small collected results (no Spark here). */
final class Sheets {
  private Sheets() {}

  static final String NOT_AVAILABLE = "暂无数据：该表尚未生成（相应步骤尚未运行）。";

  /** The collected inputs; optional tables are null when they do not exist yet. */
  record Inputs(
      List<Row> overview,
      List<Row> townships,
      List<Row> population,
      List<Row> caps,
      List<Row> attribution,
      List<Row> comparison,
      List<Row> freshness,
      List<Row> deliveries,
      List<Row> quarantine,
      List<Row> rebound,
      List<Row> cutOff,
      Map<String, String> names,
      List<String> notes) {}

  static List<Sheet> build(Inputs in, ExportConfig config) {
    return List.of(
        overview(in), townships(in), population(in, config), quality(in), rebound(in), notes(in));
  }

  static Double scale(Double v, double k) {
    return v == null ? null : v * k;
  }

  static String unit(String raw) {
    return raw == null ? "" : raw;
  }

  static Sheet overview(Inputs in) {
    Block b =
        new Block(
            "专项任务进展与预测（全区）",
            List.of(
                Column.text("任务", 6),
                Column.text("指标", 16),
                Column.text("口径", 14),
                new Column("目标年份", Kind.NUMBER, "", 8),
                Column.text("单位", 8),
                new Column("目标", Kind.ROW_UNIT, "", 14),
                new Column("已完成", Kind.ROW_UNIT, "", 14),
                new Column("完成率", Kind.PERCENT, "", 10),
                new Column("预测P50", Kind.ROW_UNIT, "", 14),
                new Column("预测P10", Kind.ROW_UNIT, "", 14),
                new Column("预测P90", Kind.ROW_UNIT, "", 14),
                new Column("完成概率", Kind.PROBABILITY, "", 10),
                new Column("状态", Kind.STATUS, "", 10),
                new Column("较上期已完成变化", Kind.ROW_UNIT, "", 16),
                new Column("较上期完成概率变化", Kind.PERCENT, "", 16)));
    for (Row r : in.overview()) {
      boolean area = "平方米".equals(r.getAs(UNIT));
      double k = area ? 1e-4 : 1;
      Double target = scale(r.getAs(TARGET_VALUE), k);
      Double done = scale(r.getAs(ACHIEVED), k);
      Double prevDone = scale(r.getAs(PREV_ACHIEVED), k);
      Double prob = r.getAs(PROBABILITY);
      Double prevProb = r.getAs(PREV_PROBABILITY);
      b.add(
          r.getAs(TASK),
          r.getAs(METRIC),
          SCOPE_PERIOD.equals(r.getAs(SCOPE)) ? "2017–2020累计" : "年度",
          r.getAs(TARGET_YEAR),
          area ? "万平方米" : unit(r.getAs(UNIT)),
          target,
          done,
          target == null || done == null || target == 0 ? null : done / target,
          scale(r.getAs(P50), k),
          scale(r.getAs(P10), k),
          scale(r.getAs(P90), k),
          prob,
          r.getAs(STATUS),
          done == null || prevDone == null ? null : done - prevDone,
          prob == null || prevProb == null ? null : prob - prevProb);
    }
    return new Sheet("总览", "overview", List.of(b));
  }

  static Sheet townships(Inputs in) {
    Map<String, Map<String, String>> matrix = new TreeMap<>();
    List<String> tasks = new ArrayList<>();
    for (Row r : in.townships()) {
      String task = r.getAs(TASK) + " " + r.getAs(METRIC);
      if (!tasks.contains(task)) {
        tasks.add(task);
      }
      matrix
          .computeIfAbsent(r.getAs(TOWNSHIP_CODE), k -> new LinkedHashMap<>())
          .put(task, r.getAs(STATUS));
    }
    List<Column> cols = new ArrayList<>(List.of(Column.text("乡镇街道", 14), Column.text("代码", 12)));
    tasks.forEach(t -> cols.add(new Column(t, Kind.STATUS, "", Math.max(10, t.length() + 4))));
    cols.add(new Column("滞后任务数", Kind.NUMBER, "项", 12));
    Block b = new Block("各乡镇街道2020年目标完成状态", cols);
    matrix.forEach(
        (code, byTask) -> {
          List<Object> row = new ArrayList<>(List.of(in.names().getOrDefault(code, code), code));
          long behind = 0;
          for (String t : tasks) {
            String s = byTask.get(t);
            row.add(s);
            behind += "off_track".equals(s) || "missed".equals(s) ? 1 : 0;
          }
          row.add(behind);
          b.rows().add(row);
        });
    return new Sheet("乡镇街道", "townships", List.of(b));
  }

  static Sheet population(Inputs in, ExportConfig config) {
    Map<String, Row> caps = new TreeMap<>();
    in.caps().forEach(r -> caps.put(r.getAs(TOWNSHIP_CODE), r));
    Map<String, Row> attribution = new TreeMap<>();
    if (in.attribution() != null) {
      in.attribution().forEach(r -> attribution.put(r.getAs(TOWNSHIP_CODE), r));
    }
    Block b =
        new Block(
            "常住人口：统计、估算、2020年预测与调控目标",
            List.of(
                Column.text("乡镇街道", 14),
                Column.number("统计年份", ""),
                Column.number("常住人口（统计）", "人"),
                Column.number("常住人口（估算）", "人"),
                Column.number("2020年调控目标", "人"),
                Column.number("2020年预测P50", "人"),
                Column.number("预测P10", "人"),
                Column.number("预测P90", "人"),
                new Column("达标概率", Kind.PROBABILITY, "", 10),
                new Column("状态", Kind.STATUS, "", 10),
                Column.number("较上期预测变化", "人"),
                Column.number("最近一年人口变化", "人"),
                Column.number("其中腾退空间解释", "人"),
                Column.number("关联租户（2017年以来）", "人"),
                Column.number("关联从业人员（2017年以来）", "人")));
    for (Row r : in.population()) {
      String code = r.getAs(TOWNSHIP_CODE);
      Row cap = caps.get(code);
      Row att = attribution.get(code);
      Double p50 = cap == null ? null : cap.getAs(P50);
      Double prev = cap == null ? null : cap.getAs(PREV_P50);
      b.add(
          r.<Boolean>getAs(IS_DISTRICT) ? "全区" : in.names().getOrDefault(code, code),
          r.getAs(YEAR),
          r.getAs(POPULATION_OFFICIAL),
          r.getAs(POPULATION_ADMIN),
          cap == null ? null : cap.getAs(TARGET_VALUE),
          p50,
          cap == null ? null : cap.getAs(P10),
          cap == null ? null : cap.getAs(P90),
          cap == null ? null : cap.getAs(PROBABILITY),
          cap == null ? null : cap.getAs(STATUS),
          p50 == null || prev == null ? null : p50 - prev,
          att == null ? null : att.getAs(OBSERVED_CHANGE),
          att == null ? null : att.getAs(EXPLAINED_CHANGE),
          config.persons(r.getAs(LINKED_TENANTS)),
          config.persons(r.getAs(LINKED_EMPLOYEES)));
    }
    return new Sheet("常住人口", "population", List.of(b));
  }

  static Sheet quality(Inputs in) {
    Block cmp =
        new Block(
            "市区数据核对（最近月份）",
            List.of(
                Column.text("任务", 6),
                Column.text("指标", 16),
                Column.text("月份", 10),
                new Column("台账推算", Kind.DECIMAL, "", 14),
                new Column("上报数", Kind.DECIMAL, "", 14),
                new Column("差异", Kind.DECIMAL, "", 14),
                Column.number("超出容差乡镇", "个")));
    rows(in.comparison(), cmp, TASK, METRIC, MONTH, "derived", "reported", "difference", "flagged");
    Block fresh =
        new Block(
            "台账时效",
            List.of(
                Column.text("台账", 14),
                Column.text("最新数据日期", 14),
                Column.number("距今天数", "天"),
                Column.text("是否过期", 10)));
    rows(in.freshness(), fresh, LEDGER, "latest_data", "days_since_latest", "stale");
    Block quar =
        new Block(
            "各部门台账入库与隔离行数",
            List.of(
                Column.text("台账", 14),
                Column.number("读取行数", "行"),
                Column.number("入库行数", "行"),
                Column.number("入库隔离行数", "行")));
    rows(in.deliveries(), quar, LEDGER, "rows_read", "rows_loaded", "rows_quarantined");
    Block conf = new Block("清洗阶段隔离行数", List.of(Column.text("台账", 14), Column.number("隔离行数", "行")));
    rows(in.quarantine(), conf, LEDGER, "count");
    return new Sheet("数据核验", "quality", List.of(cmp, fresh, quar, conf));
  }

  static Sheet rebound(Inputs in) {
    Block b =
        new Block(
            "腾退后再次出现的使用（防止反弹）",
            List.of(
                Column.text("腾退事件", 30),
                Column.text("腾退类型", 14),
                Column.text("腾退日期", 12),
                Column.text("反弹类型", 20),
                Column.text("发现日期", 12),
                Column.number("间隔", "天"),
                Column.text("证据台账", 12),
                Column.text("证据编号", 24)));
    rows(
        in.rebound(),
        b,
        "vacated_event",
        "vacated_kind",
        "vacated_on",
        "rebound_kind",
        "rebound_on",
        "days_after",
        "evidence_ledger",
        "evidence_key");
    return new Sheet("防止反弹", "rebound", List.of(b));
  }

  static Sheet notes(Inputs in) {
    Block b = new Block("说明", List.of(Column.text("项目", 20), Column.text("内容", 100)));
    for (int i = 0; i + 1 < in.notes().size(); i += 2) {
      b.add(in.notes().get(i), in.notes().get(i + 1));
    }
    if (in.cutOff() != null) {
      for (Row r : in.cutOff()) {
        b.add("数据截止：" + r.getAs(LEDGER), String.valueOf(r.<Object>getAs("ingested_at")));
      }
    }
    return new Sheet("说明", "notes", List.of(b));
  }

  /** Copies the named fields of each row into the block; a missing table gives one note row. */
  private static void rows(List<Row> rows, Block b, String... fields) {
    if (rows == null) {
      List<Object> note = new ArrayList<>();
      note.add(NOT_AVAILABLE);
      for (int i = 1; i < fields.length; i++) {
        note.add(null);
      }
      b.rows().add(note);
      return;
    }
    for (Row r : rows) {
      List<Object> out = new ArrayList<>();
      for (String f : fields) {
        Object v = r.getAs(f);
        out.add(
            v instanceof Boolean x
                ? (x ? "是" : "否")
                : v instanceof java.util.Date ? v.toString() : v);
      }
      b.rows().add(out);
    }
  }
}
