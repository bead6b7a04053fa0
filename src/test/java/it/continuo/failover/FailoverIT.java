package it.continuo.failover;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.config.Config;
import it.continuo.config.ConfigLoader;
import it.continuo.config.ReplicaConfig;
import it.continuo.failover.dns.DnsRepoint;
import it.continuo.failover.dns.DnsServer;
import it.continuo.failover.dns.TsigKey;
import it.continuo.replica.ReplicaResult;
import it.continuo.replica.ReplicaState;
import it.continuo.testing.TestServers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * Runbooks against the test servers: the sshd "primary" (127.0.0.2) and "secondary" (127.0.0.3),
 * named on 127.0.0.1:5353 with zone lab.test, and the lab's stand-in service ({@code
 * scripts/lab-service}) started on the secondary by an ssh step.
 */
@DisplayName("Failover against the test servers")
class FailoverIT {
  static final InetAddress PRIMARY = address("127.0.0.2");
  static final InetAddress SECONDARY = address("127.0.0.3");

  @TempDir Path dir;
  TestServers servers;
  TestServers.Dns dns;
  String label;
  int port;
  Path lab;

  @BeforeEach
  void setUp() throws Exception {
    servers = TestServers.requireDns();
    TestServers.require();
    dns = servers.dns();
    label = "fo-" + UUID.randomUUID().toString().substring(0, 8);
    port = freePort();
    lab = dir.resolve("lab");
    Files.createDirectories(lab);
    set(PRIMARY);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (servers == null) {
      return;
    }
    service("stop");
    Update update = new Update(Name.fromString(dns.zone() + "."));
    update.delete(name(), Type.A);
    signed(update);
  }

  @Test
  @DisplayName(
      "a drill starts the service on the secondary, repoints DNS, verifies, then fails back")
  void drill() throws Exception {
    Failover f = failover(startService() + dnsStep() + verifyHttp());
    FailoverRun run = f.drill("uno", Failover.Options.by("tester"));
    assertThat(run.succeeded()).as(run.message()).isTrue();
    assertThat(run.steps())
        .extracting(s -> s.phase() + " " + s.kind() + " " + s.outcome())
        .containsExactly("RUN ssh OK", "RUN dns OK", "RUN verify OK", "UNDO dns OK", "UNDO ssh OK");
    assertThat(run.steps().get(1).lines().get(0))
        .contains(label + ".lab.test A now 127.0.0.3, confirmed by 127.0.0.1:5353");
    assertThat(run.steps().get(0).facts()).containsEntry(StepOutcome.EXIT_CODE, "0");
    assertThat(run.rto()).isLessThan(Duration.ofSeconds(30));
    assertThat(current()).as("failed back").containsExactly(PRIMARY);
    assertThat(answers(SECONDARY, port)).as("the stand-in stopped by the undo").isFalse();
  }

  @Test
  @DisplayName("execute stays on the secondary; failback checks the primary and returns")
  void executeThenFailback() throws Exception {
    Failover f = failover(startService() + dnsStep() + verifyTcp());
    FailoverRun run = f.execute("uno", Failover.Options.by("tester"));
    assertThat(run.succeeded()).as(run.message()).isTrue();
    assertThat(current()).containsExactly(SECONDARY);
    assertThat(answers(SECONDARY, port)).isTrue();
    FailoverRun back = f.failback("uno", Failover.Options.by("tester"));
    assertThat(back.outcome()).as(back.message()).isEqualTo(FailoverRun.Outcome.SUCCEEDED);
    assertThat(back.steps()).extracting(StepRecord::kind).containsExactly("dns", "ssh");
    assertThat(current()).containsExactly(PRIMARY);
    assertThat(answers(SECONDARY, port)).isFalse();
  }

  @Test
  @DisplayName("plan changes nothing: DNS, files and services are as before")
  void planTouchesNothing() throws Exception {
    Path marker = lab.resolve("marker");
    Files.writeString(marker, "before");
    String touch = "    - ssh: { host: secondario, run: \"echo after > " + marker + "\" }\n";
    Failover f = failover(startService() + touch + dnsStep() + verifyHttp());
    RunbookPlan plan = f.plan("uno");
    assertThat(plan.steps()).hasSize(4);
    assertThat(plan.steps().get(2).changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(Change.Kind.CHANGE);
              assertThat(c.text()).contains(label + ".lab.test A 127.0.0.2 → 127.0.0.3");
            });
    assertThat(plan.steps().get(0).changes().get(0).text()).contains("would run:");
    assertThat(current()).containsExactly(PRIMARY);
    assertThat(Files.readString(marker)).isEqualTo("before");
    assertThat(answers(SECONDARY, port)).isFalse();
    assertThat(Files.list(lab).filter(p -> p.toString().endsWith(".pid"))).isEmpty();
  }

  @Test
  @DisplayName("a record someone else changed is left alone and the step fails, nothing changed")
  void changedByOthers() throws Exception {
    set(address("127.0.0.9"));
    Failover f = failover(startService() + dnsStep());
    FailoverRun run = f.execute("uno", Failover.Options.by("tester"));
    assertThat(run.outcome()).isEqualTo(FailoverRun.Outcome.FAILED);
    assertThat(run.message())
        .contains("the record was changed by someone else")
        .contains("holds 127.0.0.9, not the expected 127.0.0.2; nothing changed");
    assertThat(current()).containsExactly(address("127.0.0.9"));
    assertThat(answers(SECONDARY, port)).as("the ssh step undone").isFalse();
  }

  @Test
  @DisplayName("an unreachable DNS server: the plan refuses, the run fails at that step and undoes")
  void dnsServerUnreachable() throws Exception {
    int closed = freePort(); // nothing listens there
    String step =
        dnsStep().replace("127.0.0.1:" + dns.port(), "127.0.0.1:" + closed).replace("}\n", "}")
            + "\n      timeout: 10s\n";
    Failover f = failover(startService() + step);

    RunbookPlan plan = f.plan("uno");
    assertThat(plan.refusals()).isTrue();
    assertThat(plan.steps().get(1).changes())
        .anyMatch(c -> c.kind() == Change.Kind.REFUSAL && c.text().contains("127.0.0.1:" + closed));

    FailoverRun run = f.execute("uno", Failover.Options.by("tester"));
    assertThat(run.outcome()).isEqualTo(FailoverRun.Outcome.FAILED);
    assertThat(run.steps())
        .extracting(s -> s.phase() + " " + s.kind() + " " + s.outcome())
        .startsWith("RUN ssh OK", "RUN dns FAILED");
    assertThat(run.steps().get(1).error()).contains("DNS server 127.0.0.1:" + closed);
    assertThat(run.message()).contains("dns");
    assertThat(answers(SECONDARY, port)).as("the ssh step undone").isFalse();
    assertThat(current()).containsExactly(PRIMARY);
  }

  @Test
  @DisplayName("an ssh step records the exit status and output; a non-zero exit fails it")
  void sshExit() throws Exception {
    String ok = "    - ssh: { host: secondario, run: \"echo started; echo warn >&2\" }\n";
    String bad = "    - ssh: { host: secondario, run: \"echo broken >&2; exit 4\" }\n";
    Failover f = failover(ok + bad);
    FailoverRun run = f.execute("uno", Failover.Options.by("tester"));
    assertThat(run.steps().get(0).lines())
        .containsExactly("exit 0", "stdout: started", "stderr: warn");
    assertThat(run.steps().get(1).outcome()).isEqualTo(StepRecord.Outcome.FAILED);
    assertThat(run.steps().get(1).error())
        .isEqualTo("ssh secondario: the command exited with status 4: broken");
  }

  @Test
  @DisplayName("a fence that fails stops the runbook before anything is promoted")
  void fenceFails() throws Exception {
    String fence = "    - fence: { unreachable: { host: primario, port: 2222, for: 1s } }\n";
    Failover f = failover(fence + startService() + dnsStep());
    FailoverRun run = f.drill("uno", Failover.Options.by("tester"));
    assertThat(run.outcome()).isEqualTo(FailoverRun.Outcome.FAILED);
    assertThat(run.message()).contains("nothing was promoted");
    assertThat(run.steps()).extracting(StepRecord::kind).containsExactly("fence");
    assertThat(current()).containsExactly(PRIMARY);
    assertThat(answers(SECONDARY, port)).isFalse();
  }

  @Test
  @DisplayName("a step that times out undoes the steps done so far")
  void timeout() throws Exception {
    String slow =
        "    - { ssh: { host: secondario, run: \"sleep 30\" }, timeout: 2s, name: slow }\n";
    Failover f = failover(startService() + dnsStep() + slow + verifyHttp());
    long t0 = System.nanoTime();
    FailoverRun run = f.execute("uno", Failover.Options.by("tester"));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
    assertThat(run.outcome()).isEqualTo(FailoverRun.Outcome.FAILED);
    assertThat(run.steps())
        .extracting(s -> s.phase() + " " + s.label() + " " + s.outcome())
        .containsExactly(
            "RUN ssh OK", "RUN dns OK", "RUN slow TIMED_OUT", "UNDO dns OK", "UNDO ssh OK");
    assertThat(current()).containsExactly(PRIMARY);
    assertThat(answers(SECONDARY, port)).isFalse();
  }

  @Test
  @DisplayName("two failovers at once: the second is refused")
  void twoAtOnce() throws Exception {
    String slow = "    - ssh: { host: secondario, run: \"sleep 3\" }\n";
    Failover f = failover(slow);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<FailoverRun> first = pool.submit(() -> f.execute("uno", Failover.Options.by("a")));
      Thread.sleep(1000);
      FailoverRun second = f.drill("uno", Failover.Options.by("b"));
      assertThat(second.outcome()).isEqualTo(FailoverRun.Outcome.REFUSED);
      assertThat(second.message()).contains("another failover is running");
      assertThat(first.get().outcome()).isEqualTo(FailoverRun.Outcome.SUCCEEDED);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("check-replica refuses a lag over the RPO without --force, and records --force")
  void replicaLagging() throws Exception {
    ReplicaGate behind =
        (replica, quick, since) -> result(replica, ReplicaState.BEHIND, Duration.ofHours(2));
    String steps = "    - check-replica: uno\n" + startService();
    Failover f = failover(steps, behind);
    FailoverRun refused = f.execute("uno", Failover.Options.by("tester"));
    assertThat(refused.outcome()).isEqualTo(FailoverRun.Outcome.FAILED);
    assertThat(refused.message()).contains("refused: replica uno: behind, lag 2h");
    assertThat(refused.steps()).hasSize(1);
    assertThat(answers(SECONDARY, port)).isFalse();

    FailoverRun forced = f.drill("uno", Failover.Options.by("tester").forced(true));
    assertThat(forced.succeeded()).as(forced.message()).isTrue();
    assertThat(forced.forced()).isTrue();
    assertThat(forced.rpo()).isEqualTo(Duration.ofHours(2));
    assertThat(forced.rpoMet()).isFalse();
    assertThat(forced.steps().get(0).lines()).anyMatch(l -> l.startsWith("forced past:"));
  }

  @Test
  @DisplayName("failback refuses while data written on the secondary is not back on the primary")
  void failbackRefusesUnsynchronised() throws Exception {
    ReplicaGate gate =
        (replica, quick, since) ->
            replica.primary().host() != null && replica.primary().host().name().equals("secondario")
                ? result(replica, ReplicaState.LAGGING, Duration.ofMinutes(3))
                : result(replica, ReplicaState.IN_SYNC, Duration.ZERO);
    Failover f = failover("    - check-replica: uno\n" + startService(), gate);
    FailoverRun back = f.failback("uno", Failover.Options.by("tester"));
    assertThat(back.outcome()).isEqualTo(FailoverRun.Outcome.REFUSED);
    assertThat(back.message())
        .contains("has not all gone back to the primary")
        .contains("synchronise secondario:/srv/uno to primario:/srv/uno first");
  }

  // --- the runbook

  String startService() {
    String script = Path.of("scripts/lab-service").toAbsolutePath().toString();
    String env = "CONTINUO_LAB_DIR=" + lab + " ";
    return "    - ssh: { host: secondario, run: \""
        + env
        + script
        + " start uno 127.0.0.3 "
        + port
        + "\" }\n"
        + "      undo: { host: secondario, run: \""
        + env
        + script
        + " stop uno 127.0.0.3 "
        + port
        + "\" }\n";
  }

  String dnsStep() {
    return "    - dns: { server: \"127.0.0.1:"
        + dns.port()
        + "\", zone: lab.test, name: "
        + label
        + ".lab.test, from: 127.0.0.2, to: 127.0.0.3, ttl: 5s, tsigKey: "
        + dns.key()
        + " }\n";
  }

  String verifyHttp() {
    return "    - verify: { http: \"http://"
        + label
        + ".lab.test:"
        + port
        + "/\", resolver: \"127.0.0.1:"
        + dns.port()
        + "\" }\n      timeout: 15s\n";
  }

  String verifyTcp() {
    return "    - verify: { tcp: \"secondario:" + port + "\" }\n      timeout: 15s\n";
  }

  Failover failover(String steps) throws Exception {
    return failover(steps, (r, q, s) -> result(r, ReplicaState.IN_SYNC, Duration.ZERO));
  }

  Failover failover(String steps, ReplicaGate gate) throws Exception {
    String host = "{ address: %s, port: %d, user: %s, key: %s, knownHosts: %s }";
    Path file = dir.resolve("continuo.yaml");
    Files.writeString(
        file,
        """
        agent: { name: secondario, dataDir: data }
        hosts:
          primario: %s
          secondario: %s
        sources: { uno: { paths: [/srv/uno] } }
        targets: { nas: { type: local, path: /mnt/nas } }
        jobs: { uno-nas: { source: uno, target: nas, full: "0 0 22 ? * SUN", incremental: "0 0 22 ? * MON-SAT" } }
        replicas: { uno: { primary: { host: primario, path: /srv/uno }, secondary: { host: secondario, path: /srv/uno }, maxLag: 1h } }
        services:
          - { name: Uno, rpo: 1h, rto: 4h, jobs: [uno-nas], replica: uno, runbook: uno }
        failover:
          runbooks:
            uno:
              service: Uno
              primary: primario
              secondary: secondario
              steps:
        %s"""
            .formatted(
                host.formatted(
                    servers.primary().host(),
                    servers.primary().port(),
                    servers.sshUser(),
                    servers.sshKey(),
                    servers.knownHosts()),
                host.formatted(
                    servers.secondary().host(),
                    servers.secondary().port(),
                    servers.sshUser(),
                    servers.sshKey(),
                    servers.knownHosts()),
                steps.indent(4)));
    Config config = new ConfigLoader(Map.of()).load(file);
    return Failover.builder(config).replicaGate(gate).build();
  }

  static ReplicaResult result(ReplicaConfig replica, ReplicaState state, Duration lag) {
    return new ReplicaResult(
        replica.name(),
        Instant.now(),
        true,
        state,
        lag,
        replica.maxLag(),
        1,
        1,
        1,
        1,
        0,
        0,
        0,
        0,
        0,
        List.of(),
        false,
        List.of(),
        "test",
        Duration.ZERO);
  }

  // --- the world

  /** Runs scripts/lab-service here, on the lab directory of the test (for the cleanup). */
  void service(String action) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
                "scripts/lab-service", action, "uno", "127.0.0.3", Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("CONTINUO_LAB_DIR", lab.toString());
    pb.start().waitFor();
  }

  static boolean answers(InetAddress address, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address, port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static int freePort() throws IOException {
    for (int i = 0; i < 50; i++) {
      int candidate = 18100 + (int) (Math.random() * 800);
      try (ServerSocket s = new ServerSocket()) {
        s.bind(new InetSocketAddress(SECONDARY, candidate));
        return candidate;
      } catch (IOException e) {
        // taken: another
      }
    }
    throw new IOException("no free port on 127.0.0.3");
  }

  Name name() throws Exception {
    return Name.fromString(label + "." + dns.zone() + ".");
  }

  List<InetAddress> current() throws Exception {
    return new DnsRepoint(
            new DnsServer(dns.host(), dns.port(), Duration.ofSeconds(5)),
            dns.zone(),
            TsigKey.read(dns.key()))
        .current(label)
        .addresses();
  }

  void set(InetAddress address) throws Exception {
    Update update = new Update(Name.fromString(dns.zone() + "."));
    update.delete(name(), Type.A);
    update.add(new ARecord(name(), DClass.IN, 5, address));
    signed(update);
  }

  void signed(Update update) throws Exception {
    SimpleResolver resolver = new SimpleResolver(dns.host());
    resolver.setPort(dns.port());
    resolver.setTCP(true);
    resolver.setTimeout(Duration.ofSeconds(5));
    TsigKey key = TsigKey.read(dns.key());
    resolver.setTSIGKey(
        new org.xbill.DNS.TSIG(
            key.algorithm(),
            key.name(),
            java.util.Base64.getEncoder().encodeToString(key.secret())));
    Message answer = resolver.send(update);
    assertThat(Rcode.string(answer.getRcode())).isEqualTo("NOERROR");
  }

  static InetAddress address(String s) {
    try {
      return InetAddress.getByName(s);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
