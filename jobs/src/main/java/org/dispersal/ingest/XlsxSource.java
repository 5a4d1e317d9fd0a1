package org.dispersal.ingest;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;

/**
 * The first sheet of an XLSX workbook, read as a stream of rows (StAX over the sheet's XML), so a
 * large sheet is never held in memory. POI's zip-bomb limits apply as configured by default.
 */
final class XlsxSource implements RecordSource {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  private static final DateTimeFormatter SECOND =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final OPCPackage pkg;
  private final ReadOnlySharedStringsTable strings;
  private final StylesTable styles;
  private final boolean date1904;
  private final InputStream sheet;
  private final XMLStreamReader xml;
  private int row;

  /** Opens the workbook with POI's default zip-bomb limits. */
  XlsxSource(File file) {
    this(file, IngestConfig.MIN_INFLATE_RATIO, IngestConfig.MAX_ENTRY_MB * (1L << 20));
  }

  /**
   * Opens the workbook; a file that is no workbook, or whose parts expand beyond the zip-bomb
   * limits (POI's, process-wide: every task sets the same configured values), is rejected as
   * file.unreadable.
   */
  XlsxSource(File file, double minInflateRatio, long maxEntryBytes) {
    ZipSecureFile.setMinInflateRatio(minInflateRatio);
    ZipSecureFile.setMaxEntrySize(maxEntryBytes);
    try {
      pkg = OPCPackage.open(file, PackageAccess.READ);
      XSSFReader reader = new XSSFReader(pkg);
      strings = new ReadOnlySharedStringsTable(pkg, false);
      styles = reader.getStylesTable();
      date1904 = date1904(reader);
      Iterator<InputStream> sheets = reader.getSheetsData();
      if (!sheets.hasNext()) {
        throw new FileRejection(Rules.FILE_EMPTY, "工作簿没有工作表 / the workbook has no sheet");
      }
      sheet = sheets.next();
      xml = XMLHelper.newXMLInputFactory().createXMLStreamReader(sheet);
    } catch (FileRejection e) {
      throw e;
    } catch (Exception | LinkageError e) {
      throw unreadable(e);
    }
  }

  static FileRejection unreadable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains("Zip bomb")) {
        return new FileRejection(
            Rules.FILE_UNREADABLE,
            "XLSX 工作簿解压后异常膨胀, 疑似压缩炸弹, 未读取 (ingest.xlsx-min-inflate-ratio,"
                + " ingest.xlsx-max-entry-mb) / the XLSX workbook expands far beyond its size"
                + " (ingest.xlsx-min-inflate-ratio, ingest.xlsx-max-entry-mb): a zip bomb? Not"
                + " read");
      }
    }
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (detail.length() > 160) {
      detail = detail.substring(0, 160) + "…";
    }
    return new FileRejection(
        Rules.FILE_UNREADABLE,
        "不是可读取的 XLSX 工作簿 / not a readable XLSX workbook (" + Pii.scrub(detail) + ")");
  }

  @Override
  public String[] next() {
    try {
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("row")) {
          String r = xml.getAttributeValue(null, "r");
          row = r == null ? row + 1 : Integer.parseInt(r);
          return readRow();
        }
      }
      return null;
    } catch (XMLStreamException | RuntimeException e) {
      if (e instanceof FileRejection f) {
        throw f;
      }
      throw unreadable(e);
    }
  }

  private String[] readRow() throws XMLStreamException {
    List<String> cells = new ArrayList<>();
    int column = -1;
    while (xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("row")) {
        break;
      }
      if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("c")) {
        String ref = xml.getAttributeValue(null, "r");
        column = ref == null ? column + 1 : new CellReference(ref).getCol();
        String value = readCell(xml.getAttributeValue(null, "t"), xml.getAttributeValue(null, "s"));
        while (cells.size() <= column) {
          cells.add(null);
        }
        cells.set(column, value);
      }
    }
    // Trailing empty cells mean nothing in a sheet.
    int width = cells.size();
    while (width > 0 && (cells.get(width - 1) == null || cells.get(width - 1).isBlank())) {
      width--;
    }
    return cells.subList(0, width).toArray(new String[0]);
  }

  // Reads one <c> element to its end: the value as text, dates in ISO form.
  private String readCell(String type, String style) throws XMLStreamException {
    StringBuilder value = new StringBuilder();
    StringBuilder inline = new StringBuilder();
    while (xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("c")) {
        break;
      }
      if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("v")) {
        value.append(xml.getElementText());
      } else if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("t")) {
        inline.append(xml.getElementText());
      }
    }
    String v = value.toString();
    if (type == null || type.equals("n")) {
      return v.isEmpty() ? null : number(Double.parseDouble(v), style);
    }
    return switch (type) {
      case "s" -> v.isEmpty() ? null : strings.getItemAt(Integer.parseInt(v.trim())).getString();
      case "inlineStr" -> inline.toString();
      case "b" -> "1".equals(v) ? "TRUE" : "FALSE";
      default -> v; // "str" (a formula's text), "e" (an error such as #N/A), "d" (ISO date)
    };
  }

  private String number(double d, String style) {
    if (style != null && !style.isEmpty()) {
      XSSFCellStyle cs = styles.getStyleAt(Integer.parseInt(style));
      if (cs != null
          && DateUtil.isADateFormat(cs.getDataFormat(), cs.getDataFormatString())
          && DateUtil.isValidExcelDate(d)) {
        LocalDateTime t = DateUtil.getLocalDateTime(d, date1904, true);
        return t.toLocalTime().equals(LocalTime.MIDNIGHT) ? DAY.format(t) : SECOND.format(t);
      }
    }
    // Plain digits: no grouping, no exponent, no trailing ".0".
    BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    return b.scale() < 0 ? b.setScale(0).toPlainString() : b.toPlainString();
  }

  private static boolean date1904(XSSFReader reader) throws Exception {
    try (InputStream in = reader.getWorkbookData()) {
      XMLStreamReader wb = XMLHelper.newXMLInputFactory().createXMLStreamReader(in);
      while (wb.hasNext()) {
        if (wb.next() == XMLStreamConstants.START_ELEMENT
            && wb.getLocalName().equals("workbookPr")) {
          String v = wb.getAttributeValue(null, "date1904");
          return "1".equals(v) || "true".equals(v);
        }
        if (wb.getEventType() == XMLStreamConstants.START_ELEMENT
            && wb.getLocalName().equals("sheets")) {
          return false;
        }
      }
      return false;
    }
  }

  @Override
  public int rowNumber() {
    return row;
  }

  @Override
  public boolean fixedWidth() {
    return false;
  }

  @Override
  public void close() throws IOException {
    try {
      xml.close();
    } catch (XMLStreamException e) {
      // Closing a reader: nothing to recover.
    }
    sheet.close();
    pkg.revert();
  }
}
