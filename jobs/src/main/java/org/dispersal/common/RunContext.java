package org.dispersal.common;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/** What every stage of one run shares: its id, as-of date, paths and whether it rebuilds fully. */
public record RunContext(
    String runId, Instant startedAt, RunConfig run, PathsConfig paths, boolean full) {

  /** A new run: its id sorts by start time and is unique across hosts for practical purposes. */
  public static RunContext start(Settings settings, boolean full) {
    Instant now = Instant.now();
    String id =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT)
                .format(LocalDateTime.ofInstant(now, RunConfig.ZONE))
            + "-"
            + String.format(Locale.ROOT, "%04x", ThreadLocalRandom.current().nextInt(0x10000));
    return new RunContext(id, now, RunConfig.from(settings), PathsConfig.from(settings), full);
  }
}
