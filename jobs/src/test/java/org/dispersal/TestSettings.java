package org.dispersal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dispersal.common.Setting;
import org.dispersal.common.Settings;
import org.dispersal.common.SettingsLoader;

/** Settings for a test: the given declarations, their defaults and overrides; no file, no env. */
public final class TestSettings {
  private TestSettings() {}

  public static Settings of(List<List<Setting<?>>> declarations, List<String> overrides) {
    List<Setting<?>> all = new ArrayList<>();
    declarations.forEach(all::addAll);
    return SettingsLoader.load(all, null, null, Map.of(), overrides);
  }
}
