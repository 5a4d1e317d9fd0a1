package org.dispersal.common;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Builds the effective configuration from, in rising precedence: built-in defaults, the default
 * file in {@code conf/}, an optional {@code --config} file, environment variables and {@code --set
 * key=value}.
 */
public final class SettingsLoader {
  private final Map<String, Setting<?>> declared = new LinkedHashMap<>();
  private final Map<String, Settings.Entry> entries = new LinkedHashMap<>();

  private SettingsLoader(List<Setting<?>> settings) {
    for (Setting<?> s : settings) {
      if (declared.put(s.key(), s) != null) {
        throw new IllegalStateException("Configuration key declared twice: " + s.key());
      }
      entries.put(s.key(), entry(s, s.defaultValue(), "built-in default"));
    }
  }

  /**
   * Loads and validates everything; throws a {@link DispersalException} (exit code 2) on the first
   * unknown key or invalid value, before anything else starts.
   *
   * @param defaultFile the default file, skipped when null or absent
   * @param userFile the {@code --config} file, or null; it must exist when given
   */
  public static Settings load(
      List<Setting<?>> settings,
      Path defaultFile,
      Path userFile,
      Map<String, String> env,
      List<String> sets) {
    SettingsLoader loader = new SettingsLoader(settings);
    if (defaultFile != null && Files.isRegularFile(defaultFile)) {
      loader.applyFile(defaultFile);
    }
    if (userFile != null) {
      if (!Files.isRegularFile(userFile)) {
        throw DispersalException.usage(
            "Configuration file not found: " + userFile,
            "--config must name a readable HOCON file",
            "check the path, or leave --config out to use conf/dispersal.conf");
      }
      loader.applyFile(userFile);
    }
    loader.applyEnv(env);
    for (String set : sets) {
      loader.applySet(set);
    }
    return new Settings(loader.entries);
  }

  private static Settings.Entry entry(Setting<?> s, String raw, String source) {
    return new Settings.Entry(s, raw, s.parse(raw), source);
  }

  private void applyFile(Path file) {
    Config config;
    try {
      config =
          ConfigFactory.parseFile(
              file.toFile(),
              ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false));
    } catch (ConfigException e) {
      throw DispersalException.usage(
          "Cannot read configuration file " + file,
          e.getMessage(),
          "correct the HOCON syntax (key = value, one per line)");
    }
    for (Map.Entry<String, ConfigValue> e : config.entrySet()) {
      String key = e.getKey().replace("\"", "");
      ConfigValue value = e.getValue();
      String where = file + ":" + value.origin().lineNumber();
      Setting<?> s = lookup(key, where);
      if (value.valueType() == ConfigValueType.LIST
          || value.valueType() == ConfigValueType.OBJECT) {
        throw DispersalException.invalidValue(key, value.render(), "expected a single value");
      }
      String raw =
          value.valueType() == ConfigValueType.NULL ? "" : String.valueOf(value.unwrapped());
      entries.put(key, entry(s, raw, where));
    }
  }

  private void applyEnv(Map<String, String> env) {
    for (Setting<?> s : declared.values()) {
      String value = env.get(s.environmentVariable());
      if (value != null) {
        entries.put(s.key(), entry(s, value, "env " + s.environmentVariable()));
      }
    }
  }

  private void applySet(String set) {
    int eq = set.indexOf('=');
    if (eq <= 0) {
      throw DispersalException.usage(
          "Malformed --set '" + set + "'",
          "expected key=value",
          "write it as --set paths.lake=/data/lake");
    }
    String key = set.substring(0, eq).trim();
    Setting<?> s = lookup(key, "--set");
    entries.put(key, entry(s, set.substring(eq + 1), "--set"));
  }

  private Setting<?> lookup(String key, String where) {
    Setting<?> s = declared.get(key);
    if (s == null) {
      LevenshteinDistance distance = new LevenshteinDistance(4);
      List<String> closest =
          declared.keySet().stream()
              .filter(k -> distance.apply(k, key) >= 0 || lastPart(k).equals(lastPart(key)))
              .sorted(Comparator.comparingInt(k -> Math.abs(distance.apply(k, key))))
              .limit(2)
              .toList();
      throw DispersalException.unknownKey(key, where, closest);
    }
    return s;
  }

  private static String lastPart(String key) {
    return key.substring(key.lastIndexOf('.') + 1);
  }
}
