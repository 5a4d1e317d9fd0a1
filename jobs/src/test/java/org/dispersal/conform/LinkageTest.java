package org.dispersal.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class LinkageTest {

  private static Map<String, Row> byTarget(Dataset<Row> links) {
    return links.collectAsList().stream()
        .collect(Collectors.toMap(r -> r.<String>getAs(Linkage.TARGET_KEY), r -> r));
  }

  @Test
  void rentalsDeregisteredAtTheSiteAroundTheDemolitionAreLinked() {
    // A dwelling of its own per registration here (the fixtures' dwellings are their sites), so
    // that a link carrying the site instead of the dwelling is told apart.
    Dataset<Row> rentals =
        ConformFixtures.rentals()
            .withColumn(
                Cols.DWELLING_KEY,
                concat(col(Cols.ADDRESS_KEY), lit("-"), col(Cols.REGISTRATION_ID)));
    Map<String, Row> links =
        byTarget(Linkage.rentalLinks(ConformFixtures.demolitions(), rentals, 180, 90));
    assertThat(links.keySet()).containsExactlyInAnyOrder("R1", "R2", "R6");
    assertThat(links.get("R1").<String>getAs(Cols.LINK_METHOD)).isEqualTo("address+reason");
    assertThat(links.get("R1").<Double>getAs(Cols.CONFIDENCE)).isEqualTo(0.95);
    assertThat(links.get("R2").<String>getAs(Cols.LINK_METHOD)).isEqualTo("address+date");
    // R6 left in August: the nearest demolition at its site is D2, not D1.
    assertThat(links.get("R6").<String>getAs(Cols.RECORD_ID)).isEqualTo("D2");
    assertThat(links.get("R1").<Long>getAs(Linkage.PERSONS)).isEqualTo(3L);
    // Each link carries its registration's dwelling, so the estimate counts a dwelling once
    // without reading the rental table again.
    Map<String, String> dwellings =
        rentals.collectAsList().stream()
            .collect(
                Collectors.toMap(
                    r -> r.<String>getAs(Cols.REGISTRATION_ID),
                    r -> r.<String>getAs(Cols.DWELLING_KEY)));
    assertThat(links.values())
        .allSatisfy(
            l ->
                assertThat(l.<String>getAs(Linkage.TARGET_DWELLING))
                    .isNotNull()
                    .isEqualTo(dwellings.get(l.<String>getAs(Linkage.TARGET_KEY))));
  }

  @Test
  void closedBusinessesAtTheSiteAreLinkedButUpgradedOnesAreNot() {
    Map<String, Row> links =
        byTarget(
            Linkage.entityLinks(
                ConformFixtures.demolitions(), ConformFixtures.entities(), 180, 90));
    assertThat(links.keySet()).containsExactly("E1");
    assertThat(links.get("E1").<String>getAs(Cols.RECORD_ID)).isEqualTo("D1");
    assertThat(links.get("E1").<Long>getAs(Linkage.PERSONS)).isEqualTo(12L);
    assertThat(links.get("E1").<String>getAs(Linkage.TARGET_DWELLING)).isNull();
  }

  @Test
  void vacatingEventsCoverEveryKindWithLinkedPeople() {
    var demolitions = ConformFixtures.demolitions();
    var links =
        Linkage.rentalLinks(demolitions, ConformFixtures.rentals(), 180, 90)
            .unionByName(Linkage.entityLinks(demolitions, ConformFixtures.entities(), 180, 90));
    Map<String, Row> events =
        VacatingEvents.all(
                VacatingEvents.demolitions(demolitions, links),
                ConformFixtures.entities(),
                ConformFixtures.rentals(),
                links)
            .collectAsList()
            .stream()
            .collect(Collectors.toMap(r -> r.<String>getAs(Cols.EVENT_ID), r -> r));
    assertThat(events.keySet())
        .containsExactlyInAnyOrder(
            "demolition:D1",
            "demolition:D2",
            "demolition:D3",
            "demolition:D4",
            "license:E3",
            "rental:R7",
            "rental:R8");
    Row d1 = events.get("demolition:D1");
    assertThat(d1.<String>getAs(Cols.KIND)).isEqualTo("residential");
    assertThat(d1.<Long>getAs(Cols.LINKED_TENANTS)).isEqualTo(5L); // R1 + R2
    assertThat(d1.<Long>getAs(Cols.LINKED_EMPLOYEES)).isEqualTo(12L);
    assertThat(d1.<String>getAs(Cols.EVENT_MONTH)).isEqualTo("2018-05");
    assertThat(events.get("demolition:D2").<String>getAs(Cols.KIND)).isEqualTo("production");
    assertThat(events.get("demolition:D3").<String>getAs(Cols.KIND)).isEqualTo("commercial");
    assertThat(events.get("rental:R7").<String>getAs(Cols.KIND)).isEqualTo("group_rental");
    assertThat(events.get("rental:R8").<String>getAs(Cols.KIND)).isEqualTo("basement");
    assertThat(events.get("license:E3").<Double>getAs(Cols.FLOOR_AREA)).isEqualTo(2000.0);
    // E1 closed on the demolished site D1: its people are counted with the demolition only.
    assertThat(events).doesNotContainKey("license:E1");
  }
}
