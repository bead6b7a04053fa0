package it.continuo.report;

import it.continuo.history.NightlyCheck;
import it.continuo.history.NightlyCheck.TestRestore;
import it.continuo.report.JobReport.RunLine;
import it.continuo.report.JobReport.TargetStored;
import it.continuo.report.ServiceReport.TargetRpo;
import it.continuo.report.Trends.JobDay;
import it.continuo.report.Trends.JobTrend;
import it.continuo.report.Trends.ServiceTrend;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Reports as the builder makes them, for the renderer's tests.
 *
 * <p>{@link #office()}: the office of seeds/004 on the morning of Wednesday 25 November 2026, three
 * services. Gestionale Uno is red: the nightly verification found two damaged runs on the NAS, so
 * its newest point verified on every target is Monday night's, 33 h 30 min old against an RPO of 24
 * h. Posta elettronica is amber: no test restore has measured its restore time, and the cloud has
 * been read back only in part. Amministrazione is green. The health and drill sections are not
 * configured; the replica is, and is fine.
 *
 * <p>{@link #big()}: 20 services, 30 jobs with 2 targets each, 30 days of trends; job-07's cloud
 * holds a damaged run, job-13's cloud cannot be read and its run failed there, job-21 met three
 * unreadable files, and every job has a second run still going.
 */
public final class SampleReports {
  public static final ZoneId ROME = ZoneId.of("Europe/Rome");
  public static final LocalDate DAY = LocalDate.of(2026, 11, 25);
  public static final Instant GENERATED = Instant.parse("2026-11-25T06:30:00Z");

  /** Monday 23 November, 22:00 in Rome: Uno's newest point verified everywhere. */
  public static final Instant MONDAY_NIGHT = Instant.parse("2026-11-23T21:00:00Z");

  /** Tuesday 24 November, 22:00 in Rome: the night's backup of Uno. */
  public static final Instant TUESDAY_NIGHT = Instant.parse("2026-11-24T21:00:00Z");

  public static final String DAMAGE_LINE =
      "run 20261124-220000 uno-nas: archive part 3: zstd frame checksum mismatch at offset 41943040";

  private static final Duration DAY_LONG = Duration.ofHours(24);

  private SampleReports() {}

  /** The office, in Italian. */
  public static Report office() {
    Finding damage = Finding.of(Rag.RED, Findings.DAMAGE_FOUND, "uno-nas", "nas", 2, DAMAGE_LINE);
    Finding unoRpo =
        Finding.of(Rag.RED, Findings.RPO_EXCEEDED, Duration.ofHours(33).plusMinutes(30), DAY_LONG);
    Finding postaForecast = Finding.of(Rag.AMBER, Findings.FORECAST_UNKNOWN);
    Finding postaCoverage =
        Finding.of(Rag.AMBER, Findings.COVERAGE_BEHIND, "posta-nas", "cloud", 0.62, 30);

    ServiceReport uno =
        new ServiceReport(
            "Gestionale Uno",
            "il software di recupero crediti e i suoi dati",
            "high",
            4,
            DAY_LONG,
            Duration.ofHours(1),
            List.of("uno-nas"),
            Rag.RED,
            List.of(unoRpo),
            MONDAY_NIGHT,
            Duration.between(MONDAY_NIGHT, GENERATED),
            List.of(
                new TargetRpo(
                    "nas", MONDAY_NIGHT, Duration.between(MONDAY_NIGHT, GENERATED), Rag.RED),
                new TargetRpo(
                    "secondario",
                    TUESDAY_NIGHT,
                    Duration.between(TUESDAY_NIGHT, GENERATED),
                    Rag.GREEN),
                new TargetRpo(
                    "cloud", TUESDAY_NIGHT, Duration.between(TUESDAY_NIGHT, GENERATED), Rag.GREEN)),
            Duration.ofMinutes(48),
            "secondario");
    Instant postaPoint = Instant.parse("2026-11-24T20:30:00Z");
    ServiceReport posta =
        new ServiceReport(
            "Posta elettronica",
            "",
            "medium",
            0,
            DAY_LONG,
            Duration.ofDays(1),
            List.of("posta-nas"),
            Rag.AMBER,
            List.of(postaForecast),
            postaPoint,
            Duration.between(postaPoint, GENERATED),
            List.of(
                new TargetRpo(
                    "nas", postaPoint, Duration.between(postaPoint, GENERATED), Rag.GREEN),
                new TargetRpo(
                    "cloud", postaPoint, Duration.between(postaPoint, GENERATED), Rag.GREEN)),
            null,
            null);
    Instant ammPoint = Instant.parse("2026-11-24T19:00:00Z");
    ServiceReport amministrazione =
        new ServiceReport(
            "Amministrazione e segreteria",
            "contabilità, protocollo, documenti dell’ufficio",
            "medium",
            2,
            DAY_LONG,
            Duration.ofDays(3),
            List.of("amministrazione-nas"),
            Rag.GREEN,
            List.of(),
            ammPoint,
            Duration.between(ammPoint, GENERATED),
            List.of(
                new TargetRpo("nas", ammPoint, Duration.between(ammPoint, GENERATED), Rag.GREEN)),
            Duration.ofHours(2).plusMinutes(10),
            "nas");

    JobReport unoJob =
        new JobReport(
            "uno-nas",
            List.of("nas", "secondario", "cloud"),
            Rag.RED,
            List.of(damage),
            List.of(
                new RunLine(
                    "20261124-220000",
                    TUESDAY_NIGHT,
                    Duration.ofMinutes(42).plusSeconds(17),
                    "incremental",
                    "success",
                    "schedule",
                    48_211,
                    3_412_555_000L,
                    1_234_567_890L,
                    List.of(
                        new TargetStored("nas", true, 1_234_567_890L, null),
                        new TargetStored("secondario", true, 1_234_567_890L, null),
                        new TargetStored("cloud", true, 1_234_567_890L, null)),
                    null,
                    1,
                    2,
                    List.of(
                        "unreadable: /srv/uno/tmp/lock.db: Permission denied",
                        "changed while read: /srv/uno/dump/uno.sql",
                        "changed while read: /srv/uno/log/uno.log"))),
            List.of(
                new NightlyCheck(
                    "uno-nas",
                    "nas",
                    Instant.parse("2026-11-25T06:00:00Z"),
                    Instant.parse("2026-11-25T06:21:00Z"),
                    null,
                    4,
                    5_100_000_000L,
                    2,
                    List.of(DAMAGE_LINE, "run 20261124-220000 uno-nas: manifest footer missing"),
                    18,
                    42_000_000_000L,
                    39_000_000_000L,
                    30,
                    "20261123-220000",
                    MONDAY_NIGHT,
                    21_400_000_000L,
                    null),
                new NightlyCheck(
                    "uno-nas",
                    "secondario",
                    Instant.parse("2026-11-25T06:21:00Z"),
                    Instant.parse("2026-11-25T06:29:00Z"),
                    null,
                    3,
                    3_900_000_000L,
                    0,
                    List.of(),
                    18,
                    42_000_000_000L,
                    42_000_000_000L,
                    30,
                    "20261124-220000",
                    TUESDAY_NIGHT,
                    22_600_000_000L,
                    new TestRestore(
                        "20261124-220000",
                        200,
                        512_000_000L,
                        530_000_000L,
                        6_200,
                        true,
                        List.of())),
                new NightlyCheck(
                    "uno-nas",
                    "cloud",
                    Instant.parse("2026-11-25T05:10:00Z"),
                    Instant.parse("2026-11-25T05:58:00Z"),
                    null,
                    2,
                    1_500_000_000L,
                    0,
                    List.of(),
                    18,
                    42_000_000_000L,
                    36_500_000_000L,
                    30,
                    "20261124-220000",
                    TUESDAY_NIGHT,
                    22_600_000_000L,
                    null)));
    JobReport postaJob =
        new JobReport(
            "posta-nas",
            List.of("nas", "cloud"),
            Rag.AMBER,
            List.of(postaCoverage),
            List.of(
                new RunLine(
                    "20261124-213000",
                    postaPoint,
                    Duration.ofMinutes(11),
                    "incremental",
                    "success",
                    "schedule",
                    9_870,
                    812_000_000L,
                    95_300_000L,
                    List.of(
                        new TargetStored("nas", true, 95_300_000L, null),
                        new TargetStored("cloud", true, 95_300_000L, null)),
                    null,
                    0,
                    0,
                    List.of())),
            List.of(
                new NightlyCheck(
                    "posta-nas",
                    "nas",
                    Instant.parse("2026-11-25T05:30:00Z"),
                    Instant.parse("2026-11-25T05:34:00Z"),
                    null,
                    2,
                    410_000_000L,
                    0,
                    List.of(),
                    15,
                    6_100_000_000L,
                    6_100_000_000L,
                    30,
                    "20261124-213000",
                    postaPoint,
                    2_900_000_000L,
                    null),
                new NightlyCheck(
                    "posta-nas",
                    "cloud",
                    Instant.parse("2026-11-25T05:34:00Z"),
                    Instant.parse("2026-11-25T05:40:00Z"),
                    null,
                    1,
                    95_300_000L,
                    0,
                    List.of(),
                    15,
                    6_100_000_000L,
                    3_782_000_000L,
                    30,
                    "20261124-213000",
                    postaPoint,
                    2_900_000_000L,
                    null)));
    JobReport ammJob =
        new JobReport(
            "amministrazione-nas",
            List.of("nas"),
            Rag.GREEN,
            List.of(),
            List.of(
                new RunLine(
                    "20261124-200000",
                    ammPoint,
                    Duration.ofMinutes(3).plusSeconds(40),
                    "full",
                    "success",
                    "catch-up",
                    23_456,
                    1_650_000_000L,
                    1_120_000_000L,
                    List.of(new TargetStored("nas", true, 1_120_000_000L, null)),
                    null,
                    0,
                    0,
                    List.of())),
            List.of(
                new NightlyCheck(
                    "amministrazione-nas",
                    "nas",
                    Instant.parse("2026-11-25T05:00:00Z"),
                    Instant.parse("2026-11-25T05:05:00Z"),
                    null,
                    1,
                    1_120_000_000L,
                    0,
                    List.of(),
                    8,
                    7_300_000_000L,
                    7_300_000_000L,
                    30,
                    "20261124-200000",
                    ammPoint,
                    1_120_000_000L,
                    new TestRestore(
                        "20261124-200000", 50, 48_000_000L, 31_000_000L, 1_450, true, List.of()))));

    Summary summary =
        new Summary(
            Rag.RED, 3, 1, 1, 1, 2, 0, List.of(damage, unoRpo, postaForecast, postaCoverage));
    List<JobReport> jobs = List.of(unoJob, postaJob, ammJob);
    List<ServiceReport> services = List.of(uno, posta, amministrazione);
    return new Report(
        "ufficio",
        DAY,
        GENERATED,
        ROME,
        "it",
        summary,
        services,
        jobs,
        trends(jobs, services, new Random(4)),
        List.of(
            Section.notConfigured("health"),
            new Section("replica", true, Rag.GREEN, List.of()),
            Section.notConfigured("drill")));
  }

  /** The same report in another language. */
  public static Report in(String language, Report report) {
    return new Report(
        report.agent(),
        report.date(),
        report.generated(),
        report.zone(),
        language,
        report.summary(),
        report.services(),
        report.jobs(),
        report.trends(),
        report.sections());
  }

  /** The same report with another summary (for the subject line's cases). */
  public static Report withSummary(Report report, Summary summary) {
    return new Report(
        report.agent(),
        report.date(),
        report.generated(),
        report.zone(),
        report.language(),
        summary,
        report.services(),
        report.jobs(),
        report.trends(),
        report.sections());
  }

  /** 20 services, 30 jobs with 2 targets each and a run each, 30 days of trends; in Italian. */
  public static Report big() {
    Random random = new Random(20);
    List<JobReport> jobs = new ArrayList<>();
    for (int j = 1; j <= 30; j++) {
      String name = "job-%02d".formatted(j);
      Instant started = DAY.minusDays(1).atTime(LocalTime.of(20, 0)).atZone(ROME).toInstant();
      started = started.plus(Duration.ofMinutes(7L * j));
      long archive = 50_000_000L + random.nextInt(2_000_000_000);
      List<NightlyCheck> checks = new ArrayList<>();
      for (String target : List.of("nas", "cloud")) {
        checks.add(
            new NightlyCheck(
                name,
                target,
                GENERATED.minus(Duration.ofMinutes(60 - j)),
                GENERATED.minus(Duration.ofMinutes(59 - j)),
                null,
                2,
                archive * 2,
                j == 7 && target.equals("cloud") ? 1 : 0,
                j == 7 && target.equals("cloud") ? List.of(DAMAGE_LINE) : List.of(),
                12,
                archive * 12,
                archive * (9 + random.nextInt(4)),
                30,
                "r" + j,
                started,
                archive * 3,
                new TestRestore(
                    "r" + j,
                    50,
                    40_000_000L,
                    41_000_000L,
                    900 + random.nextInt(900),
                    true,
                    List.of())));
      }
      if (j == 13) { // the cloud could not be read, and tonight's run failed on it
        checks.set(
            1,
            new NightlyCheck(
                name,
                "cloud",
                GENERATED,
                GENERATED,
                "connection refused",
                0,
                0,
                0,
                List.of(),
                0,
                0,
                0,
                30,
                null,
                null,
                0,
                null));
      }
      jobs.add(
          new JobReport(
              name,
              List.of("nas", "cloud"),
              j == 7 ? Rag.RED : Rag.GREEN,
              List.of(),
              List.of(
                  new RunLine(
                      "r" + j,
                      started,
                      Duration.ofSeconds(60 + random.nextInt(3600)),
                      j % 7 == 0 ? "full" : "incremental",
                      "success",
                      "schedule",
                      1000 + random.nextInt(100_000),
                      archive * 3,
                      archive,
                      List.of(
                          new TargetStored("nas", true, archive, null),
                          j == 13
                              ? new TargetStored("cloud", false, 0, "connection refused")
                              : new TargetStored("cloud", true, archive, null)),
                      j == 13 ? "cloud: connection refused" : null,
                      j == 21 ? 3 : 0,
                      0,
                      j == 21
                          ? List.of(
                              "unreadable: /srv/a", "unreadable: /srv/b", "unreadable: /srv/c")
                          : List.of()),
                  new RunLine(
                      null,
                      started.plus(Duration.ofHours(1)),
                      null,
                      "incremental",
                      "running",
                      "cli",
                      0,
                      0,
                      0,
                      List.of(),
                      null,
                      0,
                      0,
                      List.of())),
              checks));
    }
    List<ServiceReport> services = new ArrayList<>();
    for (int s = 1; s <= 20; s++) {
      Duration achieved = Duration.ofHours(8).plusMinutes(s * 3L);
      Instant point = GENERATED.minus(achieved);
      services.add(
          new ServiceReport(
              "Servizio %02d".formatted(s),
              "",
              List.of("low", "medium", "high", "critical").get(s % 4),
              1 + s % 4,
              DAY_LONG,
              Duration.ofHours(4),
              List.of(jobs.get(s - 1).name(), jobs.get(s + 9).name()),
              Rag.GREEN,
              List.of(),
              point,
              achieved,
              List.of(
                  new TargetRpo("nas", point, achieved, Rag.GREEN),
                  new TargetRpo("cloud", point, achieved, Rag.GREEN)),
              Duration.ofMinutes(20 + s),
              "nas"));
    }
    Summary summary = new Summary(Rag.GREEN, 20, 0, 0, 0, 0, 0, List.of());
    return new Report(
        "sede-centrale",
        DAY,
        GENERATED,
        ROME,
        "it",
        summary,
        services,
        jobs,
        trends(jobs, services, random),
        List.of(
            Section.notConfigured("health"),
            Section.notConfigured("replica"),
            Section.notConfigured("drill")));
  }

  /** 30 days of plausible history ending on {@link #DAY}: nightly runs, fulls on Sundays. */
  static Trends trends(List<JobReport> jobs, List<ServiceReport> services, Random random) {
    List<LocalDate> days = new ArrayList<>();
    for (int i = 29; i >= 0; i--) {
      days.add(DAY.minusDays(i));
    }
    List<JobTrend> jobTrends = new ArrayList<>();
    for (JobReport job : jobs) {
      long base = job.runs().isEmpty() ? 100_000_000L : job.runs().get(0).archiveBytes();
      List<JobDay> perDay = new ArrayList<>();
      for (LocalDate day : days) {
        boolean full = day.getDayOfWeek().getValue() == 7;
        long bytes = (long) (base * (full ? 6 : 0.6 + random.nextDouble() * 0.8));
        Duration duration = Duration.ofSeconds(30 + bytes / 2_000_000);
        perDay.add(new JobDay(1, 0, bytes, bytes * 3, duration));
      }
      jobTrends.add(new JobTrend(job.name(), perDay));
    }
    List<ServiceTrend> serviceTrends = new ArrayList<>();
    for (ServiceReport service : services) {
      List<Duration> achieved = new ArrayList<>();
      for (int i = 0; i < days.size(); i++) {
        boolean last = i == days.size() - 1;
        achieved.add(
            last && service.achievedRpo() != null
                ? service.achievedRpo()
                : Duration.ofHours(2).plusMinutes(random.nextInt(60)));
      }
      if (service.state() == Rag.RED) {
        achieved.set(days.size() - 2, Duration.ofHours(26)); // the damage found last night
      }
      if (service.forecastRestore() == null) {
        achieved.set(3, null); // a day without a verified point
      }
      serviceTrends.add(new ServiceTrend(service.name(), service.rpo(), achieved));
    }
    return new Trends(days, jobTrends, serviceTrends);
  }
}
