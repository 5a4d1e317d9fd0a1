package org.dispersal.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TownshipsTest {

  @Test
  void loadsAll349TownshipsAndFangshansTwentyEight() {
    Townships t = Townships.load();
    assertThat(t.all()).hasSize(349);
    assertThat(t.districtCodes()).hasSize(16);
    assertThat(t.ofDistrict("110111")).hasSize(28);
    assertThat(t.ofDistrict("110111").get(0).name()).isEqualTo("城关街道");
    assertThat(t.ofDistrict(RunConfig.CITY)).hasSize(349);
  }

  @Test
  void everyFangshanTownshipHasItsShortNameAndTheAreasTheirOlderForm() {
    Townships t = Townships.load();
    for (Townships.Township town : t.ofDistrict("110111")) {
      assertThat(t.aliases(town.code(), "short_name")).containsExactly(town.shortName());
    }
    assertThat(t.aliases("110111008", "older_form")).containsExactly("良乡镇");
    assertThat(t.aliases("110111009", "older_form")).containsExactly("周口店镇");
    assertThat(t.aliases("110111010", "older_form")).containsExactly("琉璃河镇");
    assertThat(t.aliases().stream().filter(a -> a.kind().equals("misspelling"))).isNotEmpty();
  }

  @Test
  void aliasesAreUnambiguousWithinADistrictAndNeverARealName() {
    Townships t = Townships.load();
    Set<String> seen = new HashSet<>();
    for (Townships.Alias a : t.aliases()) {
      String district = a.townshipCode().substring(0, 6);
      assertThat(seen.add(district + a.alias())).as(a.alias()).isTrue();
      assertThat(t.ofDistrict(district).stream().map(Townships.Township::name))
          .as(a.alias())
          .doesNotContain(a.alias());
    }
  }

  @Test
  void packagedCopyIsIdenticalToConf() throws Exception {
    for (String file : new String[] {Townships.TOWNSHIPS_FILE, Townships.ALIASES_FILE}) {
      Path conf = Townships.home().resolve(Townships.REFERENCE_DIR).resolve(file);
      try (InputStream in =
          Townships.class.getResourceAsStream("/org/dispersal/reference/" + file)) {
        assertThat(in).as(file).isNotNull();
        assertThat(in.readAllBytes()).as(file).isEqualTo(Files.readAllBytes(conf));
      }
    }
  }
}
