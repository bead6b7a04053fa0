package it.continuo.report;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.config.Config;
import it.continuo.config.ConfigLoader;
import it.continuo.history.History;
import it.continuo.history.ReplicaCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's replica section, from the checks the history holds: the management software of
 * seeds/004 is replicated to the secondary server with a 1-hour RPO, the mail with none promised.
 */
@DisplayName("The report's replica section")
class ReplicaSectionTest {
  static final Instant NOW = Instant.parse("2026-11-26T05:30:00Z");

  @TempDir Path dir;
  Config config;
  History history;

  @BeforeEach
  void office() throws Exception {
    Files.createDirectories(dir.resolve("src"));
    Files.writeString(dir.resolve("id"), "key");
    Files.writeString(dir.resolve("known_hosts"), "");
    Path file = dir.resolve("continuo.yaml");
    Files.writeString(
        file,
        """
        agent: { name: ufficio, dataDir: %1$s/data, timezone: Europe/Rome }
        hosts:
          secondario: { address: 10.0.0.2, user: root, key: %1$s/id, knownHosts: %1$s/known_hosts }
        sources:
          docs: { paths: [%1$s/src] }
        targets:
          nas: { type: local, path: %1$s/nas }
        jobs:
          uno: { source: docs, target: nas, full: "0 0 1 ? * SUN", incremental: "0 0 1 ? * MON-SAT" }
        replicas:
          uno: { primary: { path: /srv/uno }, secondary: { host: secondario, path: /srv/uno }, maxLag: 15m }
          posta: { primary: { path: /srv/posta }, secondary: { host: secondario, path: /srv/posta }, maxLag: 1h }
        services:
          - { name: Gestionale Uno, rpo: 1h, rto: 4h, jobs: [uno], replica: uno }
        """
            .formatted(dir));
    config = new ConfigLoader().load(file);
    history = History.open(dir.resolve("data"));
  }

  @AfterEach
  void close() {
    history.close();
  }

  ReplicaCheck check(String replica, Instant at, String state, Duration lag, List<String> diffs) {
    return new ReplicaCheck(
        replica,
        at,
        false,
        state,
        lag,
        Duration.ofMinutes(15),
        1000,
        1 << 20,
        1000,
        1 << 20,
        diffs.size(),
        0,
        0,
        10,
        4096,
        diffs,
        state.equals("UNKNOWN") ? "secondario unreachable: connection refused" : "",
        Duration.ofSeconds(2));
  }

  Section section() throws Exception {
    Report report =
        new ReportBuilder(config, Evidence.of(history))
            .build(NOW.atZone(config.agent().timezone()).toLocalDate(), NOW);
    return report.sections().stream().filter(s -> s.key().equals("replica")).findFirst().get();
  }

  @Test
  @DisplayName("says what the newest check found, what a failover would lose, and the week")
  void behind() throws Exception {
    history.replicaCheck(check("uno", NOW.minusSeconds(3600), "IN_SYNC", Duration.ZERO, List.of()));
    history.replicaCheck(
        check(
            "uno",
            NOW.minusSeconds(600),
            "BEHIND",
            Duration.ofMinutes(75),
            List.of("missing fatture/11.pdf: modified 2026-11-26 04:15:00")));
    history.replicaCheck(check("posta", NOW.minusSeconds(300), "UNKNOWN", null, List.of()));

    Section s = section();

    assertThat(s.configured()).isTrue();
    assertThat(s.state()).isEqualTo(Rag.RED);
    assertThat(s.findings())
        .contains(
            Finding.of(
                Rag.RED,
                Findings.REPLICA_BEHIND,
                "uno",
                Duration.ofMinutes(75),
                Duration.ofMinutes(15),
                1,
                0,
                0),
            Finding.of(
                Rag.RED,
                Findings.REPLICA_DIFFERENCE,
                "uno",
                "missing fatture/11.pdf: modified 2026-11-26 04:15:00"),
            Finding.of(
                Rag.RED,
                Findings.REPLICA_SERVICE,
                "Gestionale Uno",
                "uno",
                Duration.ofMinutes(75),
                Duration.ofHours(1)),
            Finding.of(
                Rag.GREEN,
                Findings.REPLICA_TREND,
                "uno",
                ReplicaSection.TREND_DAYS,
                2,
                1,
                Duration.ofMinutes(75)),
            Finding.of(
                Rag.AMBER,
                Findings.REPLICA_UNKNOWN,
                "posta",
                "secondario unreachable: connection refused"));
    assertThat(s.findings().get(0).level()).as("worst first").isEqualTo(Rag.RED);
  }

  @Test
  @DisplayName("is green for replicas in sync, and amber for one never checked or checked long ago")
  void inSyncNeverAndStale() throws Exception {
    history.replicaCheck(check("uno", NOW.minusSeconds(900), "IN_SYNC", Duration.ZERO, List.of()));
    history.replicaCheck(
        check("uno", NOW.minusSeconds(300), "LAGGING", Duration.ofMinutes(3), List.of("x")));

    Section s = section();

    assertThat(s.state()).isEqualTo(Rag.AMBER);
    assertThat(s.findings())
        .contains(
            Finding.of(
                Rag.GREEN,
                Findings.REPLICA_LAGGING,
                "uno",
                Duration.ofMinutes(3),
                Duration.ofMinutes(15),
                1,
                0,
                0),
            Finding.of(
                Rag.GREEN,
                Findings.REPLICA_SERVICE,
                "Gestionale Uno",
                "uno",
                Duration.ofMinutes(3),
                Duration.ofHours(1)),
            Finding.of(Rag.AMBER, Findings.REPLICA_NEVER_CHECKED, "posta"));

    history.replicaCheck(
        check("posta", NOW.minus(Duration.ofHours(30)), "IN_SYNC", Duration.ZERO, List.of()));
    assertThat(section().findings())
        .contains(
            Finding.of(
                Rag.AMBER, Findings.REPLICA_STALE, "posta", NOW.minus(Duration.ofHours(30))));
  }
}
