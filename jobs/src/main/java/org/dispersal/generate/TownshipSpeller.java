package org.dispersal.generate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dispersal.common.Townships;
import org.dispersal.common.Townships.Township;

/**
 * Spells townships as the departments do: full name, short name, 9- or 12-digit code; and, as
 * injected defects, an older form or misspelling from the alias file, or a name that is no township
 * of the district.
 */
final class TownshipSpeller {
  /** The normal spellings a file may use. */
  enum Form {
    FULL,
    SHORT,
    CODE9,
    CODE12
  }

  private final Map<String, Township> byCode = new LinkedHashMap<>();
  private final Map<String, List<String>> wrong = new LinkedHashMap<>();
  private final List<String> unknown;

  TownshipSpeller(Townships ref, String districtCode) {
    Set<String> taken = new HashSet<>();
    for (Township t : ref.ofDistrict(districtCode)) {
      byCode.put(t.code(), t);
      taken.add(t.name());
      taken.add(t.shortName());
      List<String> forms = new ArrayList<>(ref.aliases(t.code(), "older_form"));
      forms.addAll(ref.aliases(t.code(), "misspelling"));
      wrong.put(t.code(), forms);
    }
    for (Townships.Alias a : ref.aliases()) {
      if (a.townshipCode().startsWith(districtCode)) {
        taken.add(a.alias());
      }
    }
    // Names of other districts' townships that mean nothing here: a clerk's copy-paste slip.
    List<String> others = new ArrayList<>();
    for (Township t : ref.all()) {
      if (!t.districtCode().equals(districtCode)
          && !taken.contains(t.name())
          && !taken.contains(t.shortName())
          && t.kind().matches("街道|地区|镇|乡")) {
        others.add(t.name());
      }
    }
    this.unknown = List.copyOf(others);
  }

  String spell(String code, Form form) {
    Township t = byCode.get(code);
    return switch (form) {
      case FULL -> t.name();
      case SHORT -> t.shortName();
      case CODE9 -> t.code();
      case CODE12 -> t.code() + "000";
    };
  }

  String name(String code) {
    return byCode.get(code).name();
  }

  /** Whether the township has a known older form or misspelling to inject. */
  boolean hasWrongForm(String code) {
    return !wrong.getOrDefault(code, List.of()).isEmpty();
  }

  String wrongForm(String code, Rng r) {
    List<String> forms = wrong.get(code);
    return forms.get(r.between(0, forms.size() - 1));
  }

  String unknownName(Rng r) {
    return unknown.get(r.between(0, unknown.size() - 1));
  }
}
