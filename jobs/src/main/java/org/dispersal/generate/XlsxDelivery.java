package org.dispersal.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * An XLSX delivery written with POI's streaming workbook: bounded memory however many rows, real
 * date cells where the style asks for them, and pinned timestamps for identical bytes.
 */
final class XlsxDelivery implements Delivery {
  private final Path file;
  private final String name;
  private final FileStyle style;
  private final LocalDateTime stamp;
  private final SXSSFWorkbook workbook;
  private final Sheet sheet;
  private final CellStyle dateStyle;
  private final CellStyle dateTimeStyle;
  private long rows;

  /**
   * Opens the workbook and writes the header row.
   *
   * @param stamp the time the department saved the file: document properties and zip entries
   */
  XlsxDelivery(Path file, String name, FileStyle style, String[] header, LocalDateTime stamp)
      throws IOException {
    this.file = file;
    this.name = name;
    this.style = style;
    this.stamp = stamp;
    Files.createDirectories(file.getParent());
    this.workbook = new SXSSFWorkbook(200);
    workbook.setCompressTempFiles(true);
    this.sheet = workbook.createSheet("Sheet1");
    this.dateStyle = workbook.createCellStyle();
    dateStyle.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
    this.dateTimeStyle = workbook.createCellStyle();
    dateTimeStyle.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
    Row row = sheet.createRow(0);
    for (int i = 0; i < header.length; i++) {
      row.createCell(i).setCellValue(header[i]);
    }
  }

  @Override
  public int write(Object[] cells) {
    rows++;
    Row row = sheet.createRow((int) rows);
    for (int i = 0; i < cells.length; i++) {
      Object v = cells[i];
      if (v == null) {
        continue;
      }
      Cell cell = row.createCell(i);
      if (v instanceof Number n) {
        cell.setCellValue(n.doubleValue());
      } else if (style.dateCells() && v instanceof LocalDateTime t) {
        cell.setCellValue(t);
        cell.setCellStyle(dateTimeStyle);
      } else if (style.dateCells() && v instanceof LocalDate d) {
        cell.setCellValue(d);
        cell.setCellStyle(dateStyle);
      } else {
        cell.setCellValue(style.text(v));
      }
    }
    return (int) rows + 1;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public void close() throws IOException {
    POIXMLProperties.CoreProperties core =
        workbook.getXSSFWorkbook().getProperties().getCoreProperties();
    Date saved = Date.from(stamp.toInstant(ZoneOffset.ofHours(8)));
    core.setCreated(Optional.of(saved));
    core.setModified(Optional.of(saved));
    core.setCreator("Administrator");
    Path temp = file.resolveSibling(file.getFileName() + ".part");
    try (OutputStream out = Files.newOutputStream(temp)) {
      workbook.write(out);
    } finally {
      workbook.dispose();
      workbook.close();
    }
    DeterministicZip.rewrite(temp, file, stamp);
    Files.delete(temp);
  }
}
