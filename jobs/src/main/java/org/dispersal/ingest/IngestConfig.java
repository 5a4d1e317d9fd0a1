package org.dispersal.ingest;

import java.util.List;
import org.dispersal.common.Setting;
import org.dispersal.common.Settings;

/**
 * What ingest may accept (file limits, the area ceiling) and where the key for personal data comes
 * from.
 */
public record IngestConfig(
    int maxFileMb,
    int maxLineKb,
    int maxRowsPerFile,
    int maxSheetRows,
    double xlsxMinInflateRatio,
    int xlsxMaxEntryMb,
    double maxAreaM2,
    String piiKey,
    String piiKeyFile,
    int settleSeconds,
    boolean compressCache) {

  public static final Setting<Integer> MAX_FILE_MB =
      Setting.integer(
          "ingest.max-file-mb",
          2048,
          1,
          1_048_576,
          "Largest landing file accepted, in MB; a larger one is rejected as file.too_large.");
  public static final Setting<Integer> MAX_LINE_KB =
      Setting.integer(
          "ingest.max-line-kb",
          64,
          1,
          65_536,
          "Longest CSV line accepted, in KB of text; longer means a broken file (file.too_large).");
  public static final Setting<Integer> MAX_ROWS_PER_FILE =
      Setting.integer(
          "ingest.max-rows-per-file",
          5_000_000,
          1,
          Integer.MAX_VALUE,
          "Most data rows one file may hold; more rejects the file as file.too_large.");

  /** Excel's own row limit of a sheet. */
  static final int EXCEL_ROWS = 1_048_576;

  /** POI's own zip-bomb defaults: 1 % compressed to expanded, 4 GB per part. */
  static final double MIN_INFLATE_RATIO = 0.01;

  static final int MAX_ENTRY_MB = 4096;

  public static final Setting<Integer> MAX_SHEET_ROWS =
      Setting.integer(
          "ingest.max-sheet-rows",
          EXCEL_ROWS,
          1,
          Integer.MAX_VALUE,
          "Highest row number an XLSX sheet may use (Excel's own limit is 1,048,576); a sheet"
              + " beyond it was not made by Excel and is rejected as file.too_large.");
  public static final Setting<Double> XLSX_MIN_INFLATE_RATIO =
      Setting.decimal(
          "ingest.xlsx-min-inflate-ratio",
          MIN_INFLATE_RATIO,
          0.0001,
          1,
          "Zip-bomb guard: smallest ratio of compressed to expanded size of a workbook part;"
              + " a part that expands more is refused (file.unreadable).");
  public static final Setting<Integer> XLSX_MAX_ENTRY_MB =
      Setting.integer(
          "ingest.xlsx-max-entry-mb",
          MAX_ENTRY_MB,
          1,
          1_048_576,
          "Zip-bomb guard: largest expanded size of one workbook part, in MB; larger is refused"
              + " (file.unreadable).");
  public static final Setting<Double> MAX_AREA_M2 =
      Setting.decimal(
          "ingest.max-area-m2",
          1_000_000,
          1,
          1e9,
          "Largest plausible area in square metres; larger areas are quarantined (area.range).");
  public static final Setting<Integer> SETTLE_SECONDS =
      Setting.integer(
          "ingest.settle-seconds",
          60,
          0,
          86_400,
          "A landing file is read only once its size and modification time have not changed for"
              + " this many seconds; a file still being copied waits for a later run. Names ending"
              + " in .part, .partial, .filepart, .tmp or .crdownload are never read.");
  public static final Setting<Boolean> COMPRESS_CACHE =
      Setting.flag(
          "ingest.compress-cache",
          false,
          "Compress the parsed rows ingest holds between checking and writing (Spark's in-memory"
              + " columnar compression): less memory, but sizing the compression took 15% of ingest's"
              + " CPU at 1/4 of the city; uncompressed rows spill to local disk when memory is short.");
  public static final Setting<String> PII_KEY =
      Setting.secret(
          "pii.key",
          "Key of the keyed hashes (HMAC-SHA256) that replace names, ID and phone numbers;"
              + " usually from DISPERSAL_PII_KEY. Empty: read pii.key-file.");
  public static final Setting<String> PII_KEY_FILE =
      Setting.text(
          "pii.key-file",
          "~/.config/dispersal/pii.key",
          true,
          "File holding the hash key when pii.key is empty; keep it outside the lake."
              + " The demo creates it on first use.");

  public static final List<Setting<?>> SETTINGS =
      List.of(
          MAX_FILE_MB,
          MAX_LINE_KB,
          MAX_ROWS_PER_FILE,
          MAX_SHEET_ROWS,
          XLSX_MIN_INFLATE_RATIO,
          XLSX_MAX_ENTRY_MB,
          MAX_AREA_M2,
          SETTLE_SECONDS,
          COMPRESS_CACHE,
          PII_KEY,
          PII_KEY_FILE);

  public static IngestConfig from(Settings s) {
    return new IngestConfig(
        s.get(MAX_FILE_MB),
        s.get(MAX_LINE_KB),
        s.get(MAX_ROWS_PER_FILE),
        s.get(MAX_SHEET_ROWS),
        s.get(XLSX_MIN_INFLATE_RATIO),
        s.get(XLSX_MAX_ENTRY_MB),
        s.get(MAX_AREA_M2),
        s.get(PII_KEY),
        s.get(PII_KEY_FILE),
        s.get(SETTLE_SECONDS),
        s.get(COMPRESS_CACHE));
  }

  /** Never shows the key. */
  @Override
  public String toString() {
    return "IngestConfig[maxFileMb="
        + maxFileMb
        + ", maxLineKb="
        + maxLineKb
        + ", maxRowsPerFile="
        + maxRowsPerFile
        + ", maxSheetRows="
        + maxSheetRows
        + ", xlsxMinInflateRatio="
        + xlsxMinInflateRatio
        + ", xlsxMaxEntryMb="
        + xlsxMaxEntryMb
        + ", maxAreaM2="
        + maxAreaM2
        + ", piiKey="
        + (piiKey.isEmpty() ? "(not set)" : "********")
        + ", piiKeyFile="
        + piiKeyFile
        + ", settleSeconds="
        + settleSeconds
        + ", compressCache="
        + compressCache
        + "]";
  }
}
