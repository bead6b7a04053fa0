package it.continuo.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.config.Config;
import it.continuo.config.ConfigLoader;
import it.continuo.history.History;
import it.continuo.history.NightlyCheck;
import it.continuo.report.Evidence;
import it.continuo.report.Finding;
import it.continuo.report.Findings;
import it.continuo.report.Rag;
import it.continuo.report.Report;
import it.continuo.report.ReportBuilder;
import it.continuo.report.ReportEngine;
import it.continuo.schedule.JobSchedule;
import it.continuo.schedule.Task;
import it.continuo.testing.TestClock;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A month of the office with an injected clock: every fire Quartz would make (a backup at 01:00 to
 * the NAS and the cloud, the nightly verification at 03:00) is handed to the daemon's dispatcher at
 * its time, which runs real backups and real read-backs and test restores, recorded in the history;
 * the report is then made at chosen moments from that history.
 */
class MonthOfReportsTest {
  static final ZoneId ROME = ZoneId.of("Europe/Rome");
  static final Duration RPO = Duration.ofHours(48);

  @TempDir Path dir;
  Config config;
  History history;
  TestClock clock;

  static Instant at(int day, int hour, int minute, int second) {
    return ZonedDateTime.of(2026, 11, day, hour, minute, second, 0, ROME).toInstant();
  }

  @Test
  void aJobThatStopsTurnsItsServiceAmberThenRedExactlyWhenTheRpoIsExceeded() throws Exception {
    month(1, 22, 20, -1); // backups stop after the night of the 20th; verification goes on

    // Every night verified the new run and tested a restore: green, 5½ hours after the backup.
    Report morning = reportAt(at(20, 6, 30, 0));
    assertThat(morning.summary().overall()).isEqualTo(Rag.GREEN);
    assertThat(morning.services().get(0).achievedRpo()).isEqualTo(Duration.ofMinutes(330));
    assertThat(morning.services().get(0).forecastRestore()).isNotNull();

    // The backup due on the 21st at 01:00 has not started an hour later: amber, in words.
    assertThat(reportAt(at(21, 1, 59, 59)).services().get(0).state()).isEqualTo(Rag.GREEN);
    Report missed = reportAt(at(21, 2, 0, 1));
    assertThat(missed.services().get(0).state()).isEqualTo(Rag.AMBER);
    assertThat(missed.services().get(0).reasons())
        .contains(Finding.of(Rag.AMBER, Findings.BACKUP_MISSED, "documenti", at(21, 1, 0, 0)));

    // The newest verified point is the 20th at 01:00: amber up to 48 hours after it, red after.
    Instant limit = at(20, 1, 0, 0).plus(RPO);
    Report last = reportAt(limit);
    assertThat(last.services().get(0).state()).isEqualTo(Rag.AMBER);
    assertThat(last.summary().outOfRpo()).isZero();
    Report red = reportAt(limit.plusSeconds(1));
    assertThat(red.services().get(0).state()).isEqualTo(Rag.RED);
    assertThat(red.services().get(0).reasons().get(0))
        .isEqualTo(Finding.of(Rag.RED, Findings.RPO_EXCEEDED, RPO.plusSeconds(1), RPO));
    assertThat(red.summary().outOfRpo()).isEqualTo(1);

    // The morning report of the 22nd says so in its subject.
    clock.set(at(22, 6, 30, 0));
    ReportEngine.Made made =
        new ReportEngine(config, Evidence.of(history), clock)
            .make(at(22, 6, 30, 0).atZone(ROME).toLocalDate());
    assertThat(made.rendered().subject()).contains("CRITICO").contains("1 servizio fuori RPO");
  }

  @Test
  void coverageReachesEveryStoredByteWithinFullCoverageDaysAndStaysThere() throws Exception {
    month(1, 16, 16, -1);

    for (String target : List.of("nas", "cloud")) {
      List<NightlyCheck> checks =
          history.nightlyChecks("documenti", at(1, 0, 0, 0)).stream()
              .filter(c -> c.target().equals(target))
              .sorted(Comparator.comparing(NightlyCheck::started))
              .toList();
      assertThat(checks).hasSize(16).allMatch(NightlyCheck::ok);
      // fullCoverageDays is 7: from the 7th night on, every stored byte was read back in the
      // last 7 days.
      assertThat(checks.subList(6, 16)).allMatch(c -> c.coverage() == 1.0, "full coverage");
      assertThat(checks.subList(6, 16)).allMatch(c -> c.coveredBytes() == c.storedBytes());
    }
  }

  @Test
  void aCorruptedArchiveFoundByTheNightlyVerificationShowsInTheSummaryAndTheSubject()
      throws Exception {
    month(1, 6, 6, 6); // the cloud's copy of the 6th's run is damaged before it is verified

    clock.set(at(6, 6, 30, 0));
    ReportEngine.Made made =
        new ReportEngine(config, Evidence.of(history), clock)
            .make(at(6, 6, 30, 0).atZone(ROME).toLocalDate());
    Report report = made.report();

    assertThat(report.summary().overall()).isEqualTo(Rag.RED);
    assertThat(report.summary().damagedRuns()).isEqualTo(1);
    Finding first = report.summary().attention().get(0);
    assertThat(first.code()).isEqualTo(Findings.DAMAGE_FOUND);
    assertThat(first.args()).startsWith("documenti", "cloud", 1);
    // The service falls back to the 5th's point, still verified on both targets.
    assertThat(report.services().get(0).verifiedPoint()).isEqualTo(at(5, 1, 0, 0));
    assertThat(made.rendered().subject()).contains("CRITICO").contains("danni");
    assertThat(made.rendered().html()).contains("cloud");
  }

  /**
   * Runs the office's schedules from {@code first} to {@code last} (days of November 2026).
   *
   * @param lastBackup the last night with a backup; later backup fires are not handed over, as if
   *     the job had stopped
   * @param corruptNight the night whose run is damaged on the cloud before it is verified, or -1
   */
  void month(int first, int last, int lastBackup, int corruptNight) throws Exception {
    Path source = Files.createDirectories(dir.resolve("source"));
    for (int i = 0; i < 20; i++) {
      Files.writeString(
          source.resolve("pratica-" + i + ".txt"), ("pratica " + i + "\n").repeat(200));
    }
    Files.createDirectories(dir.resolve("nas"));
    Files.createDirectories(dir.resolve("cloud"));
    Path file = dir.resolve("continuo.yaml");
    Files.writeString(
        file,
        """
        agent: { name: ufficio, dataDir: %s, timezone: Europe/Rome, language: it }
        sources:
          docs: { paths: [%s] }
        targets:
          nas: { type: local, path: %s }
          cloud: { type: local, path: %s }
        jobs:
          documenti:
            source: docs
            targets: [nas, cloud]
            full: "0 0 1 ? * SUN"
            incremental: "0 0 1 ? * MON-SAT"
        verification: { schedule: "0 0 3 * * ?", fullCoverageDays: 7, sampleFiles: 5 }
        services:
          - name: Gestione documentale
            tier: 2
            criticality: alta
            rpo: 48h
            rto: 4h
            jobs: [documenti]
        """
            .formatted(dir.resolve("data"), source, dir.resolve("nas"), dir.resolve("cloud")));
    config = new ConfigLoader().load(file);
    JobSchedule schedule = new JobSchedule(config.job("documenti"), ROME);
    record Fire(Instant at, Task task) {}
    List<Fire> fires = new ArrayList<>();
    Instant from = at(first, 0, 0, 0);
    for (Task task : schedule.tasks()) {
      schedule.times(task, from, at(last, 23, 59, 0)).forEach(t -> fires.add(new Fire(t, task)));
    }
    fires.sort(Comparator.comparing(Fire::at));
    clock = new TestClock(from);
    history = History.open(config.agent().dataDir());
    Dispatcher dispatcher = new Dispatcher(() -> config, history, clock, "test", new RunGate(2));
    for (Fire f : fires) {
      int day = f.at().atZone(ROME).getDayOfMonth();
      if (f.task() != Task.VERIFY && day > lastBackup) {
        continue;
      }
      clock.set(f.at());
      if (f.task() != Task.VERIFY) {
        Files.writeString(source.resolve("giornale.txt"), "giorno " + day + "\n");
        Files.writeString(
            source.resolve("pratica-" + day + ".txt"), ("nuova " + day + "\n").repeat(300));
      }
      if (f.task() == Task.VERIFY && day == corruptNight) {
        corruptNewestArchive(dir.resolve("cloud/ufficio/documenti"));
      }
      dispatcher.fire("documenti", f.task(), f.at(), from, false);
    }
  }

  Report reportAt(Instant now) throws Exception {
    return new ReportBuilder(config, Evidence.of(history))
        .build(now.atZone(ROME).toLocalDate(), now);
  }

  /** Flips one byte in the middle of the newest archive in {@code jobDir}. */
  static void corruptNewestArchive(Path jobDir) throws Exception {
    Path newest;
    try (var files = Files.list(jobDir)) {
      newest =
          files
              .filter(p -> p.getFileName().toString().endsWith(".tar.zst"))
              .max(Comparator.naturalOrder())
              .orElseThrow();
    }
    try (RandomAccessFile f = new RandomAccessFile(newest.toFile(), "rw")) {
      long middle = f.length() / 2;
      f.seek(middle);
      int b = f.read();
      f.seek(middle);
      f.write(b ^ 0x5a);
    }
  }

  @org.junit.jupiter.api.AfterEach
  void close() {
    if (history != null) {
      history.close();
    }
  }
}
