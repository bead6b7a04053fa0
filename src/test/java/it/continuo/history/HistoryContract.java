package it.continuo.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.continuo.backup.BackupResult;
import it.continuo.backup.Outcome;
import it.continuo.backup.TargetResult;
import it.continuo.catalog.Verification;
import it.continuo.health.Severity;
import it.continuo.status.RunSummary;
import it.continuo.status.TargetOutcome;
import it.continuo.status.VerificationSummary;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every history database must do, H2 and PostgreSQL alike. Each test starts with an empty
 * database.
 */
abstract class HistoryContract {
  static final String JOB = "gestionale-nas";
  static final Instant T0 = Instant.parse("2026-11-23T21:00:00Z");

  /** Opens the empty database this test uses (the same one each time it is called). */
  abstract History open() throws Exception;

  /** A plain JDBC connection to the same database, to look at its tables. */
  abstract Connection connect() throws Exception;

  History history;

  @BeforeEach
  void openHistory() throws Exception {
    history = open();
  }

  @AfterEach
  void closeHistory() {
    if (history != null) {
      history.close();
    }
  }

  static BackupResult result(String run, String level, Outcome outcome, String error) {
    return new BackupResult(
        JOB,
        "nas,cloud",
        run,
        level,
        outcome,
        error,
        3,
        2,
        10,
        1,
        20,
        4096,
        2048,
        Duration.ofSeconds(42),
        0,
        List.of(),
        List.of(),
        List.of(),
        List.of(
            new TargetResult("nas", true, null, 2100),
            new TargetResult("cloud", outcome != Outcome.FAILED, error, 2200)));
  }

  /** A run that started at {@code start} and ended a minute later with {@code outcome}. */
  long ran(String job, String level, Instant start, Outcome outcome) throws Exception {
    long id = history.runStarted(job, "schedule", level, start, start, null);
    String run = runId(start, level);
    history.runEnded(id, result(run, level, outcome, null), start.plusSeconds(60));
    return id;
  }

  static String runId(Instant start, String level) {
    return new it.continuo.catalog.RunId(start, it.continuo.catalog.Level.ofWord(level)).toString();
  }

  int count(String sql) throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getInt(1);
    }
  }

  @Nested
  @DisplayName("a run")
  class Runs {
    @Test
    @DisplayName("is running from its start, with its trigger, level and scheduled time")
    void started() throws Exception {
      history.runStarted(JOB, "catch-up", "full", T0, T0.minusSeconds(3600), "catch-up of 1");

      RunSummary r = history.running(JOB).orElseThrow();
      assertThat(r.outcome()).isEqualTo("running");
      assertThat(r.trigger()).isEqualTo("catch-up");
      assertThat(r.level()).isEqualTo("full");
      assertThat(r.start()).isEqualTo(T0);
      assertThat(r.end()).isNull();
      assertThat(r.duration()).isNull();
      assertThat(r.run()).isNull();
      assertThat(r.targets()).isEmpty();
      assertThat(history.lastRun(JOB)).isEmpty();
    }

    @Test
    @DisplayName("ends with the result's outcome, run id, level, counts and each target in order")
    void ended() throws Exception {
      long id = history.runStarted(JOB, "cli", "incremental", T0, null, null);
      history.runEnded(
          id,
          result("20261123T210000Z-F", "full", Outcome.FAILED, "cloud: connection refused"),
          T0.plusSeconds(42));

      assertThat(history.running(JOB)).isEmpty();
      RunSummary r = history.lastRun(JOB).orElseThrow();
      assertThat(r.run()).isEqualTo("20261123T210000Z-F");
      assertThat(r.level()).as("the level the engine chose").isEqualTo("full");
      assertThat(r.outcome()).isEqualTo("failed");
      assertThat(r.trigger()).isEqualTo("cli");
      assertThat(r.end()).isEqualTo(T0.plusSeconds(42));
      assertThat(r.duration()).isEqualTo(Duration.ofSeconds(42));
      assertThat(r.files()).as("new + changed + unchanged").isEqualTo(15);
      assertThat(r.bytesRead()).isEqualTo(4096);
      assertThat(r.archiveBytes()).isEqualTo(2048);
      assertThat(r.error()).isEqualTo("cloud: connection refused");
      assertThat(r.targets())
          .containsExactly(
              new TargetOutcome("nas", true, 2100, null),
              new TargetOutcome("cloud", false, 2200, "cloud: connection refused"));
    }

    @Test
    @DisplayName("keeps the first 4000 characters of a long error")
    void longError() throws Exception {
      long id = history.runStarted(JOB, "cli", "full", T0, null, null);
      String error = "x".repeat(10_000);
      history.runEnded(id, result(null, "full", Outcome.FAILED, error), T0.plusSeconds(1));

      String stored = history.lastRun(JOB).orElseThrow().error();
      assertThat(stored).hasSize(4000).startsWith("x".repeat(3999)).endsWith("…");
      assertThat(history.lastRun(JOB).orElseThrow().targets().get(1).error()).hasSize(4000);
    }

    @Test
    @DisplayName("keeps what it could not read: counts, and the first 20 lines of warnings")
    void warnings() throws Exception {
      List<String> unreadable = new java.util.ArrayList<>();
      for (int i = 0; i < 15; i++) {
        unreadable.add("srv/locked-" + i + ".db: Permission denied");
      }
      List<String> changed =
          List.of("srv/a.log", "srv/b.log", "srv/c.log", "srv/d.log", "srv/e.log", "srv/f.log");
      BackupResult partial = result("20261123T210000Z-I", "incremental", Outcome.PARTIAL, null);
      BackupResult r =
          new BackupResult(
              partial.job(),
              partial.target(),
              partial.run(),
              partial.level(),
              partial.outcome(),
              null,
              3,
              2,
              10,
              1,
              20,
              4096,
              2048,
              Duration.ofSeconds(42),
              17,
              unreadable,
              changed,
              List.of(),
              partial.targets());
      long id = history.runStarted(JOB, "cli", "incremental", T0, null, null);
      history.runEnded(id, r, T0.plusSeconds(42));

      RunSummary s = history.lastRun(JOB).orElseThrow();
      assertThat(s.unreadable()).isEqualTo(17);
      assertThat(s.changedWhileRead()).isEqualTo(6);
      assertThat(s.warnings())
          .hasSize(20)
          .startsWith("cannot read srv/locked-0.db: Permission denied")
          .contains("cannot read srv/locked-14.db: Permission denied")
          .endsWith("changed while read: srv/e.log");
    }

    @Test
    @DisplayName("that read everything has no warnings")
    void noWarnings() throws Exception {
      ran(JOB, "full", T0, Outcome.SUCCESS);
      RunSummary s = history.lastRun(JOB).orElseThrow();
      assertThat(s.unreadable()).isZero();
      assertThat(s.changedWhileRead()).isZero();
      assertThat(s.warnings()).isEmpty();
    }

    @Test
    @DisplayName("that is not in the history cannot be ended")
    void unknown() {
      assertThatThrownBy(
              () -> history.runEnded(4242, result(null, "full", Outcome.FAILED, "x"), T0))
          .isInstanceOf(HistoryException.class)
          .hasMessageContaining("4242");
    }

    @Test
    @DisplayName("that never started after all (the job's lock was held) is forgotten")
    void notStarted() throws Exception {
      long id = history.runStarted(JOB, "cli", "full", T0, null, null);
      history.runNotStarted(id);
      assertThat(history.running(JOB)).isEmpty();
      assertThat(history.runsSince(JOB, Instant.EPOCH)).isEmpty();
    }
  }

  @Nested
  @DisplayName("the runs of a job")
  class Queries {
    @Test
    @DisplayName("last run: the newest that ended, whatever its outcome; never a running one")
    void lastRun() throws Exception {
      ran(JOB, "full", T0, Outcome.SUCCESS);
      ran(JOB, "incremental", T0.plusSeconds(86_400), Outcome.FAILED);
      history.runStarted(JOB, "schedule", "incremental", T0.plusSeconds(2 * 86_400), null, null);

      assertThat(history.lastRun(JOB).orElseThrow().outcome()).isEqualTo("failed");
      assertThat(history.lastRun(JOB).orElseThrow().start()).isEqualTo(T0.plusSeconds(86_400));
    }

    @Test
    @DisplayName("last success: the newest success or partial")
    void lastSuccess() throws Exception {
      ran(JOB, "full", T0, Outcome.SUCCESS);
      ran(JOB, "incremental", T0.plusSeconds(86_400), Outcome.PARTIAL);
      ran(JOB, "incremental", T0.plusSeconds(2 * 86_400), Outcome.FAILED);

      RunSummary s = history.lastSuccess(JOB).orElseThrow();
      assertThat(s.outcome()).isEqualTo("partial");
      assertThat(s.start()).isEqualTo(T0.plusSeconds(86_400));
    }

    @Test
    @DisplayName("last full start: the newest full that stored a restore point")
    void lastFull() throws Exception {
      assertThat(history.lastFullStart(JOB)).isEmpty();
      ran(JOB, "full", T0, Outcome.PARTIAL);
      ran(JOB, "incremental", T0.plusSeconds(86_400), Outcome.SUCCESS);
      ran(JOB, "full", T0.plusSeconds(2 * 86_400), Outcome.FAILED);

      assertThat(history.lastFullStart(JOB)).contains(T0);
    }

    @Test
    @DisplayName("runs since: by start, newest first, any outcome, none before the bound")
    void since() throws Exception {
      ran(JOB, "full", T0, Outcome.SUCCESS);
      ran(JOB, "incremental", T0.plusSeconds(86_400), Outcome.FAILED);
      history.runStarted(JOB, "schedule", "incremental", T0.plusSeconds(2 * 86_400), null, null);

      assertThat(history.runsSince(JOB, T0.plusSeconds(1)))
          .extracting(RunSummary::outcome)
          .containsExactly("running", "failed");
      assertThat(history.runsSince(JOB, T0)).hasSize(3);
    }

    @Test
    @DisplayName("never include another job's runs")
    void otherJobs() throws Exception {
      ran("other", "full", T0, Outcome.SUCCESS);
      history.runStarted("other", "schedule", "incremental", T0.plusSeconds(60), null, null);

      assertThat(history.lastRun(JOB)).isEmpty();
      assertThat(history.lastSuccess(JOB)).isEmpty();
      assertThat(history.running(JOB)).isEmpty();
      assertThat(history.runsSince(JOB, Instant.EPOCH)).isEmpty();
      assertThat(history.lastFullStart(JOB)).isEmpty();
    }
  }

  @Nested
  @DisplayName("interrupting running runs")
  class Interrupt {
    @Test
    @DisplayName("marks every running run interrupted, with why, and returns them")
    void interrupts() throws Exception {
      ran(JOB, "full", T0, Outcome.SUCCESS);
      history.runStarted(JOB, "schedule", "incremental", T0.plusSeconds(86_400), null, null);
      history.runStarted("other", "cli", "full", T0.plusSeconds(90_000), null, null);

      List<RunSummary> interrupted =
          history.interruptRunning(T0.plusSeconds(100_000), "the daemon stopped while it ran");

      assertThat(interrupted)
          .extracting(RunSummary::outcome, RunSummary::error, RunSummary::end)
          .containsOnly(
              org.assertj.core.groups.Tuple.tuple(
                  "interrupted", "the daemon stopped while it ran", null));
      assertThat(interrupted)
          .extracting(RunSummary::start)
          .containsExactlyInAnyOrder(T0.plusSeconds(86_400), T0.plusSeconds(90_000));
      assertThat(history.running(JOB)).isEmpty();
      assertThat(history.lastRun(JOB).orElseThrow().outcome()).isEqualTo("interrupted");
      assertThat(history.lastSuccess(JOB).orElseThrow().start()).isEqualTo(T0);
      assertThat(history.interruptRunning(T0.plusSeconds(100_001), "again")).isEmpty();
    }

    @Test
    @DisplayName("leaves the real end to a run that ends after all")
    void endsAfterAll() throws Exception {
      long id = history.runStarted(JOB, "cli", "full", T0, null, null);
      history.interruptRunning(T0.plusSeconds(10), "daemon started");
      history.runEnded(
          id, result("20261123T210000Z-F", "full", Outcome.SUCCESS, null), T0.plusSeconds(60));

      RunSummary r = history.lastRun(JOB).orElseThrow();
      assertThat(r.outcome()).isEqualTo("success");
      assertThat(r.error()).isNull();
      assertThat(r.end()).isEqualTo(T0.plusSeconds(60));
    }
  }

  @Nested
  @DisplayName("instants")
  class Instants {
    @Test
    @DisplayName("come back exactly, to the microsecond, whatever the zone")
    void roundTrip() throws Exception {
      Instant start = Instant.parse("2026-03-29T00:59:59.123456Z"); // Rome's DST change
      Instant end = Instant.parse("2026-03-29T01:00:00.999999Z");
      long id = history.runStarted(JOB, "cli", "full", start, start.minusNanos(1000), null);
      history.runEnded(id, result(null, "full", Outcome.FAILED, "x"), end);

      RunSummary r = history.lastRun(JOB).orElseThrow();
      assertThat(r.start()).isEqualTo(start);
      assertThat(r.end()).isEqualTo(end);
      assertThat(r.duration()).isEqualTo(Duration.between(start, end));
    }

    @Test
    @DisplayName("below the microsecond are cut, the same on every database")
    void nanos() throws Exception {
      Instant at = Instant.parse("2026-11-23T21:00:00.123456789Z");
      history.event(at, "daemon", null, "info", "started");
      assertThat(history.events(Instant.EPOCH, 10).get(0).at())
          .isEqualTo(Instant.parse("2026-11-23T21:00:00.123456Z"));
    }
  }

  @Nested
  @DisplayName("verifications")
  class Verifications {
    Verification verification(String run, Instant at, boolean ok) {
      return new Verification(
          run,
          at,
          ok,
          12,
          3456,
          ok ? List.of() : List.of("docs/a.txt: SHA-256 differs", "docs/b.txt: missing"),
          ok ? 0 : 2,
          List.of());
    }

    @Test
    @DisplayName("the newest one on each target is the last verification")
    void newestPerTarget() throws Exception {
      history.verification(JOB, "nas", verification("20261123T210000Z-F", T0, true));
      history.verification(
          JOB, "nas", verification("20261124T210000Z-I", T0.plusSeconds(86_400), false));
      history.verification(JOB, "cloud", verification("20261123T210000Z-F", T0, true));
      history.verification("other", "nas", verification("x", T0.plusSeconds(99_999), true));

      assertThat(history.lastVerifications(JOB))
          .containsExactly(
              new VerificationSummary("cloud", "20261123T210000Z-F", T0, true, 0, 3456),
              new VerificationSummary(
                  "nas", "20261124T210000Z-I", T0.plusSeconds(86_400), false, 2, 3456));
    }

    @Test
    @DisplayName("the same verification recorded twice is kept once")
    void once() throws Exception {
      Verification v = verification("20261123T210000Z-F", T0, true);
      history.verification(JOB, "nas", v);
      history.verification(JOB, "nas", v);
      assertThat(count("SELECT COUNT(*) FROM verifications")).isEqualTo(1);
    }
  }

  @Nested
  @DisplayName("prunes and events")
  class PrunesAndEvents {
    @Test
    @DisplayName("a prune keeps the runs it deleted, whether it was a dry run, and its error")
    void prune() throws Exception {
      history.prune(
          JOB, "nas", List.of("20261101T210000Z-F", "20261102T210000Z-I"), false, T0, null);
      history.prune(JOB, "cloud", List.of(), true, T0.plusSeconds(1), "cloud: timeout");

      assertThat(history.prunes(JOB, T0))
          .containsExactly(
              new PruneRecord(T0.plusSeconds(1), JOB, "cloud", List.of(), true, "cloud: timeout"),
              new PruneRecord(
                  T0,
                  JOB,
                  "nas",
                  List.of("20261101T210000Z-F", "20261102T210000Z-I"),
                  false,
                  null));
      assertThat(history.prunes(JOB, T0.plusSeconds(1))).hasSize(1);
    }

    @Test
    @DisplayName("events come newest first, from a time on, at most so many")
    void events() throws Exception {
      history.event(T0, "daemon", null, "info", "started");
      history.event(T0.plusSeconds(1), "catch-up", JOB, "warn", "catch-up of 3 missed runs");
      history.event(T0.plusSeconds(2), "reload", null, "info", "configuration reloaded");

      assertThat(history.events(T0, 2))
          .containsExactly(
              new HistoryEvent(T0.plusSeconds(2), "reload", null, "info", "configuration reloaded"),
              new HistoryEvent(
                  T0.plusSeconds(1), "catch-up", JOB, "warn", "catch-up of 3 missed runs"));
      assertThat(history.events(T0.plusSeconds(2), 10)).hasSize(1);
    }
  }

  static NightlyCheck nightly(String target, Instant started, boolean restore) {
    return new NightlyCheck(
        JOB,
        target,
        started,
        started.plusSeconds(600),
        null,
        3,
        30_000_000,
        1,
        List.of(
            "20261122T210000Z-F: m/big.bin: content does not match its SHA-256",
            "20261122T210000Z-F: archive does not match its recorded SHA-256"),
        12,
        200_000_000,
        150_000_000,
        7,
        "20261121T210000Z-I",
        Instant.parse("2026-11-21T21:00:00Z"),
        120_000_000,
        restore
            ? new NightlyCheck.TestRestore(
                "20261121T210000Z-I",
                10,
                5_000_000,
                80_000_000,
                4_000,
                false,
                List.of("docs/a.txt (run 20261120T210000Z-F): restored content differs"))
            : null);
  }

  @Nested
  @DisplayName("nightly checks")
  class NightlyChecks {
    @Test
    @DisplayName("keep every field, the test restore and the lines of problems")
    void roundTrip() throws Exception {
      NightlyCheck n = nightly("nas", T0, true);
      history.nightlyCheck(n);

      assertThat(history.nightlyChecks(JOB, T0)).containsExactly(n);
      assertThat(history.lastNightlyChecks(JOB)).containsExactly(n);
    }

    @Test
    @DisplayName("without a test restore, or that could not read the target, read back as such")
    void partial() throws Exception {
      NightlyCheck none = nightly("nas", T0, false);
      NightlyCheck failed =
          new NightlyCheck(
              JOB,
              "cloud",
              T0,
              T0.plusSeconds(2),
              "cannot open target cloud: refused",
              0,
              0,
              0,
              List.of(),
              0,
              0,
              0,
              7,
              null,
              null,
              0,
              null);
      history.nightlyCheck(none);
      history.nightlyCheck(failed);

      assertThat(history.nightlyChecks(JOB, T0)).containsExactly(failed, none);
      assertThat(failed.ok()).isFalse();
    }

    @Test
    @DisplayName("since a time are listed oldest first, on every target; the last is per target")
    void listed() throws Exception {
      NightlyCheck nas1 = nightly("nas", T0, true);
      NightlyCheck cloud1 = nightly("cloud", T0.plusSeconds(60), false);
      NightlyCheck nas2 = nightly("nas", T0.plusSeconds(86_400), false);
      NightlyCheck cloud2 = nightly("cloud", T0.plusSeconds(86_460), true);
      NightlyCheck other =
          new NightlyCheck(
              "other-job",
              "nas",
              T0.plusSeconds(90_000),
              T0.plusSeconds(90_001),
              null,
              0,
              0,
              0,
              List.of(),
              0,
              0,
              0,
              7,
              null,
              null,
              0,
              null);
      for (NightlyCheck n : List.of(nas2, cloud1, other, cloud2, nas1)) {
        history.nightlyCheck(n);
      }

      assertThat(history.nightlyChecks(JOB, T0)).containsExactly(nas1, cloud1, nas2, cloud2);
      assertThat(history.nightlyChecks(JOB, T0.plusSeconds(3600))).containsExactly(nas2, cloud2);
      assertThat(history.lastNightlyChecks(JOB)).containsExactly(cloud2, nas2);
      assertThat(history.lastNightlyChecks("nobody")).isEmpty();
    }

    @Test
    @DisplayName("are recorded once: the same job, target and start again is ignored")
    void once() throws Exception {
      history.nightlyCheck(nightly("nas", T0, true));
      history.nightlyCheck(nightly("nas", T0, true));

      assertThat(history.nightlyChecks(JOB, Instant.EPOCH)).hasSize(1);
    }
  }

  @Nested
  @DisplayName("incidents")
  class Incidents {
    @Test
    @DisplayName("come back as opened, with their messages, each delivery and failure")
    void roundTrip() throws Exception {
      long id = history.openIncident("raid:md0", "raid", "md0", Severity.WARN, "md0 degraded", T0);
      long first = history.notificationDue(id, "sysadmin", 0, "opened", Severity.WARN, T0);
      long second = history.notificationDue(id, "rco", 1, "escalated", Severity.WARN, T0);
      history.notificationSent(first, T0.plusSeconds(1));
      history.notificationFailed(second, "cannot connect to 127.0.0.1:9", false);
      history.incidentSeen(
          id, Severity.CRITICAL, Severity.CRITICAL, "md0 on one disk", T0.plusSeconds(60));

      Incident i = history.openIncidents().get(0);
      assertThat(i.id()).isEqualTo(id);
      assertThat(i.key()).isEqualTo("raid:md0");
      assertThat(i.check()).isEqualTo("raid");
      assertThat(i.subject()).isEqualTo("md0");
      assertThat(i.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(i.alertedSeverity()).isEqualTo(Severity.CRITICAL);
      assertThat(i.message()).isEqualTo("md0 on one disk");
      assertThat(i.opened()).isEqualTo(T0);
      assertThat(i.lastSeen()).isEqualTo(T0.plusSeconds(60));
      assertThat(i.open()).isTrue();
      assertThat(i.ack()).isNull();
      assertThat(i.notifications())
          .containsExactly(
              new Incident.Notification(
                  first,
                  "sysadmin",
                  0,
                  "opened",
                  Severity.WARN,
                  T0,
                  T0.plusSeconds(1),
                  1,
                  null,
                  false),
              new Incident.Notification(
                  second,
                  "rco",
                  1,
                  "escalated",
                  Severity.WARN,
                  T0,
                  null,
                  1,
                  "cannot connect to 127.0.0.1:9",
                  false));
      assertThat(i.notifications().get(1).pending()).isTrue();
    }

    @Test
    @DisplayName("resolved, leave the open ones, give up undelivered messages but the recovery")
    void resolve() throws Exception {
      long id = history.openIncident("disk:/srv", "disk", "/srv", Severity.WARN, "91% full", T0);
      long undelivered = history.notificationDue(id, "rco", 1, "escalated", Severity.WARN, T0);
      long recovery = history.notificationDue(id, "sysadmin", -1, "resolved", Severity.WARN, T0);
      history.resolveIncident(id, T0.plusSeconds(3600));

      assertThat(history.openIncidents()).isEmpty();
      Incident i = history.incidents(T0).get(0);
      assertThat(i.resolved()).isEqualTo(T0.plusSeconds(3600));
      assertThat(i.notifications())
          .filteredOn(n -> n.id() == undelivered)
          .singleElement()
          .satisfies(n -> assertThat(n.givenUp()).isTrue());
      assertThat(i.notifications())
          .filteredOn(n -> n.id() == recovery)
          .singleElement()
          .satisfies(n -> assertThat(n.pending()).isTrue());
      assertThat(history.incidents(T0.plusSeconds(3601))).isEmpty();
    }

    @Test
    @DisplayName("listed: every open one and those resolved since the bound, newest first")
    void listed() throws Exception {
      long old = history.openIncident("a", "a", "", Severity.WARN, "a", T0);
      history.resolveIncident(old, T0.plusSeconds(10));
      history.openIncident("b", "b", "", Severity.WARN, "b", T0.plusSeconds(20));
      long recent = history.openIncident("c", "c", "", Severity.CRITICAL, "c", T0.plusSeconds(30));
      history.resolveIncident(recent, T0.plusSeconds(100));

      assertThat(history.incidents(T0.plusSeconds(50)))
          .extracting(Incident::key)
          .containsExactly("c", "b");
      assertThat(history.openIncidents()).extracting(Incident::key).containsExactly("b");
    }

    @Test
    @DisplayName("acknowledged: who, when and the note; only an open one")
    void acknowledge() throws Exception {
      history.openIncident(
          "ups:ups@127.0.0.1", "ups", "ups@127.0.0.1", Severity.CRITICAL, "OB", T0);
      Incident i =
          history
              .acknowledge("ups:ups@127.0.0.1", "mrossi", T0.plusSeconds(5), "generatore avviato")
              .orElseThrow();
      assertThat(i.ack())
          .isEqualTo(
              new Incident.Acknowledgement("mrossi", T0.plusSeconds(5), "generatore avviato"));
      assertThat(history.openIncidents().get(0).ack()).isEqualTo(i.ack());
      assertThat(history.acknowledge("nothing", "mrossi", T0, null)).isEmpty();
    }
  }

  @Nested
  @DisplayName("failover runs")
  class FailoverRuns {
    FailoverRecord drill(Instant started) {
      return new FailoverRecord(
          0,
          "uno",
          "Gestionale Uno",
          "drill",
          "rossi",
          started,
          started.plusSeconds(40),
          "succeeded",
          Duration.ofSeconds(3),
          Duration.ofSeconds(21),
          Duration.ofHours(1),
          Duration.ofHours(4),
          "primario → secondario",
          false,
          "succeeded",
          "every step succeeded; failed back to primario",
          null,
          List.of(
              new FailoverRecord.Step(
                  1,
                  "run",
                  0,
                  "ssh",
                  "start uno",
                  "ssh secondario: systemctl start uno",
                  started,
                  started.plusSeconds(2),
                  "ok",
                  1,
                  List.of("exit 0", "exit=0"),
                  null),
              new FailoverRecord.Step(
                  2,
                  "undo",
                  0,
                  "ssh",
                  "start uno",
                  "ssh secondario: systemctl stop uno",
                  started.plusSeconds(30),
                  started.plusSeconds(31),
                  "failed",
                  2,
                  List.of(),
                  "the command exited with status 3")));
    }

    @Test
    @DisplayName("a run is recorded with its timeline and read back as it was")
    void roundTrip() throws Exception {
      FailoverRecord run = drill(T0);
      long id = history.recordFailover(run);
      FailoverRecord back = history.failoverRun(id).orElseThrow();
      assertThat(back.id()).isEqualTo(id);
      assertThat(back).usingRecursiveComparison().ignoringFields("id").isEqualTo(run);
      assertThat(history.failoverRun(id + 1000)).isEmpty();
    }

    @Test
    @DisplayName("runs since a time, newest first, without steps; nulls stay null; the report path")
    void since() throws Exception {
      long old = history.recordFailover(drill(T0.minus(Duration.ofDays(400))));
      FailoverRecord refused =
          new FailoverRecord(
              0,
              "uno",
              "Gestionale Uno",
              "execute",
              "detection",
              T0,
              T0,
              "refused",
              null,
              null,
              Duration.ofHours(1),
              Duration.ofHours(4),
              "primario → secondario",
              false,
              null,
              "another failover is running",
              null,
              List.of());
      long a = history.recordFailover(drill(T0.minusSeconds(60)));
      long b = history.recordFailover(refused);
      history.failoverReport(a, "/var/lib/continuo/reports/drill-1.html");
      List<FailoverRecord> runs = history.failoverRuns(T0.minus(Duration.ofDays(1)));
      assertThat(runs).extracting(FailoverRecord::id).containsExactly(b, a);
      assertThat(runs.get(0).rpo()).isNull();
      assertThat(runs.get(0).failback()).isNull();
      assertThat(runs.get(0).steps()).isEmpty();
      assertThat(runs.get(1).reportPath()).isEqualTo("/var/lib/continuo/reports/drill-1.html");
      assertThat(history.failoverRuns(Instant.EPOCH)).extracting(FailoverRecord::id).contains(old);
    }
  }

  @Nested
  @DisplayName("the schema")
  class SchemaVersions {
    @Test
    @DisplayName("is applied once: opening again changes nothing and keeps what is there")
    void once() throws Exception {
      ran(JOB, "full", T0, Outcome.SUCCESS);
      history.close();
      history = open();
      history.close();
      history = open();

      assertThat(count("SELECT COUNT(*) FROM schema_version")).isEqualTo(History.schemaVersion());
      assertThat(count("SELECT MAX(version) FROM schema_version"))
          .isEqualTo(History.schemaVersion());
      assertThat(history.lastRun(JOB)).isPresent();
    }

    @Test
    @DisplayName("newer than this software is refused, not touched")
    void newer() throws Exception {
      try (Connection c = connect();
          Statement s = c.createStatement()) {
        s.execute(
            "INSERT INTO schema_version (version, applied_at) VALUES (999, CURRENT_TIMESTAMP)");
      }
      history.close();
      history = null;
      assertThatThrownBy(this::reopen)
          .isInstanceOf(HistoryException.class)
          .hasMessageContaining("schema version 999");
    }

    @Test
    @DisplayName("at version 1 is brought to the latest in place, keeping its runs")
    void upgradesVersion1() throws Exception {
      history.close();
      history = null;
      try (Connection c = connect()) {
        for (String table :
            List.of(
                "nightly_checks",
                "pruned_runs",
                "prunes",
                "events",
                "verifications",
                "run_targets",
                "runs",
                "schema_version")) {
          execute(c, "DROP TABLE IF EXISTS " + table + " CASCADE");
        }
        String v1;
        try (var in = Schema.class.getResourceAsStream("schema-1.sql")) {
          v1 = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        for (String sql : Schema.statements(v1)) {
          execute(c, sql);
        }
        execute(
            c,
            "CREATE TABLE schema_version (version INTEGER PRIMARY KEY,"
                + " applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        execute(
            c, "INSERT INTO schema_version (version, applied_at) VALUES (1, CURRENT_TIMESTAMP)");
        execute(
            c,
            "INSERT INTO runs (job, run_id, run_level, outcome, run_trigger, started_at, ended_at,"
                + " files, bytes_read, archive_bytes) VALUES ('"
                + JOB
                + "', '20261123T210000Z-F', 'full', 'success', 'schedule',"
                + " TIMESTAMP WITH TIME ZONE '2026-11-23 21:00:00+00',"
                + " TIMESTAMP WITH TIME ZONE '2026-11-23 21:01:00+00', 5, 100, 50)");
      }

      history = open();

      assertThat(count("SELECT MAX(version) FROM schema_version"))
          .isEqualTo(History.schemaVersion());
      RunSummary old = history.lastRun(JOB).orElseThrow();
      assertThat(old.run()).isEqualTo("20261123T210000Z-F");
      assertThat(old.files()).isEqualTo(5);
      assertThat(old.unreadable()).isZero();
      assertThat(old.changedWhileRead()).isZero();
      assertThat(old.warnings()).isEmpty();
      ran(JOB, "incremental", T0.plusSeconds(86_400), Outcome.PARTIAL);
      history.nightlyCheck(nightly("nas", T0, true));
      assertThat(history.lastNightlyChecks(JOB)).hasSize(1);
      history.openIncident("raid:md0", "raid", "md0", Severity.WARN, "md0 degraded", T0);
      assertThat(history.openIncidents()).hasSize(1);
    }

    @Test
    @DisplayName("version 3 (incidents) run again over itself changes nothing")
    void version3Idempotent() throws Exception {
      history.openIncident("raid:md0", "raid", "md0", Severity.WARN, "md0 degraded", T0);
      String v3;
      try (var in = Schema.class.getResourceAsStream("schema-3.sql")) {
        v3 = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
      try (Connection c = connect()) {
        for (String sql : Schema.statements(v3)) {
          execute(c, sql);
        }
      }
      assertThat(history.openIncidents()).extracting(Incident::key).containsExactly("raid:md0");
    }

    private void reopen() throws Exception {
      open().close();
    }
  }

  static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
