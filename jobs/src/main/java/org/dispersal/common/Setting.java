package org.dispersal.common;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One configuration key, declared once with its default, type, validation and help line.
 *
 * @param <T> the parsed type of the value
 */
public final class Setting<T> {
  private final String key;
  private final String type;
  private final String defaultValue;
  private final String help;
  private final boolean secret;
  private final Function<String, T> parser;

  private Setting(
      String key,
      String type,
      String defaultValue,
      String help,
      boolean secret,
      Function<String, T> parser) {
    this.key = key;
    this.type = type;
    this.defaultValue = defaultValue;
    this.help = help;
    this.secret = secret;
    this.parser = parser;
  }

  public String key() {
    return key;
  }

  /** The type as shown to users, e.g. {@code integer 1..512}. */
  public String type() {
    return type;
  }

  /** The default in its textual form, as it would be written in a configuration file. */
  public String defaultValue() {
    return defaultValue;
  }

  public String help() {
    return help;
  }

  /** Whether the value must never be shown or logged in clear. */
  public boolean secret() {
    return secret;
  }

  /** The environment variable that sets this key: {@code paths.lake} → DISPERSAL_PATHS_LAKE. */
  public String environmentVariable() {
    return "DISPERSAL_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /**
   * Parses and validates a raw value.
   *
   * @throws DispersalException with exit code 2 if the value is not acceptable
   */
  public T parse(String raw) {
    try {
      return parser.apply(raw == null ? "" : raw.trim());
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw DispersalException.invalidValue(key, raw, e.getMessage());
    }
  }

  /** A filesystem location: a local path or any Hadoop filesystem URI (file:, hdfs:, s3a:). */
  public static Setting<String> location(String key, String defaultValue, String help) {
    return new Setting<>(key, "path or URI", defaultValue, help, false, Setting::checkLocation);
  }

  /** A whole number within bounds. */
  public static Setting<Integer> integer(String key, int def, int min, int max, String help) {
    String type = String.format(Locale.ROOT, "integer %d..%d", min, max);
    return new Setting<>(
        key,
        type,
        Integer.toString(def),
        help,
        false,
        raw -> {
          int value;
          try {
            value = Integer.parseInt(raw);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                "expected a whole number between " + min + " and " + max);
          }
          if (value < min || value > max) {
            throw new IllegalArgumentException(
                "expected a whole number between " + min + " and " + max);
          }
          return value;
        });
  }

  /** A decimal number within bounds. */
  public static Setting<Double> decimal(
      String key, double def, double min, double max, String help) {
    String bounds = String.format(Locale.ROOT, "%s..%s", trim(min), trim(max));
    return new Setting<>(
        key,
        "number " + bounds,
        trim(def),
        help,
        false,
        raw -> {
          double value;
          try {
            value = Double.parseDouble(raw);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number in " + bounds);
          }
          if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException("expected a number in " + bounds);
          }
          return value;
        });
  }

  /** A yes/no switch. */
  public static Setting<Boolean> flag(String key, boolean def, String help) {
    return new Setting<>(
        key,
        "boolean",
        Boolean.toString(def),
        help,
        false,
        raw ->
            switch (raw.toLowerCase(Locale.ROOT)) {
              case "true", "yes", "on" -> true;
              case "false", "no", "off" -> false;
              default -> throw new IllegalArgumentException("expected true or false");
            });
  }

  /** One of a fixed set of words. */
  public static Setting<String> choice(String key, String def, List<String> allowed, String help) {
    return new Setting<>(
        key,
        "one of " + String.join(", ", allowed),
        def,
        help,
        false,
        raw -> {
          if (!allowed.contains(raw)) {
            throw new IllegalArgumentException("expected one of " + String.join(", ", allowed));
          }
          return raw;
        });
  }

  /** Free text; {@code required} rejects an empty value. */
  public static Setting<String> text(String key, String def, boolean required, String help) {
    return new Setting<>(
        key,
        required ? "text" : "text, may be empty",
        def,
        help,
        false,
        raw -> {
          if (required && raw.isEmpty()) {
            throw new IllegalArgumentException("expected a non-empty value");
          }
          return raw;
        });
  }

  /** A file-creation mask as the shell's umask writes it: three octal digits such as 077. */
  public static Setting<String> umask(String key, String def, String help) {
    return new Setting<>(
        key,
        "umask, 3 octal digits",
        def,
        help,
        false,
        raw -> {
          if (!raw.matches("[0-7]{3}")) {
            throw new IllegalArgumentException("expected three octal digits such as 077");
          }
          return raw;
        });
  }

  /** A secret (key material, credentials): never printed, empty by default. */
  public static Setting<String> secret(String key, String help) {
    return new Setting<>(key, "secret", "", help, true, raw -> raw);
  }

  /** A calendar date in ISO form; empty means "not set" and parses to null. */
  public static Setting<LocalDate> date(String key, String def, String help) {
    return new Setting<>(
        key,
        "date YYYY-MM-DD, may be empty",
        def,
        help,
        false,
        raw -> {
          if (raw.isEmpty()) {
            return null;
          }
          try {
            return LocalDate.parse(raw);
          } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expected a date in the form YYYY-MM-DD");
          }
        });
  }

  private static String checkLocation(String raw) {
    if (raw.isEmpty()) {
      throw new IllegalArgumentException(
          "expected a directory: a local path such as ./data/lake or a URI such as hdfs://nn:8020/lake");
    }
    if (raw.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") && !raw.matches("^[A-Za-z]:[\\\\/].*")) {
      try {
        URI uri = new URI(raw);
        if (uri.getScheme().length() < 2) {
          throw new URISyntaxException(raw, "scheme too short");
        }
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(
            "expected a valid URI such as hdfs://namenode:8020/lake (" + e.getReason() + ")");
      }
    } else if (raw.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("expected a path without NUL characters");
    }
    return raw;
  }

  private static String trim(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  @Override
  public String toString() {
    return key;
  }
}
