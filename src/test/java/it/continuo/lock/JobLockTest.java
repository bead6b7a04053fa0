package it.continuo.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A job lock")
class JobLockTest {
  @TempDir Path data;

  @Test
  @DisplayName("is refused at once while held, naming the holder")
  void exclusive() throws Exception {
    try (JobLock held = JobLock.acquire(data, "uno-nas", "backup")) {
      assertThatThrownBy(() -> JobLock.acquire(data, "uno-nas", "backup"))
          .isInstanceOf(LockHeldException.class)
          .hasMessageContaining("job uno-nas is already running")
          .hasMessageContaining("pid " + ProcessHandle.current().pid());
      try (JobLock other = JobLock.acquire(data, "posta-nas", "backup")) {
        assertThat(other.file()).isNotEqualTo(held.file());
      }
    }
  }

  @Test
  @DisplayName("released cleanly leaves no note; a note left behind means an interrupted run")
  void interruptedHolder() throws Exception {
    try (JobLock first = JobLock.acquire(data, "uno-nas", "backup")) {
      assertThat(first.interruptedHolder()).isEmpty();
    }
    try (JobLock second = JobLock.acquire(data, "uno-nas", "backup")) {
      assertThat(second.interruptedHolder()).isEmpty();
    }
    // what a killed process leaves: the note, but no OS lock
    Files.writeString(
        data.resolve("locks/uno-nas.lock"), "pid 999999 since 2026-11-25T22:00:00Z backup\n");
    try (JobLock third = JobLock.acquire(data, "uno-nas", "backup")) {
      assertThat(third.interruptedHolder())
          .contains("pid 999999 since 2026-11-25T22:00:00Z backup");
    }
  }
}
