package it.continuo.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.failover.dns.DnsRepoint;
import it.continuo.failover.dns.DnsServer;
import it.continuo.failover.dns.TsigKey;
import it.continuo.history.FailoverRecord;
import it.continuo.history.History;
import it.continuo.history.Incident;
import it.continuo.testing.TestServers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The drill of seeds/004 in the lab, end to end, as a newcomer runs it from the README: the
 * primary's service "does not power on", the agent on the secondary notices and raises the
 * incident, then {@code scripts/continuo -c agent-config/lab.yaml failover drill lab} fences the
 * primary, checks the replica, starts the service on the secondary, repoints uno.lab.test on named
 * and the client's hosts file, verifies the service through the name, and fails back. Watched from
 * outside while it runs: named, the client's file and the service through the name.
 */
class LabDrillIT {
  static final Path REPO = Path.of("").toAbsolutePath();
  static final Path LAB = REPO.resolve("work/lab");
  static final Path CONFIG = REPO.resolve("agent-config/lab.yaml");

  TestServers servers;
  Map<String, String> env;

  @BeforeEach
  void labUp() throws Exception {
    servers = TestServers.requireDns();
    TestServers.requireClient();
    env = new HashMap<>(servers.variables());
    env.put("PWD", REPO.toString());
    Files.deleteIfExists(LAB.resolve("alerts.jsonl"));
    deleteTree(LAB.resolve("agent"));
    run(List.of("scripts/lab", "up"), Duration.ofSeconds(120));
  }

  @AfterEach
  void labDown() throws Exception {
    if (servers != null) {
      run(List.of("scripts/lab", "up"), Duration.ofSeconds(120)); // the initial state again
      run(
          List.of("scripts/lab-service", "stop", "uno", "127.0.0.2", "8080"),
          Duration.ofSeconds(30));
    }
  }

  @Test
  void thePrimaryDoesNotPowerOnTheAgentNoticesAndTheDrillRepointsTheClientsAndFailsBack()
      throws Exception {
    DnsRepoint named =
        new DnsRepoint(
            new DnsServer("127.0.0.1", servers.dns().port(), Duration.ofSeconds(5)),
            "lab.test",
            TsigKey.read(servers.dns().key()));
    Path hosts = LAB.resolve("client/hosts");
    String hostsBefore = Files.readString(hosts);
    assertThat(named.current("uno").addresses()).containsExactly(address("127.0.0.2"));

    try (DaemonProcess agent = DaemonProcess.start(CONFIG, LAB.resolve("daemon.log"), env, REPO)) {
      agent.await("lab-secondario|started|scheduled", Duration.ofSeconds(60));
      TimeUnit.SECONDS.sleep(3); // the watch has seen the primary answer

      // 30/08/2023: the primary does not power on.
      run(
          List.of("scripts/lab-service", "stop", "uno", "127.0.0.2", "8080"),
          Duration.ofSeconds(30));
      agent.await("primary lost: ", Duration.ofSeconds(30));
      awaitContains(LAB.resolve("alerts.jsonl"), "heartbeat");

      Observer observer = new Observer(named, hosts);
      Thread watching = new Thread(observer, "observer");
      watching.start();
      Result drill;
      try {
        drill =
            run(
                List.of("scripts/continuo", "-c", CONFIG.toString(), "failover", "drill", "lab"),
                Duration.ofMinutes(3));
      } finally {
        observer.stop = true;
        watching.join(10_000);
      }
      assertThat(drill.exit()).as(drill.output()).isZero();
      assertThat(drill.output()).contains("RTO").contains("RPO");

      // What was seen from outside while the drill ran.
      assertThat(observer.dns).as("named answered the secondary").contains("127.0.0.3");
      assertThat(observer.hostsLines)
          .as("the client's hosts file named the secondary")
          .contains("127.0.0.3 uno.lab.test uno");
      assertThat(observer.served)
          .as("uno.lab.test:8080 was served by the secondary")
          .anyMatch(page -> page.contains("uno on 127.0.0.3"));

      agent.signal("TERM");
      agent.awaitExit(Duration.ofSeconds(60));
    }

    // Failed back: the name, the client's file and the services as before.
    assertThat(named.current("uno").addresses()).containsExactly(address("127.0.0.2"));
    assertThat(Files.readString(hosts)).isEqualTo(hostsBefore);
    assertThat(Files.list(hosts.getParent()).map(p -> p.getFileName().toString()))
        .as("no backup of the hosts file left behind")
        .containsExactly("hosts");
    assertThat(get("http://127.0.0.3:8080/")).as("the secondary's service stopped").isNull();

    try (History history = History.open(LAB.resolve("agent"))) {
      List<Incident> incidents = history.incidents(Instant.EPOCH);
      assertThat(incidents).anyMatch(i -> i.key().equals("heartbeat:lab"));
      FailoverRecord run =
          history.failoverRun(history.failoverRuns(Instant.EPOCH).get(0).id()).orElseThrow();
      assertThat(run.mode()).isEqualTo("drill");
      assertThat(run.outcome()).isEqualTo("succeeded");
      assertThat(run.rpo()).isEqualTo(Duration.ZERO);
      assertThat(run.rto())
          .as("the seed's manual drill: 1 h 25 min")
          .isLessThan(Duration.ofSeconds(30));
      System.out.println(
          "lab drill: RTO " + run.rto().toMillis() / 1000.0 + " s, RPO " + run.rpo());
      assertThat(run.steps())
          .extracting(s -> s.kind() + " " + s.phase() + " " + s.outcome())
          .containsExactly(
              "notify run ok",
              "check-replica run ok",
              "fence run ok",
              "ssh run ok",
              "dns run ok",
              "hosts run ok",
              "verify run ok",
              "notify run ok",
              "hosts undo ok",
              "dns undo ok",
              "ssh undo ok");
      // The verbale: every step with its time.
      String verbale = Files.readString(Path.of(run.reportPath()), StandardCharsets.UTF_8);
      assertThat(verbale).contains("Verbale della prova di disaster recovery");
      for (var step : run.steps()) {
        assertThat(verbale).contains(step.description());
      }
      assertThat(Path.of(run.reportPath().replaceAll("\\.html$", ".pdf"))).exists();
    }
  }

  /** Polls named, the client's hosts file and the service through the name while the drill runs. */
  static final class Observer implements Runnable {
    final DnsRepoint named;
    final Path hosts;
    final Set<String> dns = ConcurrentHashMap.newKeySet();
    final Set<String> hostsLines = ConcurrentHashMap.newKeySet();
    final Set<String> served = ConcurrentHashMap.newKeySet();
    volatile boolean stop;

    Observer(DnsRepoint named, Path hosts) {
      this.named = named;
      this.hosts = hosts;
    }

    @Override
    public void run() {
      while (!stop) {
        try {
          for (InetAddress a : named.current("uno").addresses()) {
            dns.add(a.getHostAddress());
            String body = get("http://" + a.getHostAddress() + ":8080/");
            if (body != null) {
              served.add(body);
            }
          }
          hostsLines.addAll(Files.readAllLines(hosts));
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          // a file being replaced, a name being updated: the next round looks again
        }
      }
    }
  }

  static String get(String url) {
    try {
      HttpResponse<String> r =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(1))
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                  HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  static InetAddress address(String a) throws Exception {
    return InetAddress.getByName(a);
  }

  record Result(int exit, String output) {}

  Result run(List<String> command, Duration limit) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(REPO.toFile());
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    Path out = Files.createTempFile("lab", ".out");
    pb.redirectOutput(out.toFile());
    Process p = pb.start();
    if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(
          command + " did not end within " + limit + ":\n" + Files.readString(out));
    }
    String output = Files.readString(out);
    Files.delete(out);
    if (!command.get(0).equals("scripts/continuo") && p.exitValue() != 0) {
      throw new AssertionError(command + " exited " + p.exitValue() + ":\n" + output);
    }
    return new Result(p.exitValue(), output);
  }

  static void awaitContains(Path file, String text) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(file) && Files.readString(file).contains(text)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(file + " has no " + text);
  }

  static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      it.continuo.io.Trees.delete(dir);
    }
  }
}
