package it.continuo.report;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.config.Config;
import it.continuo.config.ConfigLoader;
import it.continuo.history.FailoverRecord;
import it.continuo.history.NightlyCheck;
import it.continuo.status.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The report's drill section")
class DrillSectionTest {
  static final Instant NOW = Instant.parse("2026-11-26T06:00:00Z");

  @TempDir Path dir;
  final List<FailoverRecord> runs = new ArrayList<>();

  final Evidence evidence =
      new Evidence() {
        @Override
        public List<RunSummary> runs(String job, Instant from, Instant to) {
          return List.of();
        }

        @Override
        public List<NightlyCheck> nightlyChecks(String job, Instant from, Instant to) {
          return List.of();
        }

        @Override
        public List<FailoverRecord> failoverRuns(Instant from, Instant to) {
          return runs.stream().filter(r -> !r.started().isAfter(to)).toList();
        }

        @Override
        public Optional<FailoverRecord> failoverRun(long id) {
          return runs.stream().filter(r -> r.id() == id).findFirst();
        }
      };

  @BeforeEach
  void keys() throws Exception {
    Files.writeString(dir.resolve("id"), "key");
    Files.writeString(dir.resolve("known_hosts"), "");
  }

  Config config(boolean runbooks) throws Exception {
    String keys = "key: " + dir.resolve("id") + ", knownHosts: " + dir.resolve("known_hosts");
    Path file = dir.resolve("continuo.yaml");
    String failover =
        runbooks
            ? """
            failover:
              runbooks:
                uno:
                  service: Gestionale Uno
                  primary: primario
                  secondary: secondario
                  steps:
                    - ssh: { host: secondario, run: "true" }
            """
            : "";
    Files.writeString(
        file,
        """
        agent: { name: secondario, dataDir: data, timezone: Europe/Rome }
        hosts:
          primario: { address: 127.0.0.2, port: 2222, user: root, %1$s }
          secondario: { address: 127.0.0.3, port: 2222, user: root, %1$s }
        sources: { uno: { paths: [/srv/uno] } }
        targets: { nas: { type: local, path: /mnt/nas } }
        jobs: { uno-nas: { source: uno, target: nas, full: "0 0 22 ? * SUN", incremental: "0 0 22 ? * MON-SAT" } }
        services:
          - { name: Gestionale Uno, rpo: 1h, rto: 4h, jobs: [uno-nas]%2$s }
        %3$s"""
            .formatted(keys, runbooks ? ", runbook: uno" : "", failover));
    return new ConfigLoader(Map.of()).load(file);
  }

  FailoverRecord drill(long id, Instant at, String outcome, Duration rto, String failedStep) {
    List<FailoverRecord.Step> steps = new ArrayList<>();
    steps.add(
        new FailoverRecord.Step(
            1,
            "run",
            0,
            "ssh",
            "start-uno",
            "ssh",
            at,
            at.plusSeconds(2),
            "ok",
            1,
            List.of(),
            null));
    if (failedStep != null) {
      steps.add(
          new FailoverRecord.Step(
              2,
              "run",
              1,
              "dns",
              failedStep,
              "dns",
              at.plusSeconds(2),
              at.plusSeconds(62),
              "timed out",
              1,
              List.of(),
              "no answer within 60 s"));
    }
    return new FailoverRecord(
        id,
        "uno",
        "Gestionale Uno",
        "drill",
        "mrossi",
        at,
        at.plusSeconds(90),
        outcome,
        Duration.ofSeconds(42),
        rto,
        Duration.ofHours(1),
        Duration.ofHours(4),
        "primario → secondario",
        false,
        outcome.equals("succeeded") ? "succeeded" : null,
        "a message",
        "/var/lib/continuo/reports/drills/x.html",
        steps);
  }

  Section section(Config config) throws Exception {
    return DrillSection.of(config, evidence, NOW);
  }

  static List<String> codes(Section s) {
    return s.findings().stream().map(f -> f.level() + " " + f.code()).toList();
  }

  @Test
  @DisplayName("is not configured without runbooks")
  void notConfigured() throws Exception {
    Section s = section(config(false));
    assertThat(s.configured()).isFalse();
    assertThat(s.key()).isEqualTo("drill");
  }

  @Test
  @DisplayName("a recent drill within RTO and RPO is green, with its report and the next due date")
  void lastDrillGreen() throws Exception {
    runs.add(
        drill(3, Instant.parse("2026-06-10T07:00:00Z"), "succeeded", Duration.ofSeconds(19), null));
    Section s = section(config(true));
    assertThat(s.configured()).isTrue();
    assertThat(s.state()).isEqualTo(Rag.GREEN);
    assertThat(codes(s))
        .containsExactlyInAnyOrder(
            "GREEN drill-last", "GREEN drill-rpo", "GREEN drill-report", "GREEN drill-due");
    assertThat(s.findings())
        .filteredOn(f -> f.code().equals(Findings.DRILL_DUE))
        .singleElement()
        .satisfies(
            f -> assertThat(f.args()).containsExactly("Gestionale Uno", LocalDate.of(2027, 6, 10)));
    assertThat(s.findings())
        .filteredOn(f -> f.code().equals(Findings.DRILL_LAST))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.args())
                    .containsExactly(
                        "Gestionale Uno",
                        LocalDate.of(2026, 6, 10),
                        Duration.ofSeconds(19),
                        Duration.ofHours(4)));
  }

  @Test
  @DisplayName("a drill more than a year old is overdue: red")
  void overdue() throws Exception {
    runs.add(
        drill(1, Instant.parse("2025-10-01T07:00:00Z"), "succeeded", Duration.ofSeconds(19), null));
    Section s = section(config(true));
    assertThat(s.state()).isEqualTo(Rag.RED);
    assertThat(codes(s)).contains("RED drill-overdue");
    assertThat(s.findings().get(0).code()).isEqualTo(Findings.DRILL_OVERDUE);
  }

  @Test
  @DisplayName("a drill due within 30 days is amber")
  void dueSoon() throws Exception {
    runs.add(
        drill(1, Instant.parse("2025-12-10T07:00:00Z"), "succeeded", Duration.ofSeconds(19), null));
    Section s = section(config(true));
    assertThat(s.state()).isEqualTo(Rag.AMBER);
    assertThat(codes(s)).contains("AMBER drill-due-soon");
  }

  @Test
  @DisplayName("a runbook never drilled is amber; a refused drill does not count")
  void neverDrilled() throws Exception {
    runs.add(drill(1, Instant.parse("2026-11-01T07:00:00Z"), "refused", null, null));
    Section s = section(config(true));
    assertThat(s.state()).isEqualTo(Rag.AMBER);
    assertThat(codes(s)).containsExactly("AMBER drill-never");
    assertThat(s.findings().get(0).args()).containsExactly("Gestionale Uno", "uno");
  }

  @Test
  @DisplayName(
      "the last drill failed: red, with the failed step; an older success does not hide it")
  void lastFailed() throws Exception {
    runs.add(drill(5, Instant.parse("2026-11-20T07:00:00Z"), "failed", null, "dns-uno"));
    runs.add(
        drill(4, Instant.parse("2026-06-10T07:00:00Z"), "succeeded", Duration.ofSeconds(19), null));
    Section s = section(config(true));
    assertThat(s.state()).isEqualTo(Rag.RED);
    assertThat(codes(s)).contains("RED drill-failed", "AMBER drill-step-failed", "GREEN drill-due");
    assertThat(s.findings())
        .filteredOn(f -> f.code().equals(Findings.DRILL_STEP_FAILED))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.args())
                    .containsExactly(
                        "Gestionale Uno", "dns-uno", "run", "timed out", "no answer within 60 s"));
  }

  @Test
  @DisplayName("an RTO over the service's is red")
  void rtoExceeded() throws Exception {
    runs.add(
        drill(1, Instant.parse("2026-11-01T07:00:00Z"), "succeeded", Duration.ofHours(5), null));
    Section s = section(config(true));
    assertThat(codes(s)).contains("RED drill-rto-exceeded");
  }

  @Test
  @DisplayName("the nightly report lists the section and its findings in words")
  void inTheReport() throws Exception {
    runs.add(
        drill(3, Instant.parse("2026-06-10T07:00:00Z"), "succeeded", Duration.ofSeconds(19), null));
    Report report =
        new ReportBuilder(config(true), evidence).build(LocalDate.of(2026, 11, 26), NOW);
    Section s = report.sections().get(2);
    assertThat(s.key()).isEqualTo("drill");
    assertThat(s.configured()).isTrue();
    String html = new it.continuo.report.render.ReportRenderer().render(report).html();
    assertThat(html)
        .contains(
            "Gestionale Uno: ultima prova di disaster recovery il 10/06/2026 riuscita, RTO misurato"
                + " 19 s entro l’obiettivo di 4 ore")
        .contains("prossima prova di disaster recovery entro il 10/06/2027")
        .contains("verbale dell’ultima prova in /var/lib/continuo/reports/drills/x.html");
  }
}
