package org.dispersal.conform;

import java.io.Serializable;
import java.text.Normalizer;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a clerk's free-text address into a key that identifies the site (yard or compound), so that
 * a demolition, the registrations and the businesses at one place meet.
 *
 * <p>The key keeps the village or community, the street and the house number, and drops what clerks
 * write inconsistently: full-width characters, spaces, the city, district and township prefixes,
 * and the building or unit inside the yard (号院 3栋 2单元 all belong to one site).
 */
final class AddressKeys implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final Pattern SPACES = Pattern.compile("[\\s\\u3000]+");
  private static final Pattern PUNCTUATION = Pattern.compile("[,，、。.·()（）\\[\\]【】\"'“”‘’:：;；-]");
  private static final Pattern CITY = Pattern.compile("^(北京市|北京)");
  private static final Pattern DISTRICT = Pattern.compile("^[\\u4e00-\\u9fa5]{1,4}区(?!\\d)");
  private static final Pattern SITE = Pattern.compile("^(.*?\\d+)号");

  /**
   * The names by their first character, longest first: a city-wide run has over a thousand names,
   * and trying each at the start of every address took 11% of conform's CPU at 1/4 of the city.
   */
  private final Map<Character, List<String>> townshipPrefixes;

  /**
   * @param townshipNames full names, short names and older forms of the district's townships; any
   *     of them at the start of an address is dropped
   */
  AddressKeys(List<String> townshipNames) {
    // Longest first, so 良乡地区 is stripped whole rather than leaving 地区 behind; grouping keeps
    // that order within each first character.
    this.townshipPrefixes =
        Map.copyOf(
            townshipNames.stream()
                .filter(name -> !name.isEmpty())
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .collect(
                    Collectors.groupingBy(
                        name -> name.charAt(0), Collectors.toUnmodifiableList())));
  }

  /** The site key of an address, or null when nothing usable is left. */
  String key(String address) {
    return site(dwelling(address));
  }

  /** The site key of a dwelling key (see {@link #dwelling}): its yard, without building or unit. */
  static String site(String dwelling) {
    if (dwelling == null) {
      return null;
    }
    Matcher site = SITE.matcher(dwelling);
    String s = site.find() ? site.group(1) + "号" : dwelling;
    return s.isEmpty() ? null : s;
  }

  /**
   * The dwelling key: the whole normalised address, building, unit and basement included — a
   * cleared group rental or basement is one dwelling, not the whole yard.
   */
  String dwelling(String address) {
    if (address == null) {
      return null;
    }
    String s = withoutCityAndDistrict(address);
    String township = townshipAtStart(s);
    if (township != null) {
      s = s.substring(township.length());
    }
    s = s.replace("号院", "号").replace("號", "号").replace("#", "号");
    return s.isEmpty() ? null : s;
  }

  /**
   * The township name an address starts with (after the city and district), as written, or null — a
   * clue to the township of a record whose township field is lost.
   */
  String township(String address) {
    return address == null ? null : townshipAtStart(withoutCityAndDistrict(address));
  }

  private static String withoutCityAndDistrict(String address) {
    String s = Normalizer.normalize(address, Normalizer.Form.NFKC);
    s = SPACES.matcher(s).replaceAll("");
    s = PUNCTUATION.matcher(s).replaceAll("");
    s = CITY.matcher(s).replaceFirst("");
    return DISTRICT.matcher(s).replaceFirst("");
  }

  private String townshipAtStart(String s) {
    if (s.isEmpty()) {
      return null;
    }
    for (String name : townshipPrefixes.getOrDefault(s.charAt(0), List.of())) {
      if (s.startsWith(name)) {
        return name;
      }
    }
    return null;
  }
}
