package it.continuo.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.history.History;
import it.continuo.history.HistoryEvent;
import it.continuo.status.RunSummary;
import it.continuo.testing.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A power cut, as the daemon lives it, against the real NUT upsd with the dummy-ups driver: the UPS
 * goes on battery with too little runtime for the last-chance backup, comes back, goes on battery
 * again with enough, then runs low; the alert goes out once, the slow backup running is stopped
 * cleanly, the shutdown sequence runs in order, and power back sends the recovery.
 */
class PowerCutIT {
  static final String NEVER = "0 0 0 1 1 ? 2099";
  static final String ONLINE = "ups.status: OL CHRG\nbattery.charge: 100\nbattery.runtime: 1800\n";

  @TempDir Path dir;
  TestServers servers;
  TestServers.Nut nut;

  @BeforeEach
  void online() throws Exception {
    servers = TestServers.requireNut();
    nut = servers.nut();
    servers.nut("nut-driver", "start");
    servers.nut("nut-upsd", "start");
    dev(ONLINE);
  }

  @AfterEach
  void backOnline() throws Exception {
    if (servers != null) {
      dev(ONLINE);
    }
  }

  @Test
  void aPowerCutPostponesBackupsRunsTheLastChanceOnlyWithRuntimeAndShutsDownOnLowBattery()
      throws Exception {
    Path config = configure();
    Path alerts = dir.resolve("alerts.log");
    Path shutdown = dir.resolve("shutdown.log");
    try (DaemonProcess d = DaemonProcess.start(config, dir.resolve("daemon.log"))) {
      d.await("UPS sala: .*(on line power|online|ONLINE)", Duration.ofSeconds(30));
      d.await("lento: ", Duration.ofSeconds(40)); // the slow job's run has started

      // On battery with 30 s of runtime: backups wait, no last chance (it needs 60 s).
      dev("ups.status: OB DISCHRG\nbattery.charge: 40\nbattery.runtime: 30\n");
      d.await(
          "last-chance backup of documenti not run: the UPS reports 30 s", Duration.ofSeconds(15));
      d.await("backup postponed: UPS sala is on battery", Duration.ofSeconds(30));
      awaitContains(alerts, "opened ups:sala");
      dev(ONLINE);
      d.await("power back on sala", Duration.ofSeconds(15));
      awaitContains(alerts, "resolved ups:sala");

      // On battery again with 15 minutes: the last-chance incremental runs at once.
      dev("ups.status: OB DISCHRG\nbattery.charge: 60\nbattery.runtime: 900\n");
      d.await("last-chance backup of documenti: the UPS reports 900 s", Duration.ofSeconds(15));
      d.await("documenti \\S+ \\w+: success", Duration.ofSeconds(60));

      // Low battery: the slow backup is stopped, then the shutdown commands run in order.
      dev("ups.status: OB DISCHRG LB\nbattery.charge: 8\nbattery.runtime: 90\n");
      d.await("shutdown: echo second", Duration.ofSeconds(15));
      d.await("lento .*: failed: .*cancel", Duration.ofSeconds(30));
      awaitLines(shutdown, 2);
      assertThat(Files.readAllLines(shutdown)).containsExactly("first", "second");

      // Power back sends the recovery of the second outage.
      dev(ONLINE);
      awaitCount(alerts, "resolved ups:sala", 2);
      d.signal("TERM");
      assertThat(d.awaitExit(Duration.ofSeconds(60))).isZero();
    }
    // One message per change of each outage, however many rounds of checks saw it: opened and
    // resolved for the first; for the second, opened (at WARN, or at CRITICAL when the battery
    // ran low before the next round of checks), still open once it was worse, and resolved.
    List<String> ups =
        Files.readAllLines(alerts).stream().filter(l -> l.contains(" ups:sala ")).toList();
    assertThat(ups.subList(0, 2)).containsExactly("opened ups:sala WARN", "resolved ups:sala WARN");
    List<String> second = ups.subList(2, ups.size());
    assertThat(second)
        .isIn(
            List.of(
                "opened ups:sala WARN",
                "still-open ups:sala CRITICAL",
                "resolved ups:sala CRITICAL"),
            List.of("opened ups:sala CRITICAL", "resolved ups:sala CRITICAL"));
    try (History history = History.open(dir.resolve("data"))) {
      List<HistoryEvent> events = history.events(Instant.EPOCH, 500);
      assertThat(events)
          .anyMatch(e -> e.kind().equals("ups") && e.message().contains("on battery"))
          .anyMatch(
              e -> e.kind().equals("power") && e.message().startsWith("shutdown: echo first"));
      List<RunSummary> lastChance =
          history.runsSince("documenti", Instant.EPOCH).stream()
              .filter(r -> r.trigger().equals("last-chance"))
              .toList();
      assertThat(lastChance).hasSize(1);
      assertThat(lastChance.get(0).outcome()).isEqualTo("success");
      assertThat(lastChance.get(0).level()).isIn("incremental", "full");
    }
  }

  Path configure() throws Exception {
    Path docs = Files.createDirectories(dir.resolve("docs"));
    Files.writeString(docs.resolve("fattura.txt"), "fattura 1\n");
    Path big = Files.createDirectories(dir.resolve("big"));
    byte[] noise = new byte[4 << 20];
    new Random(7).nextBytes(noise);
    Files.write(big.resolve("archivio.bin"), noise);
    Files.createDirectories(dir.resolve("nas"));
    Files.createDirectories(dir.resolve("slow"));
    Path script = dir.resolve("alert.sh");
    Files.writeString(
        script,
        "#!/bin/sh\necho \"$CONTINUO_ALERT_STATE $CONTINUO_ALERT_INCIDENT $CONTINUO_ALERT_SEVERITY\""
            + " >> "
            + dir.resolve("alerts.log")
            + "\n");
    script.toFile().setExecutable(true);
    Path secret = dir.resolve("nut.secret");
    Files.writeString(secret, nut.password() + "\n");
    Path config = dir.resolve("continuo.yaml");
    Files.writeString(
        config,
        """
        agent: { name: ufficio, dataDir: %s, timezone: Europe/Rome, shutdownGrace: 1s }
        sources:
          docs: { paths: [%s] }
          big: { paths: [%s] }
        targets:
          nas: { type: local, path: %s }
          slow: { type: local, path: %s, bandwidth: 64kbit }
        jobs:
          documenti: { source: docs, target: nas, full: "%s", incremental: "%s" }
          lento: { source: big, target: slow, full: "%s", incremental: "0/20 * * * * ?" }
        health:
          interval: 5s
          disk: { warn: 100%%, critical: 100%%, clear: 1%% }
          memory: { warn: 100%%, critical: 100%%, clear: 1%% }
          swap: { warn: 100%%, critical: 100%%, clear: 1%% }
          load: { warn: 1000, critical: 1000 }
          ups:
            sala:
              host: %s
              port: %d
              ups: %s
              user: %s
              password: "${file:%s}"
              pollInterval: 1s
              deadTime: 3s
              onBattery: { lastChance: [documenti], minRuntime: 60s }
              onLowBattery:
                shutdown: ["echo first >> %s", "echo second >> %s"]
                timeout: 10s
        alerts:
          channels:
            registro: { type: command, command: [%s] }
          escalation:
            - { after: 0m, to: [registro] }
        """
            .formatted(
                dir.resolve("data"),
                docs,
                big,
                dir.resolve("nas"),
                dir.resolve("slow"),
                NEVER,
                NEVER,
                NEVER,
                nut.host(),
                nut.port(),
                nut.ups(),
                nut.user(),
                secret,
                dir.resolve("shutdown.log"),
                dir.resolve("shutdown.log"),
                script));
    return config;
  }

  private void dev(String variables) throws IOException {
    nut.write(variables);
  }

  static void awaitLines(Path file, int lines) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(file) && Files.readAllLines(file).size() >= lines) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(file + " has not " + lines + " lines");
  }

  static void awaitCount(Path file, String text, int count) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(file)
          && Files.readAllLines(file).stream().filter(l -> l.contains(text)).count() >= count) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(file + " has not " + count + " lines with " + text);
  }

  static void awaitContains(Path file, String text) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(file) && Files.readString(file).contains(text)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        file
            + " does not contain "
            + text
            + ": "
            + (Files.exists(file) ? Files.readString(file) : "(none)"));
  }
}
