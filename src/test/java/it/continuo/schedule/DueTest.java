package it.continuo.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.catalog.Level;
import it.continuo.config.HooksConfig;
import it.continuo.config.JobConfig;
import it.continuo.config.KeepConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What a backup fire means, given what already ran. */
class DueTest {
  static final ZoneId ROME = ZoneId.of("Europe/Rome");

  /** Weekly full on Sunday at 21:00, incremental Monday to Saturday at 21:00 (seeds/004). */
  static final JobSchedule OFFICE = schedule("0 0 21 ? * SUN", "0 0 21 ? * MON-SAT", null);

  static JobSchedule schedule(String full, String incremental, Duration maxFullAge) {
    return new JobSchedule(
        new JobConfig(
            "docs",
            "docs",
            List.of("nas"),
            full,
            incremental,
            HooksConfig.NONE,
            maxFullAge,
            KeepConfig.ALL,
            null),
        ROME);
  }

  /** 2026-11-23 is a Monday. */
  static Instant at(int day, int hour, int minute) {
    return ZonedDateTime.of(2026, 11, day, hour, minute, 0, 0, ROME).toInstant();
  }

  static final Instant SINCE = at(1, 0, 0);

  @Test
  void anIncrementalFireOnTimeRunsAnIncremental() {
    Due due =
        Due.decide(OFFICE, at(24, 21, 0), SINCE, at(23, 21, 0), at(22, 21, 0), at(22, 21, 0), null);

    assertThat(due.level()).isEqualTo(Level.INCREMENTAL);
    assertThat(due.catchUp()).isFalse();
    assertThat(due.missed()).containsExactly(at(24, 21, 0));
  }

  @Test
  void aFireWhoseTimeAnotherRunAlreadyKeptDoesNothing() {
    Instant fullStartedAt = at(22, 21, 0).plusMillis(20);

    Due due =
        Due.decide(OFFICE, at(22, 21, 0), SINCE, fullStartedAt, fullStartedAt, fullStartedAt, null);

    assertThat(due.skip()).isTrue();
  }

  @Nested
  class WhenTheFullAndTheIncrementalFireTogether {
    final JobSchedule everyNight = schedule("0 0 21 ? * SUN", "0 0 21 ? * *", null);

    @Test
    void theFirstToRunTakesAFull() {
      Due first =
          Due.decide(
              everyNight, at(22, 21, 0), SINCE, at(21, 21, 0), at(15, 21, 0), at(15, 21, 0), null);

      assertThat(first.level()).isEqualTo(Level.FULL);
    }

    @Test
    void theSecondFindsNothingLeft() {
      Instant full = at(22, 21, 0).plusMillis(300);

      Due second = Due.decide(everyNight, at(22, 21, 0), SINCE, full, full, full, null);

      assertThat(second.skip()).isTrue();
    }

    @Test
    void anIncrementalThatSlippedInFirstDoesNotKeepTheFull() {
      // A sysadmin's incremental from the command line at 21:00:05 does not make the weekly full
      // that was waiting for its turn unnecessary.
      Instant manual = at(22, 21, 0).plusSeconds(5);

      Due due =
          Due.decide(everyNight, at(22, 21, 0), SINCE, manual, at(15, 21, 0), at(15, 21, 0), null);

      assertThat(due.level()).isEqualTo(Level.FULL);
    }
  }

  @Nested
  class AfterDowntime {
    @Test
    void threeMissedNightsAreMadeUpOnceWhenTheDaemonComesBack() {
      // Last run Monday night; the server was off Tuesday to Thursday and comes back Friday 8:30.
      Due due =
          Due.decide(
              OFFICE, at(27, 8, 30), SINCE, at(23, 21, 0), at(22, 21, 0), at(22, 21, 0), null);

      assertThat(due.level()).isEqualTo(Level.INCREMENTAL);
      assertThat(due.catchUp()).isTrue();
      assertThat(due.missed()).containsExactly(at(24, 21, 0), at(25, 21, 0), at(26, 21, 0));
      assertThat(due.reason()).startsWith("catch-up of 3 missed runs (Tue 24 Nov 21:00, ");
    }

    @Test
    void aMissedFullIsMadeUpAsAFull() {
      // Off from Saturday to Monday morning: Saturday's incremental and Sunday's full are missed.
      Due due =
          Due.decide(
              OFFICE, at(23, 7, 0), SINCE, at(20, 21, 0), at(15, 21, 0), at(15, 21, 0), null);

      assertThat(due.level()).isEqualTo(Level.FULL);
      assertThat(due.missed()).containsExactly(at(21, 21, 0), at(22, 21, 0));
    }

    @Test
    void aRunInterruptedByTheCrashKeepsNothing() {
      // The history gives the newest run that was not interrupted: Monday's. Tuesday's was cut
      // off by the power loss, so Tuesday's fire time is still to be kept.
      Due due =
          Due.decide(
              OFFICE, at(25, 9, 0), SINCE, at(23, 21, 0), at(22, 21, 0), at(22, 21, 0), null);

      assertThat(due.missed()).containsExactly(at(24, 21, 0));
      assertThat(due.catchUp()).isTrue();
    }

    @Test
    void fireTimesBeforeTheScheduleExistedWereNeverPromised() {
      // The job was added on Wednesday at noon and has never run.
      Due due = Due.decide(OFFICE, at(25, 21, 0), at(25, 12, 0), null, null, null, null);

      assertThat(due.missed()).containsExactly(at(25, 21, 0));
      assertThat(due.catchUp()).isFalse();
    }

    @Test
    void aFailedRunKeepsItsFireTime() {
      // Failures are reported and alerted on; the next fire does not repeat them in a loop.
      Instant failed = at(24, 21, 0).plusSeconds(1);

      Due due =
          Due.decide(OFFICE, at(24, 21, 0), SINCE, failed, at(22, 21, 0), at(22, 21, 0), null);

      assertThat(due.skip()).isTrue();
    }
  }

  @Nested
  class MaxFullAge {
    final JobSchedule monthlyFull = schedule("0 0 21 1 * ?", "0 0 21 * * ?", Duration.ofDays(7));

    @Test
    void anIncrementalBecomesAFullWhenTheLastFullIsTooOld() {
      Due due =
          Due.decide(
              monthlyFull,
              at(24, 21, 0),
              SINCE,
              at(23, 21, 0),
              at(1, 21, 0),
              at(1, 21, 0),
              Duration.ofDays(7));

      assertThat(due.level()).isEqualTo(Level.FULL);
      assertThat(due.reason()).contains("older than maxFullAge 168h (7 days)");
    }

    @Test
    void aRecentFullLeavesTheIncrementalAlone() {
      Due due =
          Due.decide(
              monthlyFull,
              at(24, 21, 0),
              SINCE,
              at(23, 21, 0),
              at(20, 21, 0),
              at(20, 21, 0),
              Duration.ofDays(7));

      assertThat(due.level()).isEqualTo(Level.INCREMENTAL);
    }
  }
}
