package org.dispersal.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.dispersal.common.DispersalException;
import org.dispersal.common.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
  @TempDir Path lake;

  private String uri() {
    return lake.toUri().toString();
  }

  @Test
  void secondHolderIsRefusedWithTheFirstHoldersDetails() {
    try (RunLock first = RunLock.acquire(uri(), "run-1", "nightly", Duration.ofHours(12))) {
      assertThatThrownBy(() -> RunLock.acquire(uri(), "run-2", "maintain", Duration.ofHours(12)))
          .isInstanceOfSatisfying(
              DispersalException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.LOCKED))
          .hasMessageContaining("run run-1 (nightly)")
          .hasMessageContaining("pid " + ProcessHandle.current().pid())
          .hasMessageContaining(RunLock.host());
    }
    // Released on close: the next run takes it.
    try (RunLock again = RunLock.acquire(uri(), "run-3", "nightly", Duration.ofHours(12))) {
      assertThat(RunLock.holder(uri())).containsEntry("run_id", "run-3");
    }
    assertThat(RunLock.holder(uri())).isNull();
  }

  @Test
  void aLockWhoseProcessIsGoneIsTakenOver() throws Exception {
    Process dead = new ProcessBuilder("true").start();
    dead.waitFor();
    String json =
        "{\"run_id\":\"old\",\"command\":\"nightly\",\"host\":\""
            + RunLock.host()
            + "\",\"pid\":"
            + dead.pid()
            + ",\"started_at\":\"2020-01-01T00:00:00Z\"}";
    Files.writeString(lake.resolve(RunLock.FILE), json);
    try (RunLock lock = RunLock.acquire(uri(), "new", "nightly", Duration.ofHours(12))) {
      assertThat(RunLock.holder(uri())).containsEntry("run_id", "new");
    }
  }

  @Test
  void aLockFromAnotherHostIsHonouredUntilItIsOld() throws Exception {
    String recent =
        "{\"run_id\":\"remote\",\"command\":\"nightly\",\"host\":\"other-host\",\"pid\":1,"
            + "\"started_at\":\""
            + Instant.now().minusSeconds(60)
            + "\"}";
    Files.writeString(lake.resolve(RunLock.FILE), recent);
    assertThatThrownBy(() -> RunLock.acquire(uri(), "mine", "nightly", Duration.ofHours(12)))
        .hasMessageContaining("other-host");
    String old = recent.replace(Instant.now().minusSeconds(60).toString().substring(0, 4), "2019");
    Files.writeString(
        lake.resolve(RunLock.FILE),
        old.replaceAll("\"started_at\":\"[^\"]+\"", "\"started_at\":\"2019-01-01T00:00:00Z\""));
    try (RunLock lock = RunLock.acquire(uri(), "mine", "nightly", Duration.ofHours(12))) {
      assertThat(RunLock.holder(uri())).containsEntry("run_id", "mine");
    }
  }

  @Test
  void anEmptyLockFileIsRespectedWhileFreshAndTakenOverWhenOld() throws Exception {
    Path file = lake.resolve(RunLock.FILE);
    Files.writeString(file, "");
    assertThatThrownBy(() -> RunLock.acquire(uri(), "a", "nightly", Duration.ofHours(12)))
        .hasMessageContaining("unreadable lock file");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(120)));
    try (RunLock lock = RunLock.acquire(uri(), "a", "nightly", Duration.ofHours(12))) {
      assertThat(RunLock.holder(uri())).containsEntry("run_id", "a");
    }
  }
}
