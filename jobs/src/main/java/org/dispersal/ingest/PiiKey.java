package org.dispersal.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.dispersal.common.DispersalException;
import org.dispersal.common.PathsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the key of the keyed hashes: {@code pii.key} (usually DISPERSAL_PII_KEY), else the key
 * file; only the demo may create a missing file. The key itself is never logged.
 */
final class PiiKey {
  private static final Logger LOG = LoggerFactory.getLogger(PiiKey.class);

  /** Shorter keys make the hashes of 18-digit ID numbers guessable by brute force. */
  static final int MIN_LENGTH = 16;

  private PiiKey() {}

  /**
   * The key bytes: the UTF-8 bytes of the key text, so that the file's content copied into
   * DISPERSAL_PII_KEY gives the same hashes.
   */
  static byte[] load(IngestConfig config, PathsConfig paths, boolean createIfMissing) {
    if (!config.piiKey().isEmpty()) {
      return checked(config.piiKey(), "pii.key (DISPERSAL_PII_KEY)");
    }
    Path file = expand(config.piiKeyFile());
    requireOutside(file, paths.lake(), "paths.lake");
    requireOutside(file, paths.landing(), "paths.landing");
    if (!Files.isRegularFile(file)) {
      if (!createIfMissing) {
        throw DispersalException.piiKeyMissing(file.toString());
      }
      create(file);
    }
    try {
      return checked(Files.readString(file, StandardCharsets.UTF_8).strip(), file.toString());
    } catch (IOException e) {
      throw DispersalException.piiKeyUnreadable(file.toString(), e);
    }
  }

  /** A leading {@code ~/} means the user's home folder. */
  static Path expand(String location) {
    if (location.equals("~") || location.startsWith("~/")) {
      return Path.of(System.getProperty("user.home") + location.substring(1))
          .toAbsolutePath()
          .normalize();
    }
    return Path.of(location).toAbsolutePath().normalize();
  }

  private static byte[] checked(String key, String where) {
    if (key.length() < MIN_LENGTH) {
      throw DispersalException.piiKeyTooShort(where, MIN_LENGTH);
    }
    return key.getBytes(StandardCharsets.UTF_8);
  }

  private static void requireOutside(Path keyFile, String location, String key) {
    String uri = keyFile.toUri().toString();
    String root = location.endsWith("/") ? location : location + "/";
    if (location.startsWith("file:") && uri.startsWith(root)) {
      throw DispersalException.piiKeyInsideData(keyFile.toString(), key);
    }
  }

  private static void create(Path file) {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String text = Base64.getEncoder().encodeToString(random);
    try {
      Path dir = file.getParent();
      if (dir != null && !Files.isDirectory(dir)) {
        Files.createDirectories(dir);
        setPermissions(dir, "rwx------");
      }
      // Create empty with owner-only rights first, so the key is never readable by others.
      Files.createFile(file);
      setPermissions(file, "rw-------");
      Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw DispersalException.piiKeyUnreadable(file.toString(), e);
    }
    LOG.info(
        "Created a new key for personal-data hashes at {} (readable by its owner only). Keep it:"
            + " without the same key, later hashes will not match earlier ones.",
        file);
  }

  private static void setPermissions(Path path, String permissions) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX filesystem (Windows): the user profile's ACLs apply instead.
      LOG.debug("Cannot set POSIX permissions on {}", path);
    }
  }
}
