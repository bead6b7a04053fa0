package it.continuo.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.continuo.backup.BackupResult;
import it.continuo.backup.Outcome;
import it.continuo.backup.TargetResult;
import it.continuo.config.Config;
import it.continuo.config.ConfigLoader;
import it.continuo.history.History;
import it.continuo.history.NightlyCheck;
import it.continuo.testing.CliResult;
import it.continuo.testing.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of an office larger than the seeds': 20 services, 30 jobs on two targets each, 30 days
 * of nightly runs and verifications in the history. Made by the installed command ({@code
 * scripts/continuo report}, a fresh JVM, as the sysadmin or a cron job runs it): built from the
 * history, rendered and kept in under 5 seconds.
 */
class ReportAtScaleIT {
  static final ZoneId ROME = ZoneId.of("Europe/Rome");
  static final int JOBS = 30;
  static final int SERVICES = 20;
  static final int DAYS = 30;

  @TempDir Path dir;

  @Test
  void twentyServicesThirtyJobsAndThirtyDaysAreReportedInUnderFiveSeconds() throws Exception {
    Path file = config();
    Config config = new ConfigLoader().load(file);
    LocalDate today = LocalDate.now(ROME);
    try (History history = History.open(config.agent().dataDir())) {
      fill(history, today);
    }

    long start = System.nanoTime();
    ProcessBuilder command =
        new ProcessBuilder(
            Path.of("scripts/continuo").toAbsolutePath().toString(),
            "-c",
            file.toString(),
            "report");
    CliResult r = Workspace.run(command, 120);
    Duration wall = Duration.ofNanos(System.nanoTime() - start);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    Matcher made = Pattern.compile("made in (\\d+) ms").matcher(r.out());
    assertThat(made.find()).as(r.out()).isTrue();
    long millis = Long.parseLong(made.group(1));
    System.out.println(
        "report of 20 services, 30 jobs, 30 days: made in "
            + millis
            + " ms; the whole command (JVM start, history open) "
            + wall.toMillis()
            + " ms");
    assertThat(millis).isLessThan(5000);
    Path kept = config.agent().dataDir().resolve("reports").resolve(today.toString());
    JsonNode json = new ObjectMapper().readTree(kept.resolve("report.json").toFile());
    assertThat(json.get("services")).hasSize(SERVICES);
    assertThat(json.get("jobs")).hasSize(JOBS);
    assertThat(json.get("trends").get("jobs").get(0).get("days")).hasSize(DAYS);
    assertThat(json.get("summary").get("overall").asText()).isEqualTo("GREEN");
    assertThat(Files.readAllBytes(kept.resolve("report.pdf"))).startsWith("%PDF".getBytes());
  }

  Path config() throws Exception {
    StringBuilder yaml = new StringBuilder();
    yaml.append("agent: { name: ente, dataDir: ")
        .append(dir.resolve("data"))
        .append(", timezone: Europe/Rome }\n");
    yaml.append("sources:\n  s: { paths: [").append(dir).append("] }\n");
    yaml.append("targets:\n  nas: { type: local, path: ")
        .append(dir.resolve("nas"))
        .append(" }\n  cloud: { type: local, path: ")
        .append(dir.resolve("cloud"))
        .append(" }\n");
    yaml.append("jobs:\n");
    for (int j = 0; j < JOBS; j++) {
      yaml.append("  job-")
          .append(j)
          .append(
              ": { source: s, targets: [nas, cloud], full: \"0 0 23 ? * SUN\","
                  + " incremental: \"0 0 23 ? * MON-SAT\" }\n");
    }
    yaml.append("services:\n");
    for (int s = 0; s < SERVICES; s++) {
      yaml.append("  - { name: Servizio ")
          .append(s)
          .append(", tier: ")
          .append(1 + s % 4)
          .append(", rpo: 48h, rto: 4h, jobs: [job-")
          .append(s)
          .append(s < JOBS - SERVICES ? ", job-" + (SERVICES + s) : "")
          .append("] }\n");
    }
    Path file = dir.resolve("continuo.yaml");
    Files.writeString(file, yaml.toString());
    return file;
  }

  /** Every job: a run at 01:00 and a nightly check of both targets at 03:00, for 30 days. */
  static void fill(History history, LocalDate last) throws Exception {
    for (int j = 0; j < JOBS; j++) {
      String job = "job-" + j;
      for (int d = DAYS - 1; d >= 0; d--) {
        LocalDate day = last.minusDays(d);
        Instant start = day.minusDays(1).atTime(23, 0).atZone(ROME).toInstant();
        Instant end = start.plusSeconds(600 + j * 10L);
        long row = history.runStarted(job, "schedule", "incremental", start, start, null);
        history.runEnded(row, result(job, day, Duration.between(start, end)), end);
        for (String target : List.of("nas", "cloud")) {
          Instant checked = day.atTime(0, 30).atZone(ROME).toInstant();
          history.nightlyCheck(
              new NightlyCheck(
                  job,
                  target,
                  checked,
                  checked.plusSeconds(60),
                  null,
                  1,
                  30_000_000,
                  0,
                  List.of(),
                  DAYS - d,
                  (DAYS - d) * 30_000_000L,
                  (DAYS - d) * 30_000_000L,
                  7,
                  "run-" + day,
                  start,
                  (DAYS - d) * 30_000_000L,
                  new NightlyCheck.TestRestore(
                      "run-" + day, 10, 2_000_000, 40_000_000, 800, true, List.of())));
        }
      }
    }
  }

  static BackupResult result(String job, LocalDate day, Duration took) {
    String run = day.toString().replace("-", "") + "T000000Z-I";
    return new BackupResult(
        job,
        "nas,cloud",
        run,
        "incremental",
        Outcome.SUCCESS,
        null,
        10,
        5,
        1000,
        0,
        1015,
        500_000_000,
        30_000_000,
        took,
        0,
        List.of(),
        List.of(),
        List.of(),
        List.of(
            new TargetResult("nas", true, null, 30_000_000),
            new TargetResult("cloud", true, null, 30_000_000)));
  }
}
