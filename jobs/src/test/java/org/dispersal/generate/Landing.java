package org.dispersal.generate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Reads a landing folder the way ingest must: decodes CSV strictly (UTF-8 with or without BOM, else
 * GBK), parses RFC 4180 records, opens XLSX with POI, checks headers against the contract, and
 * numbers rows as a clerk sees them (header row 1).
 */
final class Landing {
  /** One data record: its file, row number, and fields in the contract's Chinese order. */
  record Record(String ledger, String file, int row, String[] values) {
    String get(String column) {
      Integer i = INDEX.get(ledger).get(column);
      return i == null ? null : values[i];
    }

    /** The fields by Chinese header, in contract order. */
    Map<String, String> fields() {
      Map<String, String> out = new LinkedHashMap<>();
      List<String> columns = Contract.CHINESE.get(ledger);
      for (int i = 0; i < columns.size(); i++) {
        out.put(columns.get(i), values[i]);
      }
      return out;
    }

    Record with(String column, String value) {
      String[] v = values.clone();
      v[INDEX.get(ledger).get(column)] = value;
      return new Record(ledger, file, row, v);
    }
  }

  private static final Map<String, Map<String, Integer>> INDEX = new java.util.HashMap<>();

  static {
    Contract.CHINESE.forEach(
        (ledger, columns) -> {
          Map<String, Integer> m = new java.util.HashMap<>();
          for (int i = 0; i < columns.size(); i++) {
            m.put(columns.get(i), i);
          }
          INDEX.put(ledger, m);
        });
  }

  private Landing() {}

  /** Every delivery file, relative to the root with forward slashes, sorted. */
  static List<String> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .filter(p -> !p.startsWith("_truth/"))
          .sorted()
          .toList();
    }
  }

  /** Reads one delivery; throws if it breaks the contract. */
  static List<Record> read(Path root, String file) throws IOException {
    String ledger = file.substring(0, file.indexOf('/'));
    List<List<String>> rows =
        file.endsWith(".xlsx")
            ? xlsx(root.resolve(file))
            : csv(decode(Files.readAllBytes(root.resolve(file))));
    if (rows.isEmpty()) {
      throw new IllegalStateException(file + ": no header");
    }
    List<String> header = rows.get(0);
    List<String> chinese = Contract.CHINESE.get(ledger);
    if (!header.equals(chinese) && !header.equals(Contract.ENGLISH.get(ledger))) {
      throw new IllegalStateException(file + ": header " + header);
    }
    List<Record> out = new ArrayList<>();
    for (int i = 1; i < rows.size(); i++) {
      List<String> r = rows.get(i);
      if (r.size() > header.size() || (!file.endsWith(".xlsx") && r.size() != header.size())) {
        throw new IllegalStateException(file + " row " + (i + 1) + ": " + r.size() + " fields");
      }
      String[] values = new String[chinese.size()];
      for (int c = 0; c < chinese.size(); c++) {
        values[c] = c < r.size() ? r.get(c) : "";
      }
      out.add(new Record(ledger, file, i + 1, values));
    }
    return out;
  }

  /** Strict decoding: BOM means UTF-8; else UTF-8 if valid, else GBK; anything else throws. */
  static String decode(byte[] bytes) throws CharacterCodingException {
    if (bytes.length >= 3
        && (bytes[0] & 0xff) == 0xEF
        && (bytes[1] & 0xff) == 0xBB
        && (bytes[2] & 0xff) == 0xBF) {
      return strict(StandardCharsets.UTF_8, ByteBuffer.wrap(bytes, 3, bytes.length - 3));
    }
    try {
      return strict(StandardCharsets.UTF_8, ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      return strict(Charset.forName("GBK"), ByteBuffer.wrap(bytes));
    }
  }

  private static String strict(Charset cs, ByteBuffer bytes) throws CharacterCodingException {
    return cs.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(bytes)
        .toString();
  }

  /** RFC 4180 records; a quoted field may hold commas, quotes and line breaks. */
  static List<List<String>> csv(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < n && text.charAt(i + 1) == '"') {
          field.append('"');
          i += 2;
          continue;
        }
        if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\r' || c == '\n') {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
      } else {
        field.append(c);
      }
      i++;
    }
    if (quoted) {
      throw new IllegalStateException("ends inside a quoted field");
    }
    if (field.length() > 0 || !row.isEmpty()) {
      throw new IllegalStateException("last record has no line end");
    }
    return rows;
  }

  /** The first sheet as text, streamed: cells as their format shows them (dates ISO). */
  static List<List<String>> xlsx(Path file) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
      XSSFReader reader = new XSSFReader(pkg);
      ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
      StylesTable styles = reader.getStylesTable();
      XSSFSheetXMLHandler.SheetContentsHandler sink =
          new XSSFSheetXMLHandler.SheetContentsHandler() {
            private List<String> row;

            @Override
            public void startRow(int rowNum) {
              while (rows.size() < rowNum) {
                rows.add(List.of());
              }
              row = new ArrayList<>();
            }

            @Override
            public void endRow(int rowNum) {
              rows.add(row);
            }

            @Override
            public void cell(String ref, String value, XSSFComment comment) {
              int col = new CellReference(ref).getCol();
              while (row.size() < col) {
                row.add("");
              }
              row.add(value);
            }
          };
      XMLReader parser = XMLHelper.newXMLReader();
      parser.setContentHandler(
          new XSSFSheetXMLHandler(styles, strings, sink, new DataFormatter(), false));
      try (InputStream sheet = reader.getSheetsData().next()) {
        parser.parse(new InputSource(sheet));
      }
    } catch (OpenXML4JException | SAXException | ParserConfigurationException e) {
      throw new IOException(file + ": " + e, e);
    }
    return rows;
  }
}
