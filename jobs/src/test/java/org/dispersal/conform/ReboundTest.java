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

  @Test
  void aClearedBasementReboundsOnlyWhenTheSameDwellingIsLetAgain() {
    Object[][] rows = {
      {
        "B1",
        "110111009",
        "西路村2号",
        "地下室",
        200.0,
        9L,
        ConformFixtures.d("2016-01-01"),
        ConformFixtures.d("2018-06-01"),
        "地下空间清理"
      },
      {"B2", "110111009", "西路村2号", "地下室", 150.0, 5L, ConformFixtures.d("2019-01-10"), null, null},
      {"B3", "110111009", "西路村2号", "楼房", 80.0, 3L, ConformFixtures.d("2019-02-10"), null, null}
    };
    Dataset<Row> rentals =
        ConformFixtures.frame(ConformFixtures.RENTAL, rows)
            .withColumn(
                Cols.DWELLING_KEY,
                org.apache
                    .spark
                    .sql
                    .functions
                    .when(
                        org.apache.spark.sql.functions.col(Cols.HOUSING_TYPE).equalTo("地下室"),
                        org.apache.spark.sql.functions.lit("西路村2号地下室"))
                    .otherwise(org.apache.spark.sql.functions.lit("西路村2号3单元")));
    Dataset<Row> none = ConformFixtures.demolitions().limit(0);
    Dataset<Row> noEntities = ConformFixtures.entities().limit(0);
    Dataset<Row> links = Linkage.rentalLinks(none, rentals, 180, 90);
    Dataset<Row> events =
        VacatingEvents.all(VacatingEvents.demolitions(none, links), noEntities, rentals, links);
    List<Row> watch = Rebound.watch(events, rentals, noEntities, none).collectAsList();
    assertThat(watch).extracting(r -> r.<String>getAs(Rebound.EVIDENCE_KEY)).containsExactly("B2");
    assertThat(watch.get(0).<String>getAs(Rebound.VACATED_KIND)).isEqualTo("basement");
  }
}
