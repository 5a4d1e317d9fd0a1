package org.dispersal.conform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dispersal.common.RunConfig;
import org.dispersal.conform.TownshipResolver.Alias;
import org.dispersal.conform.TownshipResolver.Resolution;
import org.dispersal.conform.TownshipResolver.Township;
import org.junit.jupiter.api.Test;

class TownshipResolverTest {
  private static final List<Township> TOWNSHIPS =
      List.of(
          new Township("110111005", "东风街道", "街道", "110111"),
          new Township("110111009", "良乡地区", "地区", "110111"),
          new Township("110111104", "长阳镇", "镇", "110111"),
          new Township("110111107", "琉璃河地区", "地区", "110111"),
          new Township("110105039", "东风地区", "地区", "110105"),
          new Township("110101001", "东华门街道", "街道", "110101"));
  private static final List<Alias> ALIASES =
      List.of(
          new Alias("良乡镇", "110111009", "older_form"),
          new Alias("长杨镇", "110111104", "misspelling"),
          new Alias("东风", "110105039", "short_name"));

  private final TownshipResolver resolver = new TownshipResolver(TOWNSHIPS, ALIASES, "110111");

  @Test
  void codesOfBothLengthsResolveWithinTheDistrict() {
    assertThat(resolver.resolve("110111104").code()).isEqualTo("110111104");
    assertThat(resolver.resolve("110111104000").code()).isEqualTo("110111104");
    assertThat(resolver.resolve("110101001").status()).isEqualTo(TownshipResolver.UNKNOWN);
    assertThat(resolver.resolve("440305001").status()).isEqualTo(TownshipResolver.UNKNOWN);
  }

  @Test
  void namesShortNamesOlderFormsAndMisspellingsResolve() {
    assertThat(resolver.resolve("长阳镇"))
        .extracting(Resolution::code, Resolution::method)
        .containsExactly("110111104", "name");
    assertThat(resolver.resolve(" 长阳 ").code()).isEqualTo("110111104");
    assertThat(resolver.resolve("良乡镇").method()).isEqualTo("older_form");
    assertThat(resolver.resolve("良乡镇").code()).isEqualTo("110111009");
    assertThat(resolver.resolve("长杨镇").method()).isEqualTo("misspelling");
    assertThat(resolver.resolve("琉璃河").code()).isEqualTo("110111107");
  }

  @Test
  void nameOfAnotherDistrictResolvesWithinTheRunDistrictOnly() {
    // 东风 exists in Chaoyang too; within Fangshan it is 东风街道.
    assertThat(resolver.resolve("东风").code()).isEqualTo("110111005");
    TownshipResolver chaoyang = new TownshipResolver(TOWNSHIPS, ALIASES, "110105");
    assertThat(chaoyang.resolve("东风").code()).isEqualTo("110105039");
  }

  @Test
  void unknownNamesComeWithTheClosestCandidates() {
    Resolution r = resolver.resolve("长阳村镇");
    assertThat(r.status()).isEqualTo(TownshipResolver.UNKNOWN);
    assertThat(r.code()).isNull();
    assertThat(r.candidates()).first().asString().startsWith("长阳镇");
  }

  @Test
  void aNameMatchingTwoTownshipsIsAmbiguous() {
    TownshipResolver twoHits =
        new TownshipResolver(
            TOWNSHIPS,
            List.of(
                new Alias("良长", "110111009", "misspelling"),
                new Alias("良长", "110111104", "misspelling")),
            "110111");
    assertThat(twoHits.resolve("良长").status()).isEqualTo(TownshipResolver.AMBIGUOUS);
  }

  @Test
  void theCityResolvesTownshipsOfEveryDistrictAndQuarantinesNamesSharedAcrossDistricts() {
    TownshipResolver city = new TownshipResolver(TOWNSHIPS, ALIASES, RunConfig.CITY);
    assertThat(city.resolve("110111104").code()).isEqualTo("110111104");
    assertThat(city.resolve("110101001000").code()).isEqualTo("110101001");
    assertThat(city.resolve("长杨镇").code()).isEqualTo("110111104");
    assertThat(city.resolve("东华门街道").code()).isEqualTo("110101001");
    assertThat(city.resolve("东风地区").code()).isEqualTo("110105039");
    // 东风 is Fangshan's 东风街道 and Chaoyang's 东风地区: an error, not a guess.
    Resolution shared = city.resolve("东风");
    assertThat(shared.status()).isEqualTo(TownshipResolver.AMBIGUOUS);
    assertThat(shared.code()).isNull();
    assertThat(shared.candidates()).containsExactlyInAnyOrder("110111005", "110105039");
  }
}
