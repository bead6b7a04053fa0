package it.continuo.alert;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.alert.channel.WebhookChannel;
import it.continuo.config.AlertsConfig;
import it.continuo.health.Finding;
import it.continuo.health.Severity;
import it.continuo.history.History;
import it.continuo.history.Incident;
import it.continuo.testing.TestClock;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan of the seeds: the sysadmin at once, the RCO after 3 hours, the crisis committee after 4;
 * a sample every minute, on a moved clock, against the real (embedded) history.
 */
@DisplayName("Incidents")
class IncidentsTest {
  static final Instant T0 = Instant.parse("2026-11-26T02:00:00Z");
  static final Finding RAID_WARN =
      new Finding("raid", "md0", Severity.WARN, "md0 is rebuilding onto sdb1");
  static final Finding RAID_CRITICAL =
      new Finding("raid", "md0", Severity.CRITICAL, "md0 is running on one disk");
  static final Finding DISK_OK = new Finding("disk", "/srv", Severity.OK, "/srv is 40% full");

  static final AlertsConfig CONFIG =
      new AlertsConfig(
          Map.of(),
          null,
          List.of(
              new AlertsConfig.Rule(Duration.ZERO, List.of("sysadmin")),
              new AlertsConfig.Rule(Duration.ofHours(3), List.of("rco")),
              new AlertsConfig.Rule(Duration.ofHours(4), List.of("comitato-crisi"))),
          Severity.WARN);

  @TempDir Path data;
  History history;
  TestClock clock = new TestClock(T0);
  RecordingChannel sysadmin = new RecordingChannel("sysadmin");
  RecordingChannel rco = new RecordingChannel("rco");
  RecordingChannel committee = new RecordingChannel("comitato-crisi");
  Incidents incidents;

  @BeforeEach
  void open() throws Exception {
    history = History.open(data);
    incidents = engine();
  }

  @AfterEach
  void close() {
    history.close();
  }

  Incidents engine() {
    return new Incidents(
        history,
        Map.of("sysadmin", sysadmin, "rco", rco, "comitato-crisi", committee),
        CONFIG,
        "srv-primario");
  }

  /** One sample a minute for {@code d}, each with {@code findings}. */
  void samples(Duration d, Finding... findings) throws Exception {
    for (long m = 0; m < d.toMinutes(); m++) {
      clock.advance(Duration.ofMinutes(1));
      incidents.update(List.of(findings), clock.instant());
    }
  }

  Deliveries sample(Finding... findings) throws Exception {
    return incidents.update(List.of(findings), clock.instant());
  }

  @Nested
  @DisplayName("escalation")
  class Escalation {
    @Test
    @DisplayName(
        "WARN: the sysadmin at once, the RCO after 3 h, the committee after 4 h, then no more")
    void plan() throws Exception {
      sample(RAID_WARN, DISK_OK);
      assertThat(sysadmin.lines()).containsExactly("OPENED WARN raid:md0");
      assertThat(rco.received).isEmpty();

      samples(Duration.ofHours(3).minusMinutes(1), RAID_WARN, DISK_OK);
      assertThat(rco.received).as("2 h 59 min: not yet").isEmpty();
      samples(Duration.ofMinutes(1), RAID_WARN, DISK_OK);
      assertThat(rco.lines()).containsExactly("ESCALATED WARN raid:md0");
      assertThat(rco.received.get(0).at()).isEqualTo(T0.plus(Duration.ofHours(3)));
      assertThat(committee.received).isEmpty();

      samples(Duration.ofHours(1), RAID_WARN, DISK_OK);
      assertThat(committee.lines()).containsExactly("ESCALATED WARN raid:md0");
      assertThat(committee.received.get(0).at()).isEqualTo(T0.plus(Duration.ofHours(4)));

      samples(Duration.ofHours(20), RAID_WARN, DISK_OK);
      assertThat(sysadmin.received).hasSize(1);
      assertThat(rco.received).hasSize(1);
      assertThat(committee.received).hasSize(1);
    }

    @Test
    @DisplayName("stops when acknowledged; the recovery still reaches those alerted")
    void acknowledged() throws Exception {
      sample(RAID_WARN);
      samples(Duration.ofHours(3), RAID_WARN);
      assertThat(rco.received).hasSize(1);
      assertThat(history.acknowledge("raid:md0", "rco", clock.instant(), "tecnico in arrivo"))
          .isPresent();

      samples(Duration.ofHours(5), RAID_WARN);
      assertThat(committee.received).as("acknowledged before 4 h").isEmpty();

      samples(Duration.ofMinutes(1), DISK_OK);
      assertThat(sysadmin.lines())
          .containsExactly("OPENED WARN raid:md0", "RESOLVED WARN raid:md0");
      assertThat(rco.lines()).containsExactly("ESCALATED WARN raid:md0", "RESOLVED WARN raid:md0");
      assertThat(committee.received).isEmpty();
    }

    @Test
    @DisplayName("stops when resolved: nobody later in the plan hears of it")
    void resolvedEarly() throws Exception {
      sample(RAID_WARN);
      samples(Duration.ofHours(1), RAID_WARN);
      samples(Duration.ofHours(5), DISK_OK);
      assertThat(sysadmin.lines())
          .containsExactly("OPENED WARN raid:md0", "RESOLVED WARN raid:md0");
      assertThat(rco.received).isEmpty();
      assertThat(committee.received).isEmpty();
    }
  }

  @Nested
  @DisplayName("an incident")
  class OneIncident {
    @Test
    @DisplayName("alerts once across many samples, not once per poll")
    void once() throws Exception {
      for (int i = 0; i < 120; i++) {
        assertThat(sample(RAID_WARN, DISK_OK).failures()).isEmpty();
        clock.advance(Duration.ofSeconds(5));
      }
      assertThat(sysadmin.received).hasSize(1);
      assertThat(history.openIncidents()).hasSize(1);
    }

    @Test
    @DisplayName(
        "worse than alerted (WARN → CRITICAL) is sent again, once; better and worse again is not")
    void worsening() throws Exception {
      sample(RAID_WARN);
      samples(Duration.ofMinutes(10), RAID_WARN);
      samples(Duration.ofMinutes(10), RAID_CRITICAL);
      samples(Duration.ofMinutes(10), RAID_WARN);
      samples(Duration.ofMinutes(10), RAID_CRITICAL);

      assertThat(sysadmin.lines())
          .containsExactly("OPENED WARN raid:md0", "STILL_OPEN CRITICAL raid:md0");
      assertThat(sysadmin.received.get(1).message()).isEqualTo("md0 is running on one disk");
      assertThat(sysadmin.received.get(1).firstSeen()).isEqualTo(T0);
    }

    @Test
    @DisplayName("resolves when its finding is gone or below WARN, and tells everyone alerted")
    void recovery() throws Exception {
      sample(RAID_CRITICAL);
      samples(Duration.ofHours(3), RAID_CRITICAL);
      clock.advance(Duration.ofMinutes(1));
      Deliveries d = sample(new Finding("raid", "md0", Severity.INFO, "md0 is clean"), DISK_OK);

      assertThat(d.sent()).extracting(Alert::state).containsOnly(AlertState.RESOLVED).hasSize(2);
      assertThat(sysadmin.lines().get(1)).isEqualTo("RESOLVED CRITICAL raid:md0");
      assertThat(rco.lines().get(1)).isEqualTo("RESOLVED CRITICAL raid:md0");
      assertThat(committee.received).isEmpty();
      assertThat(history.openIncidents()).isEmpty();
      Incident closed = history.incidents(T0).get(0);
      assertThat(closed.resolved()).isEqualTo(clock.instant());
      assertThat(closed.notifications()).allMatch(n -> n.sent() != null);
    }

    @Test
    @DisplayName("seen again after it resolved is a new incident, alerted again")
    void again() throws Exception {
      sample(RAID_WARN);
      samples(Duration.ofMinutes(5), DISK_OK);
      samples(Duration.ofMinutes(5), RAID_WARN);
      assertThat(sysadmin.lines())
          .containsExactly(
              "OPENED WARN raid:md0", "RESOLVED WARN raid:md0", "OPENED WARN raid:md0");
    }

    @Test
    @DisplayName("is not opened by OK or INFO findings, nor below minSeverity CRITICAL")
    void threshold() throws Exception {
      sample(DISK_OK, new Finding("uptime", "", Severity.INFO, "rebooted at 01:12"));
      assertThat(history.openIncidents()).isEmpty();

      incidents =
          new Incidents(
              history,
              Map.of("sysadmin", sysadmin),
              new AlertsConfig(Map.of(), null, CONFIG.escalation(), Severity.CRITICAL),
              "srv-primario");
      sample(RAID_WARN);
      assertThat(history.openIncidents()).isEmpty();
      sample(RAID_CRITICAL);
      assertThat(sysadmin.lines()).containsExactly("OPENED CRITICAL raid:md0");
    }
  }

  @Test
  @DisplayName("survive re-opening the history: no alert twice, escalation and recovery go on")
  void survivesRestart() throws Exception {
    sample(RAID_WARN);
    samples(Duration.ofHours(1), RAID_WARN);
    history.close();

    history = History.open(data);
    incidents = engine();
    samples(Duration.ofHours(2), RAID_WARN);
    assertThat(sysadmin.received).as("not again after the restart").hasSize(1);
    assertThat(rco.lines()).containsExactly("ESCALATED WARN raid:md0");
    history.close();

    history = History.open(data);
    incidents = engine();
    samples(Duration.ofMinutes(1), DISK_OK);
    assertThat(sysadmin.lines().get(1)).isEqualTo("RESOLVED WARN raid:md0");
    assertThat(rco.lines().get(1)).isEqualTo("RESOLVED WARN raid:md0");
    assertThat(committee.received).isEmpty();
  }

  @Nested
  @DisplayName("a channel that fails")
  class Failing {
    @Test
    @DisplayName(
        "(a webhook on a closed port) is tried again at the next update; the others are served")
    void closedPort() throws Exception {
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      Channel dead =
          new WebhookChannel(
              "rco",
              URI.create("http://127.0.0.1:" + port + "/hooks/s3cr3t-path"),
              null,
              Duration.ofSeconds(2));
      incidents =
          new Incidents(
              history,
              Map.of("sysadmin", sysadmin, "rco", dead),
              new AlertsConfig(
                  Map.of(),
                  null,
                  List.of(new AlertsConfig.Rule(Duration.ZERO, List.of("rco", "sysadmin"))),
                  Severity.WARN),
              "srv-primario");

      Deliveries first = sample(RAID_WARN);
      assertThat(sysadmin.lines()).containsExactly("OPENED WARN raid:md0");
      assertThat(first.failures())
          .singleElement()
          .asString()
          .contains("channel rco", "127.0.0.1:" + port)
          .doesNotContain("s3cr3t-path");

      clock.advance(Duration.ofMinutes(1));
      Deliveries second = sample(RAID_WARN);
      assertThat(second.failures()).hasSize(1);
      assertThat(sysadmin.received).hasSize(1);
      Incident.Notification pending =
          history.openIncidents().get(0).notifications().stream()
              .filter(n -> n.channel().equals("rco"))
              .findFirst()
              .orElseThrow();
      assertThat(pending.pending()).isTrue();
      assertThat(pending.attempts()).isEqualTo(2);
      assertThat(pending.error()).contains("127.0.0.1:" + port);
    }

    @Test
    @DisplayName("delivers what it missed once it works again, and is not skipped for good")
    void recovers() throws Exception {
      sysadmin.failuresLeft = 2;
      assertThat(sample(RAID_WARN).sent()).isEmpty();
      samples(Duration.ofMinutes(1), RAID_WARN);
      assertThat(sysadmin.received).isEmpty();
      samples(Duration.ofMinutes(1), RAID_WARN);
      assertThat(sysadmin.lines()).containsExactly("OPENED WARN raid:md0");
      samples(Duration.ofMinutes(10), RAID_WARN);
      assertThat(sysadmin.received).hasSize(1);
    }

    @Test
    @DisplayName(
        "never heard of the incident, so gets no recovery; its undelivered alert is given up")
    void resolvedBeforeDelivery() throws Exception {
      sysadmin.failuresLeft = 1;
      sample(RAID_WARN);
      samples(Duration.ofMinutes(1), DISK_OK);
      assertThat(sysadmin.received).isEmpty();
      assertThat(history.incidents(T0).get(0).notifications())
          .singleElement()
          .satisfies(n -> assertThat(n.givenUp()).isTrue());
    }
  }
}
