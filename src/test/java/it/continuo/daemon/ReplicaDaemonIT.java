package it.continuo.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.history.History;
import it.continuo.history.ReplicaCheck;
import it.continuo.http.PrometheusParser;
import it.continuo.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon checks a replica on its schedule against the real secondary sshd: in sync, then behind
 * its maxLag once a change of the primary is ten minutes old and not copied (the alert goes out
 * once, /metrics shows the lag), then in sync again once it is copied (the recovery).
 */
class ReplicaDaemonIT {
  static final String TOKEN = "s3cr3t-token-for-the-replica-test-0123";

  @TempDir Path dir;

  @Test
  void aReplicaFallingBehindItsMaxLagIsAlertedOnceShownInMetricsAndRecovers() throws Exception {
    TestServers servers = TestServers.require();
    Path primary = Files.createDirectories(dir.resolve("primary/uno"));
    Path secondary = Files.createDirectories(dir.resolve("secondary/uno"));
    for (Path side : List.of(primary, secondary)) {
      Files.writeString(side.resolve("rubrica.txt"), "Rossi 06 1234\n");
      Files.setLastModifiedTime(
          side.resolve("rubrica.txt"), FileTime.from(Instant.parse("2026-11-01T08:00:00Z")));
    }
    int port = DaemonServiceIT.freePort();
    Path config = configure(servers, primary, secondary, port);
    Path alerts = dir.resolve("alerts.log");

    try (DaemonProcess d = DaemonProcess.start(config, dir.resolve("daemon.log"))) {
      d.await("replica uno: in sync", Duration.ofSeconds(30));
      assertThat(state(port)).isEqualTo("in_sync");

      Path late = primary.resolve("fattura-11.pdf");
      Files.writeString(late, "fattura di novembre\n");
      Instant changed = Instant.now().minus(Duration.ofMinutes(10));
      Files.setLastModifiedTime(late, FileTime.from(changed));
      d.await("replica uno: behind", Duration.ofSeconds(30));
      PowerCutIT.awaitContains(alerts, "opened replica:uno CRITICAL");
      assertThat(state(port)).isEqualTo("behind");
      var families = PrometheusParser.parse(metrics(port));
      // A check that started up to one schedule before the file was written sees it too.
      assertThat(
              PrometheusParser.value(
                  families, "continuo_replica_lag_seconds", Map.of("replica", "uno")))
          .hasValueSatisfying(lag -> assertThat(lag).isBetween(590.0, 660.0));
      assertThat(
              PrometheusParser.value(
                  families,
                  "continuo_replica_differences",
                  Map.of("replica", "uno", "kind", "missing")))
          .contains(1.0);

      Files.copy(late, secondary.resolve("fattura-11.pdf"));
      Files.setLastModifiedTime(secondary.resolve("fattura-11.pdf"), FileTime.from(changed));
      PowerCutIT.awaitContains(alerts, "resolved replica:uno");
      d.signal("TERM");
      assertThat(d.awaitExit(Duration.ofSeconds(30))).isZero();
    }
    assertThat(Files.readAllLines(alerts).stream().filter(l -> l.contains("replica:uno")))
        .as("one message per change, however many checks saw it")
        .containsExactly("opened replica:uno CRITICAL", "resolved replica:uno CRITICAL");
    try (History history = History.open(dir.resolve("data"))) {
      List<ReplicaCheck> checks = history.replicaChecks("uno", Instant.EPOCH);
      assertThat(checks).extracting(ReplicaCheck::state).contains("IN_SYNC", "BEHIND");
      assertThat(checks)
          .filteredOn(k -> k.state().equals("BEHIND"))
          .first()
          .satisfies(
              k ->
                  assertThat(k.differences())
                      .singleElement()
                      .asString()
                      .startsWith("missing fattura-11.pdf: "));
    }
  }

  static String state(int port) throws Exception {
    var families = PrometheusParser.parse(metrics(port));
    for (String state : List.of("in_sync", "lagging", "behind", "different", "unknown")) {
      if (PrometheusParser.value(
              families,
              "continuo_replica_state",
              Map.of("replica", "uno", "state", state, "quick", "false"))
          .isPresent()) {
        return state;
      }
    }
    return "none";
  }

  static String metrics(int port) throws Exception {
    var response = DaemonServiceIT.get(port, "/metrics", TOKEN);
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  Path configure(TestServers servers, Path primary, Path secondary, int port) throws Exception {
    Path token = dir.resolve("http.token");
    Files.writeString(token, TOKEN + "\n");
    Path script = dir.resolve("alert.sh");
    Files.writeString(
        script,
        "#!/bin/sh\necho \"$CONTINUO_ALERT_STATE $CONTINUO_ALERT_INCIDENT $CONTINUO_ALERT_SEVERITY\""
            + " >> "
            + dir.resolve("alerts.log")
            + "\n");
    script.toFile().setExecutable(true);
    Path config = dir.resolve("continuo.yaml");
    Files.writeString(
        config,
        """
        agent: { name: primario, dataDir: %s, timezone: Europe/Rome }
        http: { listen: "127.0.0.1:%d", token: "${file:%s}" }
        hosts:
          secondario: { address: %s, port: %d, user: root, key: %s, knownHosts: %s }
        replicas:
          uno:
            primary: { path: %s }
            secondary: { host: secondario, path: %s }
            maxLag: 1m
            schedule: "0/2 * * * * ?"
        alerts:
          channels:
            registro: { type: command, command: [%s] }
          escalation:
            - { after: 0m, to: [registro] }
        """
            .formatted(
                dir.resolve("data"),
                port,
                token,
                servers.secondary().host(),
                servers.secondary().port(),
                servers.sshKey(),
                servers.knownHosts(),
                primary,
                secondary,
                script));
    return config;
  }
}
