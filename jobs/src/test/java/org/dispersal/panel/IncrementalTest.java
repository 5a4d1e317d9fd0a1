package org.dispersal.panel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class IncrementalTest {
  private static final StructType EVENTS =
      new StructType()
          .add("event_id", DataTypes.StringType)
          .add("kind", DataTypes.StringType)
          .add("township_code", DataTypes.StringType)
          .add("event_month", DataTypes.StringType)
          .add("linked_tenants", DataTypes.LongType);

  private static Dataset<Row> events(Object[]... rows) {
    return PanelBuildTest.frame(EVENTS, rows);
  }

  @Test
  void theEarliestMonthOfAnEventAddedRemovedOrChangedIsWhereTheMergeStarts() {
    Dataset<Row> before =
        events(
            new Object[] {"license:1", "business", "110111104", "2018-03", 0L},
            new Object[] {"demolition:7", "residential", "110111104", "2019-05", 4L},
            new Object[] {"rental:9", "group_rental", "110111009", "2019-08", 3L});
    // A demolition on the business's site arrives: the 2018 closure is no longer an event of its
    // own, and a later event's linked tenants change.
    Dataset<Row> now =
        events(
            new Object[] {"demolition:7", "residential", "110111104", "2019-05", 4L},
            new Object[] {"demolition:8", "residential", "110111104", "2019-06", 0L},
            new Object[] {"rental:9", "group_rental", "110111009", "2019-08", 3L});
    assertThat(Incremental.changedEventsFrom(before, Map.of("vacating_events", now)))
        .isEqualTo("2018-03");

    Dataset<Row> changedLater =
        events(
            new Object[] {"license:1", "business", "110111104", "2018-03", 0L},
            new Object[] {"demolition:7", "residential", "110111104", "2019-05", 5L},
            new Object[] {"rental:9", "group_rental", "110111009", "2019-08", 3L});
    assertThat(Incremental.changedEventsFrom(before, Map.of("vacating_events", changedLater)))
        .isEqualTo("2019-05");
    assertThat(Incremental.changedEventsFrom(before, Map.of("vacating_events", before))).isNull();

    // The same events twice over are not the same events; nor is an event in another township.
    Dataset<Row> twice = before.unionByName(before.filter("event_month = '2019-08'"));
    assertThat(Incremental.changedEventsFrom(before, Map.of("vacating_events", twice)))
        .isEqualTo("2019-08");
    Dataset<Row> moved =
        events(
            new Object[] {"license:1", "business", "110111104", "2018-03", 0L},
            new Object[] {"demolition:7", "residential", "110111104", "2019-05", 4L},
            new Object[] {"rental:9", "group_rental", "110111104", "2019-08", 3L});
    assertThat(Incremental.changedEventsFrom(before, Map.of("vacating_events", moved)))
        .as("an event moved to another township")
        .isEqualTo("2019-08");
  }
}
