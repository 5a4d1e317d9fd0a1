package org.dispersal.generate;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * How one delivery is written, as the department's system exports it: CSV or XLSX, encoding and
 * byte-order mark, line ends, date forms and header language.
 */
record FileStyle(
    boolean xlsx,
    Charset charset,
    boolean bom,
    String lineEnd,
    DateForm dateForm,
    DateTimeForm dateTimeForm,
    boolean dateCells,
    boolean english) {

  static final Charset GBK = Charset.forName("GBK");

  /** The contract's date forms. */
  enum DateForm {
    ISO,
    SLASH,
    CHINESE;

    String format(LocalDate d) {
      return switch (this) {
        case ISO -> d.toString();
        case SLASH -> d.getYear() + "/" + d.getMonthValue() + "/" + d.getDayOfMonth();
        case CHINESE -> d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
      };
    }
  }

  /** Datetime forms: with seconds, or hours and minutes only as older systems print them. */
  enum DateTimeForm {
    ISO_SECONDS,
    SLASH_MINUTES;

    String format(LocalDateTime t) {
      return switch (this) {
        case ISO_SECONDS ->
            t.toLocalDate()
                + " "
                + Text.pad(t.getHour(), 2)
                + ":"
                + Text.pad(t.getMinute(), 2)
                + ":"
                + Text.pad(t.getSecond(), 2);
        case SLASH_MINUTES ->
            DateForm.SLASH.format(t.toLocalDate())
                + " "
                + t.getHour()
                + ":"
                + Text.pad(t.getMinute(), 2);
      };
    }
  }

  static FileStyle gbkCsv(DateForm dates) {
    return new FileStyle(
        false, GBK, false, "\r\n", dates, DateTimeForm.SLASH_MINUTES, false, false);
  }

  static FileStyle utf8Csv(DateForm dates, boolean bom) {
    return new FileStyle(
        false,
        StandardCharsets.UTF_8,
        bom,
        bom ? "\r\n" : "\n",
        dates,
        DateTimeForm.ISO_SECONDS,
        false,
        false);
  }

  static FileStyle xlsx(boolean dateCells, DateForm textDates) {
    return new FileStyle(
        true,
        StandardCharsets.UTF_8,
        false,
        "\n",
        textDates,
        DateTimeForm.ISO_SECONDS,
        dateCells,
        false);
  }

  FileStyle withEnglishHeaders() {
    return new FileStyle(xlsx, charset, bom, lineEnd, dateForm, dateTimeForm, dateCells, true);
  }

  boolean isGbk() {
    return !xlsx && charset.equals(GBK);
  }

  String extension() {
    return xlsx ? "xlsx" : "csv";
  }

  /** A value as CSV or XLSX text: numbers without trailing zeros, dates in this style's form. */
  String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof LocalDateTime t) {
      return dateTimeForm.format(t);
    }
    if (value instanceof LocalDate d) {
      return dateForm.format(d);
    }
    if (value instanceof Double d) {
      return number(d);
    }
    return value.toString();
  }

  /** A decimal with at most two places and no trailing zeros, never in exponent form. */
  static String number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    long cents = Math.round(Math.abs(d) * 100);
    String sign = d < 0 && cents != 0 ? "-" : "";
    long whole = cents / 100;
    long frac = cents % 100;
    if (frac == 0) {
      return sign + whole;
    }
    return sign + whole + "." + (frac % 10 == 0 ? Long.toString(frac / 10) : Text.pad(frac, 2));
  }
}
