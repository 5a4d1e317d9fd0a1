package org.dispersal.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's look at the landing folder: the files of each ledger, hashed, split into new
 * deliveries and ones seen before. Landing files are only ever read.
 */
final class LandingFiles {
  private static final Logger LOG = LoggerFactory.getLogger(LandingFiles.class);

  /** One landing file and its content hash. */
  record Found(
      Ledger ledger, String path, String fileName, long size, long modifiedAt, String hash) {
    /**
     * Content-addressed: the same bytes in the same ledger are the same delivery. A zero-byte file
     * has no content to tell it by, so its name does: each empty file is its own (rejected)
     * delivery.
     */
    String deliveryId() {
      String key = size == 0 ? sha256Hex("empty file " + fileName) : hash;
      return ledger.folder() + "-" + key.substring(0, 16);
    }
  }

  /** A ledger's files: new deliveries in file-name order, and how many were seen before. */
  record Split(List<Found> fresh, int skipped) {}

  private LandingFiles() {}

  /** Names that copy tools give a file while it is still being copied: never read. */
  static final List<String> TEMPORARY_SUFFIXES =
      List.of(".part", ".partial", ".filepart", ".tmp", ".crdownload");

  /**
   * The ledger's complete files in file-name order. Hidden, temporary and Excel lock files are
   * ignored; a file whose size or modification time changed less than {@code settle} ago, or
   * changed while it was hashed, is still being delivered: skipped with an INFO line, and a later
   * run picks it up.
   */
  static List<Found> list(
      FileSystem fs, Path landing, Ledger ledger, Duration settle, IntConsumer hashed)
      throws IOException {
    Path folder = new Path(landing, ledger.folder());
    if (!fs.exists(folder)) {
      LOG.debug("No folder {} in the landing area", folder);
      return List.of();
    }
    List<Found> found = new ArrayList<>();
    for (FileStatus st : fs.listStatus(folder)) {
      String name = st.getPath().getName();
      if (!st.isFile() || name.startsWith(".") || name.startsWith("_") || name.startsWith("~$")) {
        continue;
      }
      if (temporary(name)) {
        LOG.info("{}/{} not read: a temporary name of a copy in progress", ledger.folder(), name);
        continue;
      }
      long age = System.currentTimeMillis() - st.getModificationTime();
      if (age < settle.toMillis()) {
        stillDelivered(
            ledger,
            st,
            String.format(
                java.util.Locale.ROOT,
                "it changed %.1f s ago; a file is read once unchanged for ingest.settle-seconds ="
                    + " %d",
                Math.max(age, 0) / 1000.0,
                settle.toSeconds()));
        continue;
      }
      // A symbolic link is never followed, not even to hash what it points at: it becomes a
      // delivery named by its link, which the reader rejects (file.unreadable).
      boolean link = symlink(fs, st.getPath());
      if (link) {
        LOG.warn("{}/{} is a symbolic link: not followed", ledger.folder(), name);
      }
      String hash = link ? sha256Hex("symbolic link " + name) : sha256(fs, st.getPath());
      FileStatus after = link ? st : fs.getFileStatus(st.getPath());
      if (after.getLen() != st.getLen()
          || after.getModificationTime() != st.getModificationTime()) {
        stillDelivered(ledger, after, "it changed while it was read");
        continue;
      }
      found.add(
          new Found(
              ledger,
              st.getPath().toUri().toString(),
              name,
              st.getLen(),
              st.getModificationTime(),
              hash));
      hashed.accept(found.size());
    }
    found.sort(Comparator.comparing(Found::fileName));
    return found;
  }

  static boolean temporary(String name) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    return TEMPORARY_SUFFIXES.stream().anyMatch(lower::endsWith);
  }

  private static void stillDelivered(Ledger ledger, FileStatus st, String why) {
    LOG.info(
        "{}/{} not read this run: still being delivered ({} bytes; {}); a later run picks it up",
        ledger.folder(),
        st.getPath().getName(),
        st.getLen(),
        why);
  }

  /**
   * New deliveries are files whose (ledger, hash) is not recorded yet; of identical files found in
   * the same run only the first by name is new.
   */
  static Split split(List<Found> files, Set<String> seen) {
    List<Found> fresh = new ArrayList<>();
    java.util.HashSet<String> taken = new java.util.HashSet<>(seen);
    for (Found f : files) {
      if (taken.add(f.deliveryId())) {
        fresh.add(f);
      }
    }
    return new Split(fresh, files.size() - fresh.size());
  }

  /** Folders under the landing area that are no ledger's (files there are never read). */
  static List<String> strangers(FileSystem fs, Path landing) throws IOException {
    List<String> out = new ArrayList<>();
    for (FileStatus st : fs.listStatus(landing)) {
      String name = st.getPath().getName();
      boolean ledger = false;
      for (Ledger l : Ledger.values()) {
        ledger |= l.folder().equals(name);
      }
      if (!ledger && !name.startsWith(".") && !name.startsWith("_")) {
        out.add(name + (st.isDirectory() ? "/" : ""));
      }
    }
    return out;
  }

  /**
   * Whether the path is a symbolic link. Hadoop's local filesystem reports links only when symlinks
   * are enabled process-wide, so local paths are asked directly.
   */
  static boolean symlink(FileSystem fs, Path path) throws IOException {
    if ("file".equals(path.toUri().getScheme())) {
      return java.nio.file.Files.isSymbolicLink(java.nio.file.Path.of(path.toUri().getPath()));
    }
    return fs.supportsSymlinks() && fs.getFileLinkStatus(path).isSymlink();
  }

  static String sha256Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** SHA-256 of the content, hex, read as a stream. */
  static String sha256(FileSystem fs, Path path) {
    try (InputStream in = fs.open(path)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 20];
      int n;
      while ((n = in.read(buffer)) > 0) {
        md.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
