package it.continuo.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("failover:")
class FailoverSectionTest {
  @TempDir Path dir;
  String keys;

  @BeforeEach
  void files() throws Exception {
    Files.writeString(dir.resolve("id_ed25519"), "key");
    Files.writeString(dir.resolve("known_hosts"), "");
    Files.writeString(
        dir.resolve("ddns.key"), "key \"k\" { algorithm hmac-sha256; secret \"x\"; };");
    keys = "key: " + dir.resolve("id_ed25519") + ", knownHosts: " + dir.resolve("known_hosts");
  }

  /** A file whose line 15 is the first line of {@code failover}. */
  Config load(String failover) throws Exception {
    Path file = dir.resolve("continuo.yaml");
    Files.writeString(
        file,
        """
        agent: { name: secondario, dataDir: data }
        hosts:
          primario: { address: 127.0.0.2, port: 2222, user: root, %1$s }
          secondario: { address: 127.0.0.3, port: 2222, user: root, %1$s }
          pc01: { address: 127.0.0.4, port: 2222, user: root, %1$s }
        sources: { uno: { paths: [/srv/uno] } }
        targets: { nas: { type: local, path: /mnt/nas } }
        jobs: { uno-nas: { source: uno, target: nas, full: "0 0 22 ? * SUN", incremental: "0 0 22 ? * MON-SAT" } }
        replicas: { uno: { primary: { host: primario, path: /srv/uno }, secondary: { host: secondario, path: /srv/uno }, maxLag: 15m } }
        services:
          - { name: Gestionale Uno, rpo: 1h, rto: 4h, jobs: [uno-nas], replica: uno, runbook: uno }
        alerts:
          channels: { ops: { type: command, command: [/bin/true] } }
          escalation: [ { after: 0s, to: [ops] } ]
        %2$s"""
            .formatted(keys, failover));
    return new ConfigLoader(Map.of()).load(file);
  }

  String error(String failover) {
    try {
      load(failover);
    } catch (ConfigException e) {
      return e.getMessage();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected a configuration error");
  }

  /** A runbook {@code uno} with the given steps (the first step is on line 22). */
  String runbook(String steps) {
    return """
        failover:
          runbooks:
            uno:
              service: Gestionale Uno
              primary: primario
              secondary: secondario
              steps:
        %s"""
        .formatted(steps.indent(8));
  }

  @Test
  @DisplayName("reads the issue's runbook with every kind of step")
  void fullRunbook() throws Exception {
    Config c =
        load(
            runbook(
                """
                - check-replica: uno
                - fence:
                    - { ssh: { host: primario, run: "systemctl stop uno" } }
                    - { ups: { ups: "eaton@127.0.0.1", command: outlet.1.load.off, user: admin, password: "${file:ddns.key}" } }
                    - { unreachable: { host: primario, port: 3389, for: 20s } }
                - ssh: { host: secondario, run: "systemctl start uno" }
                  undo: { host: secondario, run: "systemctl stop uno" }
                  retries: 2
                  retryDelay: 1s
                - dns: { server: "127.0.0.1:5353", zone: lab.test, name: uno.lab.test, from: 127.0.0.2, to: 127.0.0.3, ttl: 30s, tsigKey: ddns.key }
                - hosts: { clients: [pc01], files: [/etc/hosts], from: 127.0.0.2, to: 127.0.0.3 }
                  undo: false
                - vip: { address: 10.0.0.10/24, device: eth0, from: primario, to: secondario }
                - wait: { tcp: "secondario:3389" }
                - verify: { http: "http://uno.lab.test:8080/", expect: 204, resolver: "127.0.0.1:5353" }
                  timeout: 60s
                  name: service answers
                - notify: { message: "Uno runs on the secondary", channels: [ops], required: true }
                """));
    RunbookConfig r = c.failover().runbook("uno");
    assertThat(r.service().name()).isEqualTo("Gestionale Uno");
    assertThat(r.primary().name()).isEqualTo("primario");
    assertThat(r.secondary().address()).isEqualTo("127.0.0.3");
    assertThat(r.onFailure()).isEqualTo(RunbookConfig.OnFailure.UNDO);
    assertThat(r.fences()).isTrue();
    assertThat(r.steps())
        .extracting(StepConfig::kind)
        .containsExactly(
            "check-replica", "fence", "ssh", "dns", "hosts", "vip", "wait", "verify", "notify");

    var check = (StepConfig.CheckReplica) r.steps().get(0).action();
    assertThat(check.replica().name()).isEqualTo("uno");
    assertThat(check.maxLag()).as("the service's RPO").isEqualTo(Duration.ofHours(1));

    var fence = (StepConfig.Fence) r.steps().get(1).action();
    assertThat(fence.methods())
        .extracting(StepConfig.FenceMethod::kind)
        .containsExactly("ssh", "ups", "unreachable");
    var ups = (StepConfig.FenceUps) fence.methods().get(1);
    assertThat(ups.ups()).isEqualTo("eaton");
    assertThat(ups.port()).isEqualTo(3493);
    assertThat(ups.password().reference()).isEqualTo("${file:ddns.key}");
    assertThat(((StepConfig.FenceUnreachable) fence.methods().get(2)).period())
        .isEqualTo(Duration.ofSeconds(20));

    StepConfig ssh = r.steps().get(2);
    assertThat(ssh.retries()).isEqualTo(2);
    assertThat(ssh.retryDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(ssh.timeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(((StepConfig.Ssh) ssh.undo()).run()).isEqualTo("systemctl stop uno");

    StepConfig dnsStep = r.steps().get(3);
    var dns = (StepConfig.Dns) dnsStep.action();
    assertThat(dns.server()).isEqualTo("127.0.0.1:5353");
    assertThat(dns.from()).isEqualTo(InetAddress.getByName("127.0.0.2"));
    assertThat(dns.ttl()).isEqualTo(Duration.ofSeconds(30));
    assertThat(dns.tsigKey()).isEqualTo(dir.resolve("ddns.key"));
    assertThat(dnsStep.undoImplied()).isTrue();
    assertThat(dnsStep.path()).isEqualTo("failover.runbooks.uno.steps[3]");

    assertThat(r.steps().get(4).undoImplied()).as("undo: false").isFalse();
    var wait = (StepConfig.Probe) r.steps().get(6).action();
    assertThat(wait.check()).isEqualTo(new StepConfig.TcpCheck("127.0.0.3", 3389, null));
    StepConfig verify = r.steps().get(7);
    assertThat(verify.label()).isEqualTo("service answers");
    assertThat(verify.timeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(((StepConfig.Probe) verify.action()).check())
        .isEqualTo(
            new StepConfig.HttpCheck(
                URI.create("http://uno.lab.test:8080/"), 204, "127.0.0.1:5353"));
    assertThat(((StepConfig.Notify) r.steps().get(8).action()).required()).isTrue();
  }

  @Test
  @DisplayName("no failover section is no runbook")
  void none() throws Exception {
    Path file = dir.resolve("plain.yaml");
    Files.writeString(
        file,
        """
        agent: { name: a, dataDir: data }
        sources: { uno: { paths: [/srv/uno] } }
        targets: { nas: { type: local, path: /mnt/nas } }
        jobs: { uno-nas: { source: uno, target: nas, full: "0 0 22 ? * SUN", incremental: "0 0 22 ? * MON-SAT" } }
        """);
    assertThat(new ConfigLoader(Map.of()).load(file).failover()).isEqualTo(FailoverConfig.NONE);
  }

  @Test
  @DisplayName("check-replica takes a mapping with its own maxLag; onFailure stop; detection")
  void detailedForms() throws Exception {
    Config c =
        load(
            """
            failover:
              detection: { watch: ["primario:3389", "http://127.0.0.2:8420/health"], interval: 5s, misses: 2 }
              runbooks:
                uno:
                  service: Gestionale Uno
                  primary: primario
                  secondary: secondario
                  onFailure: stop
                  steps:
                    - check-replica: { replica: uno, maxLag: 5m }
                    - fence: { unreachable: { host: primario, port: 3389 } }
            """);
    RunbookConfig r = c.failover().runbook("uno");
    assertThat(r.onFailure()).isEqualTo(RunbookConfig.OnFailure.STOP);
    assertThat(((StepConfig.CheckReplica) r.steps().get(0).action()).maxLag())
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(((StepConfig.Fence) r.steps().get(1).action()).methods()).hasSize(1);
    assertThat(r.detection().tcp()).containsExactly("127.0.0.2:3389");
    assertThat(r.detection().http()).containsExactly(URI.create("http://127.0.0.2:8420/health"));
    assertThat(r.detection().misses()).isEqualTo(2);
    assertThat(r.detection().auto()).isFalse();
  }

  @Nested
  @DisplayName("bad input names the step's path and line")
  class BadInput {
    @Test
    @DisplayName("an unknown host")
    void unknownHost() {
      assertThat(
              error(
                  runbook(
                      """
                      - ssh: { host: terziario, run: "true" }
                      """)))
          .contains("failover.runbooks.uno.steps[0].ssh.host")
          .contains("unknown host \"terziario\"")
          .contains("(line 22)");
    }

    @Test
    @DisplayName("a missing TSIG key file")
    void missingKey() {
      assertThat(
              error(
                  runbook(
                      """
                      - check-replica: uno
                      - dns: { server: "127.0.0.1:5353", zone: lab.test, name: uno.lab.test, from: 127.0.0.2, to: 127.0.0.3, tsigKey: missing.key }
                      """)))
          .contains("failover.runbooks.uno.steps[1].dns.tsigKey")
          .contains("cannot read the TSIG key file")
          .contains("no such file")
          .contains("(line 23)");
    }

    @Test
    @DisplayName("automatic execution without a fence step")
    void autoWithoutFence() {
      assertThat(
              error(
                  """
                  failover:
                    runbooks:
                      uno:
                        service: Gestionale Uno
                        primary: primario
                        secondary: secondario
                        detection: { watch: ["primario:3389"], auto: true }
                        steps:
                          - ssh: { host: secondario, run: "true" }
                  """))
          .contains("failover.runbooks.uno.detection")
          .contains("automatic execution requires a fence step")
          .contains("(line 21)");
    }

    @Test
    @DisplayName("an unknown replica")
    void unknownReplica() {
      assertThat(error(runbook("- check-replica: { replica: due }\n")))
          .contains("failover.runbooks.uno.steps[0].check-replica.replica")
          .contains("unknown replica \"due\"; replicas: uno")
          .contains("(line 22)");
    }

    @Test
    @DisplayName("an unknown service, an unknown alert channel")
    void unknownServiceAndChannel() {
      assertThat(
              error(
                  """
                  failover:
                    runbooks:
                      uno: { service: Due, primary: primario, secondary: secondario, steps: [ { notify: x } ] }
                  """))
          .contains("failover.runbooks.uno.service")
          .contains("unknown service \"Due\"; services: Gestionale Uno");
      assertThat(error(runbook("- notify: { message: hi, channels: [sms] }\n")))
          .contains("steps[0].notify.channels")
          .contains("unknown alert channel \"sms\"; channels: ops");
    }

    @Test
    @DisplayName("invalid addresses and a dns from equal to its to")
    void addresses() {
      assertThat(
              error(
                  runbook(
                      """
                      - dns: { server: "127.0.0.1:5353", zone: lab.test, name: uno.lab.test, from: 127.0.0.2, to: 127.0.0.2, tsigKey: ddns.key }
                      """)))
          .contains("steps[0].dns.to")
          .contains("from and to are the same address");
      assertThat(
              error(
                  runbook(
                      """
                      - hosts: { clients: [pc01], files: [/etc/hosts], from: 127.0.0.256, to: 127.0.0.3 }
                      """)))
          .contains("steps[0].hosts.from")
          .contains("not a valid IP address");
      assertThat(
              error(
                  runbook(
                      """
                      - vip: { address: 10.0.0.10, device: eth0, from: primario, to: secondario }
                      """)))
          .contains("steps[0].vip.address")
          .contains("prefix");
      assertThat(
              error(
                  runbook(
                      """
                      - dns: { server: "127.0.0.1:5353", zone: lab.test, name: uno.other.test, from: 127.0.0.2, to: 127.0.0.3, tsigKey: ddns.key }
                      """)))
          .contains("is not in zone lab.test");
    }

    @Test
    @DisplayName("a runbook without steps, a step of two kinds or none, a bad undo")
    void shapes() {
      assertThat(error(runbook("[]")))
          .contains("failover.runbooks.uno.steps")
          .contains("at least one step");
      assertThat(error(runbook("- { ssh: { host: secondario, run: a }, notify: b }\n")))
          .contains("exactly one kind");
      assertThat(error(runbook("- { timeout: 5s }\n"))).contains("a step needs one kind");
      assertThat(error(runbook("- { notify: hi, undo: { host: secondario, run: x } }\n")))
          .contains("steps[0].undo")
          .contains("has no undo");
      assertThat(error(runbook("- { verify: { tcp: \"secondario\" } }\n")))
          .contains("steps[0].verify.tcp")
          .contains("expected host:port");
    }

    @Test
    @DisplayName("a service naming a runbook that does not exist")
    void serviceRunbook() {
      assertThat(error(""))
          .contains("services[0].runbook")
          .contains("unknown runbook \"uno\"")
          .contains("(line 11)");
    }
  }
}
