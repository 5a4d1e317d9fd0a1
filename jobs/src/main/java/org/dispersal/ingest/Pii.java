package org.dispersal.ingest;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dispersal.common.ResidentIds;

/**
 * Keyed hashing of personal values (HMAC-SHA256) and masking of anything that looks like an ID or
 * phone number; the only place clear personal values are handled.
 */
final class Pii implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What replaces a personal value in quarantine records and reasons. */
  static final String MASK = "<masked>";

  // An 18-character resident ID (or a 15-digit old one) or a mobile number, not inside a longer
  // run of letters or digits (so codes and hashes do not trip it).
  static final Pattern ID_LIKE =
      Pattern.compile("(?<![0-9A-Za-z])(\\d{17}[0-9Xx]|\\d{15})(?![0-9A-Za-z])");
  static final Pattern PHONE_LIKE =
      Pattern.compile("(?<![0-9A-Za-z])(\\+?86[- ]?)?1[3-9]\\d{9}(?![0-9A-Za-z])");

  /** Bytes of the digest kept: 16, written as 26 base32 characters. */
  static final int HASH_BYTES = 16;

  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  private final byte[] key;
  private transient Mac mac;

  Pii(byte[] key) {
    this.key = key.clone();
  }

  /**
   * The keyed hash of a personal value of the given kind, or null for an empty value. Values are
   * normalised first so that the same person hashes alike across files and ledgers.
   */
  String hash(Field.Kind kind, String value) {
    String normal = normalise(kind, value);
    if (normal == null) {
      return null;
    }
    // The kind is part of the message: a phone number and an ID never share a hash.
    byte[] digest = mac().doFinal((kind.name() + ':' + normal).getBytes(StandardCharsets.UTF_8));
    // Truncated to 128 bits (RFC 2104 allows half the output): no collision among billions of
    // values, and half the bytes in every bronze row.
    return base32(java.util.Arrays.copyOf(digest, HASH_BYTES));
  }

  /** Whether an ID number's GB 11643 check digit is right (null for an empty value). */
  static Boolean idValid(String value) {
    String normal = normalise(Field.Kind.ID_NUMBER, value);
    return normal == null ? null : ResidentIds.isValid(normal);
  }

  static String normalise(Field.Kind kind, String value) {
    if (value == null) {
      return null;
    }
    // A loop, not a regular expression: this runs for every personal cell of every file.
    StringBuilder sb = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (kind == Field.Kind.PHONE ? c >= '0' && c <= '9' : !HeaderMap.space(c)) {
        sb.append(kind == Field.Kind.ID_NUMBER ? Character.toUpperCase(c) : c);
      }
    }
    String v = sb.toString();
    if (kind == Field.Kind.PHONE && v.length() == 13 && v.startsWith("86")) {
      v = v.substring(2);
    }
    return v.isEmpty() ? null : v;
  }

  /** The entity type whose "entity name" is a person's name. */
  static final String UNLICENSED = "无照经营户";

  /**
   * An unlicensed operator's name with the person masked: the description in brackets is kept
   * (张三（无照经营） → &lt;masked&gt;（无照经营）), anything else is masked whole.
   */
  static String maskPersonName(String name) {
    if (name == null) {
      return null;
    }
    int first = firstBracket(name);
    return first < 0 ? MASK : MASK + scrub(name.substring(first));
  }

  private static int firstBracket(String s) {
    int a = s.indexOf('（');
    int b = s.indexOf('(');
    return a < 0 ? b : b < 0 ? a : Math.min(a, b);
  }

  /** The value with every ID-like or phone-like run replaced by the mask. */
  static String scrub(String value) {
    if (value == null) {
      return null;
    }
    String v = ID_LIKE.matcher(value).replaceAll(MASK);
    return PHONE_LIKE.matcher(v).replaceAll(MASK);
  }

  /**
   * Lower-case RFC 4648 base32 without padding: unlike hex, it has no digit 0, 1, 8 or 9, so no
   * hash can look like a phone or ID number to a scanner of the lake.
   */
  static String base32(byte[] bytes) {
    StringBuilder sb = new StringBuilder((bytes.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        sb.append(BASE32[(buffer >> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      sb.append(BASE32[(buffer << (5 - bits)) & 31]);
    }
    return sb.toString();
  }

  private Mac mac() {
    if (mac == null) {
      try {
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
      }
    }
    return mac;
  }

  @Override
  public String toString() {
    return "Pii[key hidden]";
  }
}
