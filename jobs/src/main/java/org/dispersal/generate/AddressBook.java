package org.dispersal.generate;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The addresses of one township: villages or hutongs, communities, housing compounds and roads, and
 * a numbering per kind of premises so that every site has its own address. Addresses are written as
 * clerks type them, in the variants conform normalises: township prefix, full-width digits, 号 or
 * 号院, spaces.
 */
final class AddressBook {
  /** Kinds of premises, each numbered on its own. */
  static final int PLOTS = 0;

  static final int WORKS = 1;
  static final int FLATS = 2;
  static final int CELLARS = 3;
  static final int FRONTAGE = 4;
  static final int OFFICES = 5;
  static final int WALL_SHOPS = 6;

  private static final String DIRECTIONS = "东西南北前后上下中大小";
  private static final String SURNAMES = "王李张刘赵孙周吴郑石马杨黄高何罗韩冯董薛田";
  private static final String[] ROOTS = {
    "庄", "村", "营", "店", "屯", "各庄", "家庄", "家务", "辛庄", "坨", "峪", "沟", "台", "河", "堡", "窑", "场", "垡",
    "务", "岗"
  };
  private static final String[] STREETS = {
    "前街", "后街", "东街", "西街", "南街", "北街", "中街", "大街", "一巷", "二巷", "三巷", "四巷"
  };
  private static final String WORDS = "长虹建光明花园幸福阳和平星绿翠林金文富瑞雪康泽华馨怡景悦兴隆安宁丰泰永乐";
  private static final String[] COMPOUND_SUFFIXES = {"家园", "小区", "花园", "嘉园", "新城", "里", "苑"};
  private static final String[] ROAD_SUFFIXES = {"路", "大街", "东路", "西路", "南路", "北路", "街"};
  private static final String[] LANE_SUFFIXES = {"胡同", "巷", "条"};
  private static final String FULL_WIDTH = "０１２３４５６７８９";

  private final String townshipName;
  private final String[] lanes;
  private final String[] laneCommunity;
  private final String[] communities;
  private final String[] compounds;
  private final String[] compoundCommunity;
  private final String[] roads;
  private final int[] counters = new int[7];

  AddressBook(String townshipCode, String townshipName, boolean urban, double size) {
    this.townshipName = townshipName;
    Rng r = Rng.derive(0, "addresses", townshipCode);
    int nCommunities = urban ? 10 + (int) Math.min(25, size / 8) : 3 + (int) Math.min(6, size / 20);
    this.communities = names(r, nCommunities, () -> word(r) + "社区");
    this.compounds = names(r, nCommunities * 3, () -> word(r) + r.pick(COMPOUND_SUFFIXES));
    this.compoundCommunity = new String[compounds.length];
    for (int i = 0; i < compounds.length; i++) {
      compoundCommunity[i] = communities[i % communities.length];
    }
    this.roads = names(r, 8 + (int) Math.min(16, size / 10), () -> word(r) + r.pick(ROAD_SUFFIXES));
    if (urban) {
      lanes = names(r, 20 + (int) Math.min(30, size / 5), () -> word(r) + r.pick(LANE_SUFFIXES));
      laneCommunity = new String[lanes.length];
      for (int i = 0; i < lanes.length; i++) {
        laneCommunity[i] = communities[i % communities.length];
      }
    } else {
      String[] villages = names(r, 12 + (int) Math.min(30, size / 3), () -> village(r));
      lanes = new String[villages.length * STREETS.length];
      laneCommunity = new String[lanes.length];
      for (int i = 0; i < lanes.length; i++) {
        String v = villages[i % villages.length];
        lanes[i] = v + STREETS[i / villages.length];
        laneCommunity[i] = v;
      }
    }
  }

  private static String word(Rng r) {
    char a = r.pick(WORDS);
    char b;
    do {
      b = r.pick(WORDS);
    } while (a == b);
    return "" + a + b;
  }

  private static String village(Rng r) {
    String prefix = r.chance(0.45) ? String.valueOf(r.pick(DIRECTIONS)) : "";
    return prefix + r.pick(SURNAMES) + r.pick(ROOTS) + "村";
  }

  private static String[] names(Rng r, int n, java.util.function.Supplier<String> make) {
    Set<String> out = new LinkedHashSet<>();
    int attempts = 0;
    while (out.size() < n && attempts++ < n * 50) {
      out.add(make.get());
    }
    return out.toArray(new String[0]);
  }

  /** The next free number of a kind of premises. */
  int next(int space) {
    return counters[space]++;
  }

  /** The community or village an address belongs to (社区村 / 村社区). */
  String community(int space, int n) {
    return switch (space) {
      case PLOTS, WORKS -> laneCommunity[n % lanes.length];
      case FLATS, CELLARS, WALL_SHOPS -> compoundCommunity[n % compounds.length];
      default -> communities[n % communities.length];
    };
  }

  /** The canonical address of premises n of a kind: unique within the township. */
  String address(int space, int n) {
    return switch (space) {
      case PLOTS -> lanes[n % lanes.length] + (n / lanes.length + 1) + "号";
      case WORKS -> laneCommunity[n % lanes.length].replace("社区", "") + "工业区" + (n + 1) + "号";
      case FLATS -> flat(n);
      case CELLARS -> compounds[n % compounds.length] + (n / compounds.length + 1) + "号楼地下室";
      case FRONTAGE -> roads[n % roads.length] + (n / roads.length * 2 + 1) + "号";
      case OFFICES -> office(n);
      case WALL_SHOPS -> {
        int k = n / compounds.length;
        yield compounds[n % compounds.length] + (k / 4 + 1) + "号楼底商" + (k % 4 + 1) + "号";
      }
      default -> throw new IllegalArgumentException("space " + space);
    };
  }

  private String flat(int n) {
    int k = n / compounds.length;
    int building = k / 72 + 1;
    int unit = (k % 72) / 12 + 1;
    int floor = (k % 12) / 2 + 1;
    int room = floor * 100 + k % 2 + 1;
    return compounds[n % compounds.length] + building + "号楼" + unit + "单元" + room + "室";
  }

  private String office(int n) {
    int k = n / roads.length;
    int number = (k / 40) * 2 + 2;
    int floor = (k % 40) / 8 + 1;
    return roads[n % roads.length] + number + "号" + floor + "层" + (floor * 100 + k % 8 + 1) + "室";
  }

  /** The address as one clerk types it; the choice is fixed by the hash, so exports repeat. */
  String variant(String canonical, long hash) {
    double u = Rng.unit(hash);
    if (u < 0.55) {
      return canonical;
    }
    if (u < 0.70) {
      return townshipName + canonical;
    }
    if (u < 0.80) {
      return fullWidth(canonical);
    }
    if (u < 0.90 && canonical.endsWith("号")) {
      return canonical + "院";
    }
    return spaced(canonical);
  }

  private static String fullWidth(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      sb.append(c >= '0' && c <= '9' ? FULL_WIDTH.charAt(c - '0') : c);
    }
    return sb.toString();
  }

  // A space before the first digit, as when a clerk separates street and number.
  private static String spaced(String s) {
    for (int i = 1; i < s.length(); i++) {
      if (Character.isDigit(s.charAt(i)) && !Character.isDigit(s.charAt(i - 1))) {
        return s.substring(0, i) + " " + s.substring(i);
      }
    }
    return s + " ";
  }
}
