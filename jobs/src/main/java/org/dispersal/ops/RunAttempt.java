package org.dispersal.ops;

import java.time.LocalDate;

/** One invocation of a run: a resumed run keeps its id and counts its attempts. */
record RunAttempt(
    String runId, int attempt, String command, LocalDate asOf, boolean full, String resumedFrom) {}
