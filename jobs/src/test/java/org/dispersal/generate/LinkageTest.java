package org.dispersal.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Records at the same site share an address up to the variants conform normalises, and records at
 * different sites do not: a plain address join recovers the true links.
 */
class LinkageTest {
  private final Generated g = Generated.district();

  @Test
  void normalisedAddressesRecoverTheTrueLinks() throws Exception {
    Map<String, String> townName = new HashMap<>();
    org.dispersal.common.Townships.load()
        .ofDistrict(Generated.DISTRICT)
        .forEach(t -> townName.put(t.code(), t.name()));
    // Each record's normalised address, from the ledgers as delivered.
    Map<String, String> address = new HashMap<>();
    for (String[] l :
        new String[][] {
          {"rental", "登记编号", "房屋地址"}, {"license", "统一社会信用代码", "经营地址"}, {"demolition", "台账编号", "位置"}
        }) {
      for (Landing.Record r : g.latest(l[0], l[1]).values()) {
        String town = townName.get(r.get("乡镇街道"));
        address.put(
            l[0] + " " + r.get(l[1]), town + "|" + GeneratorPartsTest.normalise(r.get(l[2]), town));
      }
    }
    Map<String, Set<String>> bySite = new HashMap<>();
    for (Map<String, String> link : g.truth("links.csv")) {
      bySite
          .computeIfAbsent(link.get("site_id"), k -> new HashSet<>())
          .add(link.get("ledger") + " " + link.get("business_key"));
    }
    Set<String> truePairs = pairs(bySite);
    Map<String, Set<String>> byAddress = new HashMap<>();
    for (Set<String> members : bySite.values()) {
      for (String m : members) {
        if (address.containsKey(m)) {
          byAddress.computeIfAbsent(address.get(m), k -> new HashSet<>()).add(m);
        }
      }
    }
    for (Map.Entry<String, String> e : address.entrySet()) {
      if (e.getKey().startsWith("demolition") || e.getKey().startsWith("license")) {
        byAddress.computeIfAbsent(e.getValue(), k -> new HashSet<>()).add(e.getKey());
      }
    }
    Set<String> found = pairs(byAddress);
    Set<String> known = new HashSet<>();
    for (String p : truePairs) {
      String[] ab = p.split("~");
      if (address.containsKey(ab[0]) && address.containsKey(ab[1])) {
        known.add(p);
      }
    }
    Set<String> hits = new HashSet<>(found);
    hits.retainAll(known);
    assertThat(known).hasSizeGreaterThan(5_000);
    assertThat(hits.size() / (double) found.size()).as("precision").isGreaterThan(0.99);
    assertThat(hits.size() / (double) known.size()).as("recall").isGreaterThan(0.99);
  }

  /** Cross-ledger pairs within each group. */
  private static Set<String> pairs(Map<String, Set<String>> groups) {
    Set<String> out = new HashSet<>();
    for (Set<String> members : groups.values()) {
      List<String> list = members.stream().sorted().toList();
      for (int i = 0; i < list.size(); i++) {
        for (int j = i + 1; j < list.size(); j++) {
          if (!list.get(i).split(" ")[0].equals(list.get(j).split(" ")[0])) {
            out.add(list.get(i) + "~" + list.get(j));
          }
        }
      }
    }
    return out;
  }
}
