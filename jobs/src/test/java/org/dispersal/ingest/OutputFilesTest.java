package org.dispersal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputFilesTest {
  private static List<LandingFiles.Found> files(int n, long size) {
    return Collections.nCopies(
        n, new LandingFiles.Found(Ledger.RENTAL, "p", "f.csv", size, 0, "h"));
  }

  @Test
  void manySmallDeliveriesMakeATaskAndAnOutputFilePerCoreNotOneEach() {
    assertThat(
            LedgerIngest.partitions(files(1136, 60_000), 2, LedgerIngest.DELIVERED_BYTES_PER_TASK))
        .isEqualTo(5);
    assertThat(
            LedgerIngest.partitions(
                files(1136, 60_000), 2, LedgerIngest.DELIVERED_BYTES_PER_OUTPUT))
        .isEqualTo(2);
    assertThat(LedgerIngest.partitions(files(1, 60_000), 2, LedgerIngest.DELIVERED_BYTES_PER_TASK))
        .isEqualTo(1);
  }

  @Test
  void largeDeliveriesGetAnOutputFilePer128MegabytesDelivered() {
    // 1,136 deliveries of 1.3 MB: about 1.5 GB, 12 files.
    assertThat(
            LedgerIngest.partitions(
                files(1136, 1_300_000), 2, LedgerIngest.DELIVERED_BYTES_PER_OUTPUT))
        .isEqualTo(12);
    assertThat(
            LedgerIngest.partitions(files(3, 1L << 30), 2, LedgerIngest.DELIVERED_BYTES_PER_OUTPUT))
        .isEqualTo(3);
  }

  @Test
  void deliveriesAreDealtSoThatEachSliceMixesLargeAndSmall() {
    assertThat(LedgerIngest.dealt(List.of(9, 8, 7, 6, 5, 4, 3), 3))
        .containsExactly(9, 6, 3, 8, 5, 7, 4);
  }
}
