package it.continuo.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.config.Config;
import it.continuo.config.ConfigLoader;
import it.continuo.history.History;
import it.continuo.history.NightlyCheck;
import it.continuo.schedule.JobSchedule;
import it.continuo.schedule.Task;
import it.continuo.status.RunSummary;
import it.continuo.status.VerificationSummary;
import it.continuo.testing.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A week of the office's schedules, with an injected clock: every fire Quartz would make is handed
 * to the daemon's dispatcher at its time, which runs real backups to a local target and records
 * them in the history.
 */
class ScheduledWeekTest {
  static final ZoneId ROME = ZoneId.of("Europe/Rome");

  @TempDir Path dir;

  /** The newest verification on each target at the end of the simulated weeks. */
  List<VerificationSummary> verifications;

  /** The nightly checks recorded during the simulated weeks, oldest first. */
  List<NightlyCheck> nightlyChecks;

  /** Sunday 22 November 2026, 00:00 in Rome, to Saturday 28, 23:59. */
  static final Instant WEEK_START = ZonedDateTime.of(2026, 11, 22, 0, 0, 0, 0, ROME).toInstant();

  static final Instant WEEK_END = WEEK_START.plusSeconds(7 * 24 * 3600 - 60);

  @Test
  void aWeekGivesOneFullOnSundayAndSixIncrementalsAtTheConfiguredTimes() throws Exception {
    List<String> runs = week("0 0 21 ? * SUN", "0 0 21 ? * MON-SAT", false, 1, "");

    assertThat(runs)
        .containsExactly(
            "20261122T200000Z-F",
            "20261123T200000Z-I",
            "20261124T200000Z-I",
            "20261125T200000Z-I",
            "20261126T200000Z-I",
            "20261127T200000Z-I",
            "20261128T200000Z-I");
  }

  @Test
  void aFullAndAnIncrementalAtTheSameMinuteGiveOneFull() throws Exception {
    // The incremental fires every night, Sunday included, and is handed over before the full.
    List<String> runs = week("0 0 21 ? * SUN", "0 0 21 ? * *", true, 1, "");

    assertThat(runs).hasSize(7);
    assertThat(runs.get(0)).isEqualTo("20261122T200000Z-F");
    assertThat(runs.subList(1, 7)).allMatch(r -> r.endsWith("-I"));
  }

  @Test
  void retentionAfterEachRunDeletesTheChainThatNoRuleKeepsAnyMore() throws Exception {
    List<String> runs =
        week("0 0 21 ? * SUN", "0 0 21 ? * MON-SAT", false, 2, "keep: { fulls: 1 }");

    // The second Sunday's full starts a new chain; the first week's whole chain then goes.
    assertThat(runs).hasSize(7);
    assertThat(runs.get(0)).isEqualTo("20261129T200000Z-F");
  }

  @Test
  void theVerifyScheduleChecksTheNewestChainEveryMorning() throws Exception {
    week("0 0 21 ? * SUN", "0 0 21 ? * MON-SAT", false, 1, "verify: \"0 0 6 ? * *\"");

    // The last morning of the week, Saturday at 6:00, checks Friday night's run and the runs it
    // needs: its whole chain, from Sunday's full.
    assertThat(verifications).hasSize(1);
    VerificationSummary v = verifications.get(0);
    assertThat(v.target()).isEqualTo("nas");
    assertThat(v.run())
        .isIn(
            "20261122T200000Z-F",
            "20261123T200000Z-I",
            "20261124T200000Z-I",
            "20261125T200000Z-I",
            "20261126T200000Z-I",
            "20261127T200000Z-I");
    assertThat(v.ok()).isTrue();
    assertThat(v.at()).isEqualTo(ZonedDateTime.of(2026, 11, 28, 6, 0, 0, 0, ROME).toInstant());

    // Each morning's nightly check is recorded: everything stored is covered, Friday night's run
    // is the newest verified point, and a sample of it was restored and found equal.
    assertThat(nightlyChecks).isNotEmpty().allMatch(NightlyCheck::ok);
    NightlyCheck last = nightlyChecks.get(nightlyChecks.size() - 1);
    assertThat(last.started())
        .isEqualTo(ZonedDateTime.of(2026, 11, 28, 6, 0, 0, 0, ROME).toInstant());
    assertThat(last.target()).isEqualTo("nas");
    assertThat(last.storedRuns()).isEqualTo(6);
    assertThat(last.coverage()).isEqualTo(1.0);
    assertThat(last.verifiedRun()).isEqualTo("20261127T200000Z-I");
    assertThat(last.testRestore()).isNotNull();
    assertThat(last.testRestore().files()).isEqualTo(1);
    assertThat(last.testRestore().ok()).isTrue();
  }

  @Test
  void aHistoryThatCannotBeReadDoesNotCostTheBackup() throws Exception {
    week("0 0 21 ? * SUN", "0 0 21 ? * MON-SAT", false, 0, ""); // writes the configuration
    Config config = new ConfigLoader().load(dir.resolve("continuo.yaml"));
    String url = "jdbc:h2:mem:broken-history;DB_CLOSE_DELAY=-1";
    try (History history = History.open(url, "sa", "");
        java.sql.Connection sql = java.sql.DriverManager.getConnection(url, "sa", "")) {
      sql.createStatement().execute("DROP ALL OBJECTS"); // the tables are gone
      Instant monday = ZonedDateTime.of(2026, 11, 23, 21, 0, 0, 0, ROME).toInstant();
      Dispatcher dispatcher =
          new Dispatcher(() -> config, history, new TestClock(monday), "test", new RunGate(2));

      dispatcher.fire("docs-nas", Task.INCREMENTAL, monday, WEEK_START, false);
    }
    assertThat(runsOnTarget()).containsExactly("20261123T200000Z-F");
  }

  /**
   * Fires every trigger of the week at its time and returns the runs on the target.
   *
   * @param incrementalFirst at equal times, hand over the incremental's fire before the full's
   */
  List<String> week(
      String full, String incremental, boolean incrementalFirst, int weeks, String jobExtra)
      throws Exception {
    Path source = Files.createDirectories(dir.resolve("source"));
    Files.writeString(source.resolve("fattura.txt"), "fattura 1\n");
    Files.createDirectories(dir.resolve("nas"));
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
          docs-nas:
            source: docs
            target: nas
            full: "%s"
            incremental: "%s"
            %s
        """
            .formatted(
                dir.resolve("data"), source, dir.resolve("nas"), full, incremental, jobExtra));
    Config config = new ConfigLoader().load(file);
    JobSchedule schedule = new JobSchedule(config.job("docs-nas"), ROME);
    record Fire(Instant at, Task task) {}
    List<Fire> fires = new ArrayList<>();
    for (Task task : schedule.tasks()) {
      schedule
          .times(task, WEEK_START, WEEK_END.plus(java.time.Duration.ofDays(7L * (weeks - 1))))
          .forEach(t -> fires.add(new Fire(t, task)));
    }
    Comparator<Fire> order = Comparator.comparing(Fire::at);
    fires.sort(
        order.thenComparing(f -> (f.task() == Task.INCREMENTAL) == incrementalFirst ? 0 : 1));

    TestClock clock = new TestClock(WEEK_START);
    try (History history = History.open(config.agent().dataDir())) {
      Dispatcher dispatcher = new Dispatcher(() -> config, history, clock, "test", new RunGate(2));
      for (Fire f : fires) {
        clock.set(f.at());
        Files.writeString(source.resolve("fattura.txt"), "fattura del " + f.at() + "\n");
        dispatcher.fire("docs-nas", f.task(), f.at(), WEEK_START, false);
      }
      List<RunSummary> recorded = history.runsSince("docs-nas", WEEK_START);
      if (weeks == 0) {
        return List.of();
      }
      assertThat(recorded).hasSize(7 * weeks).allMatch(r -> r.outcome().equals("success"));
      assertThat(recorded).allMatch(r -> r.trigger().equals("schedule"));
      verifications = history.lastVerifications("docs-nas");
      nightlyChecks = history.nightlyChecks("docs-nas", WEEK_START);
    }
    return runsOnTarget();
  }

  List<String> runsOnTarget() throws Exception {
    try (Stream<Path> files = Files.list(dir.resolve("nas/ufficio/docs-nas"))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".manifest.jsonl.zst"))
          .map(n -> n.substring(0, n.indexOf('.')))
          .sorted()
          .toList();
    }
  }
}
