package org.dispersal.generate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites a zip (an XLSX) with every entry stamped with one fixed local time, so the same content
 * gives the same bytes: POI stamps entries with the wall clock.
 */
final class DeterministicZip {
  private DeterministicZip() {}

  static void rewrite(Path source, Path target, LocalDateTime stamp) throws IOException {
    try (ZipFile zip = new ZipFile(source.toFile());
        OutputStream stream = Files.newOutputStream(target);
        ZipOutputStream out = new ZipOutputStream(stream)) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry in = entries.nextElement();
        ZipEntry entry = new ZipEntry(in.getName());
        entry.setTimeLocal(stamp);
        out.putNextEntry(entry);
        try (InputStream data = zip.getInputStream(in)) {
          data.transferTo(out);
        }
        out.closeEntry();
      }
    }
  }
}
