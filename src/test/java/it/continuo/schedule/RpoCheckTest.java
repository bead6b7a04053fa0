package it.continuo.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.config.Config;
import it.continuo.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job scheduled less often than a service's RPO cannot meet it, and check-config says so. */
class RpoCheckTest {
  @TempDir Path dir;

  static final Instant MONDAY = Instant.parse("2026-11-23T08:00:00Z");

  List<String> warnings(String rpo, String incremental) throws Exception {
    Path file = dir.resolve("continuo.yaml");
    Files.writeString(
        file,
        """
        agent: { name: ufficio, dataDir: %s, timezone: Europe/Rome }
        sources:
          docs: { paths: [%s] }
        targets:
          nas: { type: local, path: %s }
        jobs:
          posta-nas:
            source: docs
            target: nas
            full: "0 30 21 ? * SUN"
            incremental: "%s"
        services:
          - { name: Posta, rpo: %s, rto: 4h, jobs: [posta-nas] }
        """
            .formatted(dir.resolve("data"), dir, dir, incremental, rpo));
    Config config = new ConfigLoader().load(file);
    return RpoCheck.warnings(config, MONDAY);
  }

  @Test
  void aNightlyBackupCannotMeetAFourHourRpo() throws Exception {
    assertThat(warnings("4h", "0 30 21 ? * MON-SAT"))
        .containsExactly(
            "service \"Posta\": its RPO of 4h cannot be met by job posta-nas, whose backups are up"
                + " to 1d apart (from Mon 23 Nov 21:30 to Tue 24 Nov 21:30)");
  }

  @Test
  void durationsReadAsTheyAreWritten() {
    assertThat(RpoCheck.human(java.time.Duration.ofHours(27).plusMinutes(30)))
        .isEqualTo("1d 3h 30m");
    assertThat(RpoCheck.human(java.time.Duration.ofSeconds(10))).isEqualTo("10s");
    assertThat(RpoCheck.human(java.time.Duration.ofHours(4))).isEqualTo("4h");
  }

  @Test
  void aNightlyBackupMeetsADailyRpo() throws Exception {
    assertThat(warnings("24h", "0 30 21 ? * MON-SAT")).isEmpty();
  }

  @Test
  void backupsEveryTwoHoursDuringOfficeHoursLeaveTheNightUncovered() throws Exception {
    // 8:00 to 18:00 every two hours, and the full on Sunday night: from Saturday 18:00 to
    // Sunday 21:30 there is no backup.
    assertThat(warnings("4h", "0 0 8-18/2 ? * MON-SAT"))
        .singleElement()
        .asString()
        .contains(
            "whose backups are up to 1d 3h 30m apart (from Sat 28 Nov 18:00 to Sun 29 Nov 21:30)");
  }
}
