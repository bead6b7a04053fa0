package it.continuo.report;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.config.Config;
import it.continuo.config.ConfigLoader;
import it.continuo.history.NightlyCheck;
import it.continuo.status.RunSummary;
import it.continuo.status.TargetOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's judgement, from evidence: the office of seeds/004 backs up its documents every night
 * at 01:00 to the NAS and the cloud, verifies at 03:00, and promises the service a 48-hour RPO and
 * a 4-hour RTO.
 */
class ReportBuilderTest {
  static final ZoneId ROME = ZoneId.of("Europe/Rome");
  static final Duration RPO = Duration.ofHours(48);

  @TempDir Path dir;
  Config config;
  final List<RunSummary> runs = new ArrayList<>();
  final List<NightlyCheck> checks = new ArrayList<>();

  @BeforeEach
  void office() throws Exception {
    Files.createDirectories(dir.resolve("src"));
    Path file = dir.resolve("continuo.yaml");
    Files.writeString(
        file,
        """
        agent: { name: ufficio, dataDir: %s, timezone: Europe/Rome }
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
        verification: { schedule: "0 0 3 * * ?", fullCoverageDays: 7 }
        services:
          - name: Gestione documentale
            tier: 2
            criticality: alta
            rpo: 48h
            rto: 4h
            jobs: [documenti]
        """
            .formatted(
                dir.resolve("data"), dir.resolve("src"), dir.resolve("nas"), dir.resolve("cloud")));
    config = new ConfigLoader().load(file);
  }

  static Instant at(int day, int hour, int minute) {
    return ZonedDateTime.of(2026, 11, day, hour, minute, 0, 0, ROME).toInstant();
  }

  /** Every night from the 1st to {@code lastNight}: a backup at 01:00, checked at 03:00. */
  void nights(int lastNight) {
    for (int day = 1; day <= lastNight; day++) {
      backup(day);
      check(day, "nas", 0);
      check(day, "cloud", 0);
    }
  }

  void backup(int day) {
    Instant start = at(day, 1, 0);
    runs.add(
        new RunSummary(
            "run-" + day,
            day == 1 ? "full" : "incremental",
            "success",
            "schedule",
            start,
            start.plusSeconds(300),
            Duration.ofSeconds(300),
            1000,
            50_000_000,
            20_000_000,
            List.of(
                new TargetOutcome("nas", true, 20_000_000, null),
                new TargetOutcome("cloud", true, 20_000_000, null)),
            null,
            0,
            0,
            List.of()));
  }

  /**
   * The nightly check of {@code day} on {@code target}; the newest point verified unless damage.
   */
  void check(int day, String target, int damaged) {
    Instant started = at(day, 3, 0);
    int verifiedDay = damaged > 0 ? day - 1 : day;
    checks.add(
        new NightlyCheck(
            "documenti",
            target,
            started,
            started.plusSeconds(120),
            null,
            1,
            20_000_000,
            damaged,
            damaged > 0 ? List.of("run-" + day + ": archive hash differs") : List.of(),
            day,
            day * 20_000_000L,
            day * 20_000_000L,
            7,
            "run-" + verifiedDay,
            at(verifiedDay, 1, 0),
            day * 20_000_000L,
            new NightlyCheck.TestRestore(
                "run-" + verifiedDay, 10, 1_000_000, 10_000_000, 1000, true, List.of())));
  }

  Report reportAt(Instant now) throws Exception {
    Evidence evidence =
        new Evidence() {
          @Override
          public List<RunSummary> runs(String job, Instant from, Instant to) {
            return runs.stream()
                .filter(r -> !r.start().isBefore(from) && !r.start().isAfter(to))
                .toList();
          }

          @Override
          public List<NightlyCheck> nightlyChecks(String job, Instant from, Instant to) {
            return checks.stream()
                .filter(c -> !c.ended().isBefore(from) && !c.ended().isAfter(to))
                .toList();
          }
        };
    return new ReportBuilder(config, evidence).build(now.atZone(ROME).toLocalDate(), now);
  }

  static List<String> codes(List<Finding> findings) {
    return findings.stream().map(Finding::code).toList();
  }

  @Test
  void aServiceBackedUpAndVerifiedEveryNightIsGreenWithItsAchievedRpoAndForecast()
      throws Exception {
    nights(20);

    Report report = reportAt(at(20, 6, 30));

    ServiceReport s = report.services().get(0);
    assertThat(s.state()).isEqualTo(Rag.GREEN);
    assertThat(s.reasons()).isEmpty();
    assertThat(s.verifiedPoint()).isEqualTo(at(20, 1, 0));
    assertThat(s.achievedRpo()).isEqualTo(Duration.ofMinutes(5 * 60 + 30));
    assertThat(s.targets())
        .extracting(ServiceReport.TargetRpo::target, ServiceReport.TargetRpo::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("nas", Rag.GREEN),
            org.assertj.core.groups.Tuple.tuple("cloud", Rag.GREEN));
    // 20 nights of 20 MB at the 10 MB/s the test restores measured.
    assertThat(s.forecastRestore()).isEqualTo(Duration.ofSeconds(40));
    assertThat(s.forecastTarget()).isEqualTo("nas");
    assertThat(report.summary().overall()).isEqualTo(Rag.GREEN);
    assertThat(report.summary().attention()).isEmpty();
    assertThat(report.jobs().get(0).runs()).hasSize(1);
    assertThat(report.jobs().get(0).checks()).hasSize(2);
  }

  @Test
  void aJobThatStopsTurnsItsServiceAmberWhenABackupIsMissedAndRedExactlyWhenTheRpoIsExceeded()
      throws Exception {
    nights(20); // the last backup is on the 20th at 01:00; none on the 21st
    Instant lastPoint = at(20, 1, 0);

    Report beforeDue = reportAt(at(21, 1, 59));
    assertThat(beforeDue.services().get(0).state()).isEqualTo(Rag.GREEN);

    Report missed = reportAt(at(21, 2, 0).plusSeconds(1));
    assertThat(missed.services().get(0).state()).isEqualTo(Rag.AMBER);
    assertThat(missed.services().get(0).reasons().get(0))
        .isEqualTo(Finding.of(Rag.AMBER, Findings.BACKUP_MISSED, "documenti", at(21, 1, 0)));
    assertThat(missed.summary().jobsNotRun()).isEqualTo(1);

    Report lastMoment = reportAt(lastPoint.plus(RPO));
    assertThat(lastMoment.services().get(0).state()).isEqualTo(Rag.AMBER);
    assertThat(lastMoment.summary().outOfRpo()).isZero();

    Report exceeded = reportAt(lastPoint.plus(RPO).plusSeconds(1));
    ServiceReport s = exceeded.services().get(0);
    assertThat(s.state()).isEqualTo(Rag.RED);
    assertThat(s.reasons().get(0))
        .isEqualTo(Finding.of(Rag.RED, Findings.RPO_EXCEEDED, RPO.plusSeconds(1), RPO));
    assertThat(exceeded.summary().outOfRpo()).isEqualTo(1);
    assertThat(exceeded.summary().overall()).isEqualTo(Rag.RED);
  }

  @Test
  void damageFoundOnOneTargetIsRedAndTheServiceFallsBackToThePointBefore() throws Exception {
    nights(19);
    backup(20);
    check(20, "nas", 0);
    check(20, "cloud", 1);

    Report report = reportAt(at(20, 6, 30));

    ServiceReport s = report.services().get(0);
    assertThat(s.state()).isEqualTo(Rag.RED);
    assertThat(codes(s.reasons())).contains(Findings.DAMAGE_FOUND);
    // The newest point verified on every target is the 19th's: the cloud's copy of the 20th is bad.
    assertThat(s.verifiedPoint()).isEqualTo(at(19, 1, 0));
    assertThat(s.targets().get(0).verifiedPoint()).isEqualTo(at(20, 1, 0));
    assertThat(s.targets().get(1).verifiedPoint()).isEqualTo(at(19, 1, 0));
    assertThat(report.summary().damagedRuns()).isEqualTo(1);
    assertThat(report.summary().attention().get(0))
        .isEqualTo(
            Finding.of(
                Rag.RED,
                Findings.DAMAGE_FOUND,
                "documenti",
                "cloud",
                1,
                "run-20: archive hash differs"));
  }

  @Test
  void aTargetNeverVerifiedLeavesTheServiceWithoutAVerifiedPoint() throws Exception {
    for (int day = 1; day <= 5; day++) {
      backup(day);
      check(day, "nas", 0);
    }

    ServiceReport s = reportAt(at(5, 6, 30)).services().get(0);

    assertThat(s.state()).isEqualTo(Rag.RED);
    assertThat(s.verifiedPoint()).isNull();
    assertThat(s.achievedRpo()).isNull();
    assertThat(s.reasons())
        .contains(
            Finding.of(Rag.RED, Findings.NO_VERIFIED_POINT, "cloud", "documenti"),
            Finding.of(Rag.AMBER, Findings.NOT_VERIFIED, "documenti", "cloud"));
    assertThat(s.targets().get(0).state()).isEqualTo(Rag.GREEN);
    assertThat(s.targets().get(1).state()).isEqualTo(Rag.RED);
  }

  @Test
  void aForecastOverTheRtoIsAmber() throws Exception {
    nights(20);
    // The last test restores ran at 10 kB/s: 400 MB would take 11 hours, over the 4-hour RTO.
    List<NightlyCheck> slow = new ArrayList<>();
    for (NightlyCheck c : checks) {
      slow.add(
          new NightlyCheck(
              c.job(),
              c.target(),
              c.started(),
              c.ended(),
              c.error(),
              c.runsChecked(),
              c.bytesChecked(),
              c.damagedRuns(),
              c.problems(),
              c.storedRuns(),
              c.storedBytes(),
              c.coveredBytes(),
              c.coverageDays(),
              c.verifiedRun(),
              c.verifiedPoint(),
              c.verifiedPointBytes(),
              new NightlyCheck.TestRestore("r", 1, 10, 10_000, 1000, true, List.of())));
    }
    checks.clear();
    checks.addAll(slow);

    ServiceReport s = reportAt(at(20, 6, 30)).services().get(0);

    assertThat(s.state()).isEqualTo(Rag.AMBER);
    assertThat(s.forecastRestore()).isEqualTo(Duration.ofSeconds(40_000));
    assertThat(s.reasons())
        .containsExactly(
            Finding.of(
                Rag.AMBER,
                Findings.FORECAST_OVER_RTO,
                Duration.ofSeconds(40_000),
                Duration.ofHours(4)));
  }

  @Test
  void theReportOfAnEarlierDayIsAsOfTheEndOfThatDay() throws Exception {
    nights(20);

    Report report =
        new ReportBuilder(config, evidenceOfThisTest())
            .build(LocalDate.of(2026, 11, 10), at(20, 9, 0));

    assertThat(report.generated()).isEqualTo(at(11, 0, 0));
    assertThat(report.services().get(0).verifiedPoint()).isEqualTo(at(10, 1, 0));
    assertThat(report.trends().days()).hasSize(30).last().isEqualTo(LocalDate.of(2026, 11, 10));
    assertThat(report.trends().services().get(0).achievedRpo().get(29))
        .isEqualTo(Duration.ofHours(23));
  }

  @Test
  void theSectionsOfHealthReplicaAndDrillAreThereAndSayTheyAreNotConfigured() throws Exception {
    nights(2);

    Report report = reportAt(at(2, 6, 30));

    assertThat(report.sections())
        .extracting(Section::key, Section::configured)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("health", false),
            org.assertj.core.groups.Tuple.tuple("replica", false),
            org.assertj.core.groups.Tuple.tuple("drill", false));
  }

  @Test
  void theHealthSectionShowsTheDaemonsChecksAndTheNightsPowerEventsAndCountsInTheSummary()
      throws Exception {
    nights(20);
    Instant now = at(20, 6, 30);
    var snapshot =
        new it.continuo.health.HealthSnapshot(
            now.minusSeconds(60),
            new it.continuo.health.HealthReport(
                List.of(
                    new it.continuo.health.Finding(
                        "raid",
                        "md0",
                        it.continuo.health.Severity.CRITICAL,
                        "md0 (raid1) runs on one disk of two: sdb1 failed"),
                    new it.continuo.health.Finding(
                        "disk", "/", it.continuo.health.Severity.OK, "/ is 40% full")),
                List.of()));
    var outage =
        new it.continuo.history.HistoryEvent(
            at(20, 2, 10), "ups", null, "warning", "sala: UPS on battery (OB DISCHRG)");
    Evidence base = evidenceOfThisTest();
    Evidence withHealth =
        new Evidence() {
          @Override
          public List<RunSummary> runs(String job, Instant from, Instant to) throws Exception {
            return base.runs(job, from, to);
          }

          @Override
          public List<NightlyCheck> nightlyChecks(String job, Instant from, Instant to)
              throws Exception {
            return base.nightlyChecks(job, from, to);
          }

          @Override
          public java.util.Optional<it.continuo.health.HealthSnapshot> health() {
            return java.util.Optional.of(snapshot);
          }

          @Override
          public List<it.continuo.history.HistoryEvent> powerEvents(Instant from, Instant to) {
            return List.of(outage);
          }
        };

    Report report = new ReportBuilder(config, withHealth).build(LocalDate.of(2026, 11, 20), now);

    Section health = report.sections().get(0);
    assertThat(health.configured()).isTrue();
    assertThat(health.state()).isEqualTo(Rag.RED);
    assertThat(health.findings())
        .containsExactly(
            Finding.of(
                Rag.RED,
                Findings.HEALTH,
                "raid",
                "md0",
                "md0 (raid1) runs on one disk of two: sdb1 failed"),
            Finding.of(
                Rag.AMBER,
                Findings.POWER_EVENT,
                at(20, 2, 10),
                "sala: UPS on battery (OB DISCHRG)"),
            Finding.of(Rag.GREEN, Findings.HEALTH, "disk", "/", "/ is 40% full"));
    assertThat(report.summary().attention())
        .as("what is well is not for a human")
        .doesNotContain(health.findings().get(2));
    assertThat(report.summary().overall()).isEqualTo(Rag.RED);
    assertThat(report.summary().attention()).contains(health.findings().get(0));
    assertThat(report.services().get(0).state()).isEqualTo(Rag.GREEN);
  }

  @Test
  void trendsHaveOneEntryPerDayAndJob() throws Exception {
    nights(20);

    Trends trends = reportAt(at(20, 6, 30)).trends();

    assertThat(trends.days()).hasSize(30);
    Trends.JobTrend job = trends.jobs().get(0);
    assertThat(job.days()).hasSize(30);
    assertThat(job.days().get(29).runs()).isEqualTo(1);
    assertThat(job.days().get(29).archiveBytes()).isEqualTo(20_000_000);
    assertThat(job.days().get(0).runs()).isZero(); // 22 October: before the first night
    // Achieved RPO at the end of each day: 23 hours once the night's check is in.
    assertThat(trends.services().get(0).achievedRpo().get(28)).isEqualTo(Duration.ofHours(23));
    assertThat(trends.services().get(0).achievedRpo().get(29)).isEqualTo(Duration.ofMinutes(330));
  }

  Evidence evidenceOfThisTest() {
    return new Evidence() {
      @Override
      public List<RunSummary> runs(String job, Instant from, Instant to) {
        return runs.stream().filter(r -> !r.start().isAfter(to)).toList();
      }

      @Override
      public List<NightlyCheck> nightlyChecks(String job, Instant from, Instant to) {
        return checks.stream().filter(c -> !c.ended().isAfter(to)).toList();
      }
    };
  }
}
