package org.dispersal.conform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class ReboundTest {

  @Test
  void newRegistrationsEntitiesAndStructuresAtVacatedSitesAreWatched() {
    Dataset<Row> demolitions = ConformFixtures.demolitions();
    Dataset<Row> links =
        Linkage.rentalLinks(demolitions, ConformFixtures.rentals(), 180, 90)
            .unionByName(Linkage.entityLinks(demolitions, ConformFixtures.entities(), 180, 90));
    Dataset<Row> events =
        VacatingEvents.all(
            VacatingEvents.demolitions(demolitions, links),
            ConformFixtures.entities(),
            ConformFixtures.rentals(),
            links);
    List<Row> watch =
        Rebound.watch(events, ConformFixtures.rentals(), ConformFixtures.entities(), demolitions)
            .orderBy(Rebound.EVIDENCE_KEY)
            .collectAsList();
    assertThat(watch)
        .extracting(r -> r.<String>getAs(Rebound.EVIDENCE_KEY))
        .containsExactly("D4", "E4", "R9");
    Row d4 = watch.get(0);
    assertThat(d4.<String>getAs(Rebound.REBOUND_KIND)).isEqualTo(Rebound.NEW_ILLEGAL_STRUCTURE);
    assertThat(d4.<String>getAs(Rebound.VACATED_EVENT)).isEqualTo("demolition:D2");
    Row e4 = watch.get(1);
    assertThat(e4.<String>getAs(Rebound.REBOUND_KIND)).isEqualTo(Rebound.NEW_ENTITY);
    assertThat(e4.<String>getAs(Rebound.VACATED_EVENT)).isEqualTo("demolition:D3");
    assertThat(e4.<Integer>getAs(Rebound.DAYS_AFTER)).isEqualTo(92);
    assertThat(watch.get(2).<String>getAs(Rebound.VACATED_EVENT)).isEqualTo("demolition:D4");
  }
}
