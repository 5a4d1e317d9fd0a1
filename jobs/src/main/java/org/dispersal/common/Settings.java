package org.dispersal.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The effective configuration: every declared key with its parsed value and where it came from. */
public final class Settings {

  /** One key's effective value and its source (built-in default, a file and line, env, --set). */
  public record Entry(Setting<?> setting, String raw, Object value, String source) {

    /** The value as it may be shown to a person: secrets are masked. */
    public String display() {
      if (setting.secret()) {
        return raw.isEmpty() ? "(not set)" : "******** (set)";
      }
      return raw;
    }
  }

  private final Map<String, Entry> entries;

  Settings(Map<String, Entry> entries) {
    this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  /** The parsed value of a declared setting. */
  @SuppressWarnings("unchecked")
  public <T> T get(Setting<T> setting) {
    Entry entry = entries.get(setting.key());
    if (entry == null) {
      throw new IllegalStateException(
          "Setting " + setting.key() + " was not declared to the loader");
    }
    return (T) entry.value();
  }

  /** Where the effective value of a setting came from. */
  public String source(Setting<?> setting) {
    return entries.get(setting.key()).source();
  }

  /** All entries in declaration order. */
  public List<Entry> entries() {
    return new ArrayList<>(entries.values());
  }

  /** A copy with some keys overridden, as if given with --set (for tests and derived runs). */
  public Settings with(Setting<?> setting, String raw) {
    Map<String, Entry> copy = new LinkedHashMap<>(entries);
    copy.put(setting.key(), new Entry(setting, raw, setting.parse(raw), "override"));
    return new Settings(copy);
  }
}
