package it.continuo.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import it.continuo.alert.Alert;
import it.continuo.alert.Channel;
import it.continuo.alert.Incidents;
import it.continuo.config.Config;
import it.continuo.config.ConfigLoader;
import it.continuo.health.Severity;
import it.continuo.history.History;
import it.continuo.history.Incident;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch on the primary against real services on 127.0.0.2 (a TCP port and an HTTP /health
 * asking for a bearer token), every 200 ms, lost after 3 misses; the incidents and the history are
 * the real ones.
 */
@DisplayName("The watch on the primary, against a service that stops and starts again")
class PrimaryWatchIT {
  static final InetAddress PRIMARY = address("127.0.0.2");
  static final String TOKEN = "primary-Token-0123456789";

  @TempDir Path dir;
  History history;
  final List<Alert> alerts = new CopyOnWriteArrayList<>();
  ServerSocket service;
  int port;
  HttpServer health;
  PrimaryWatch watch;

  static InetAddress address(String a) {
    try {
      return InetAddress.getByName(a);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @BeforeEach
  void start() throws Exception {
    history = History.open(dir.resolve("data"));
    service = new ServerSocket(0, 50, PRIMARY);
    port = service.getLocalPort();
    Thread accept =
        new Thread(
            () -> {
              while (true) {
                try (Socket s = service.accept()) {
                  // a connection accepted is the heartbeat
                } catch (Exception e) {
                  return;
                }
              }
            });
    accept.setDaemon(true);
    accept.start();
    health = HttpServer.create(new InetSocketAddress(PRIMARY, 0), 10);
    health.createContext(
        "/health",
        exchange -> {
          String auth = exchange.getRequestHeaders().getFirst("Authorization");
          int status = ("Bearer " + TOKEN).equals(auth) ? 200 : 401;
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    health.start();
  }

  @AfterEach
  void stop() throws Exception {
    if (watch != null) {
      watch.close();
    }
    if (service != null) {
      service.close();
    }
    health.stop(0);
    history.close();
  }

  Config config() throws Exception {
    return config(false);
  }

  Config config(boolean auto) throws Exception {
    Files.writeString(dir.resolve("id"), "key");
    Files.writeString(dir.resolve("known_hosts"), "");
    String keys = "key: " + dir.resolve("id") + ", knownHosts: " + dir.resolve("known_hosts");
    Path file = dir.resolve("continuo.yaml");
    Files.writeString(
        file,
        """
        agent: { name: secondario, dataDir: %2$s }
        hosts:
          primario: { address: 127.0.0.2, port: 2222, user: root, %1$s }
          secondario: { address: 127.0.0.3, port: 2222, user: root, %1$s }
        sources: { uno: { paths: [/srv/uno] } }
        targets: { nas: { type: local, path: /mnt/nas } }
        jobs: { uno-nas: { source: uno, target: nas, full: "0 0 22 ? * SUN", incremental: "0 0 22 ? * MON-SAT" } }
        services:
          - { name: Gestionale Uno, rpo: 1h, rto: 4h, jobs: [uno-nas], runbook: uno }
        failover:
          runbooks:
            uno:
              service: Gestionale Uno
              primary: primario
              secondary: secondario
              detection:
                watch: ["primario:%3$d", "http://127.0.0.2:%4$d/health"]
                interval: 200ms
                misses: 3
                token: "${env:PRIMARY_TOKEN}"
                auto: %5$s
              steps:
                - fence: { unreachable: { host: primario, port: 3389 } }
                - ssh: { host: secondario, run: "true" }
        """
            .formatted(keys, dir.resolve("data"), port, health.getAddress().getPort(), auto));
    return new ConfigLoader(Map.of("PRIMARY_TOKEN", TOKEN)).load(file);
  }

  Incidents incidents(Config config) {
    Channel sysadmin =
        new Channel() {
          @Override
          public String name() {
            return "sysadmin";
          }

          @Override
          public void send(Alert alert) {
            alerts.add(alert);
          }
        };
    return new Incidents(
        history,
        Map.of("sysadmin", sysadmin),
        new it.continuo.config.AlertsConfig(
            Map.of(),
            null,
            List.of(new it.continuo.config.AlertsConfig.Rule(Duration.ZERO, List.of("sysadmin"))),
            Severity.WARN),
        "secondario");
  }

  static void await(Duration most, BooleanSupplier condition) throws InterruptedException {
    Instant until = Instant.now().plus(most);
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("waited %s", most).isBefore(until);
      Thread.sleep(50);
    }
  }

  List<Incident> open() {
    try {
      return history.openIncidents();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @DisplayName("stopped: an incident after 3 missed rounds; started again: resolved, with events")
  void stopAndStart() throws Exception {
    Config config = config();
    Incidents incidents = incidents(config);
    AtomicReference<Exception> failure = new AtomicReference<>();
    watch =
        new PrimaryWatch(
            config,
            history,
            Clock.systemUTC(),
            (scope, findings) -> {
              try {
                incidents.update(scope, findings, Instant.now());
              } catch (Exception e) {
                failure.set(e);
              }
            },
            c -> {
              throw new AssertionError("auto is off: no failover");
            });

    Thread.sleep(1000); // five rounds with the primary up (the token accepted)
    assertThat(open()).isEmpty();

    Instant stopped = Instant.now();
    service.close();
    await(Duration.ofSeconds(10), () -> !open().isEmpty());
    Incident incident = open().get(0);
    assertThat(Duration.between(stopped, Instant.now()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(500));
    assertThat(incident.check()).isEqualTo("heartbeat");
    assertThat(incident.subject()).isEqualTo("uno");
    assertThat(incident.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(incident.message())
        .startsWith("primario: 127.0.0.2:" + port + " refused 3 times in a row since ")
        .doesNotContain("/health");
    assertThat(history.events(stopped, 100))
        .anySatisfy(
            e -> {
              assertThat(e.kind()).isEqualTo("heartbeat");
              assertThat(e.severity()).isEqualTo("error");
              assertThat(e.message()).contains("primary lost (runbook uno)", "refused");
            });

    service = new ServerSocket();
    service.setReuseAddress(true);
    service.bind(new InetSocketAddress(PRIMARY, port));
    Instant restarted = Instant.now();
    await(Duration.ofSeconds(10), () -> open().isEmpty());
    assertThat(history.incidents(stopped))
        .singleElement()
        .satisfies(i -> assertThat(i.resolved()).isAfterOrEqualTo(restarted.minusMillis(1)));
    assertThat(history.events(restarted, 100))
        .anySatisfy(e -> assertThat(e.message()).contains("primario answers again"));
    // The recovery is sent in the same round that resolves the incident, just after.
    await(Duration.ofSeconds(10), () -> alerts.size() >= 2);
    assertThat(alerts).extracting(a -> a.state().name()).containsExactly("OPENED", "RESOLVED");
    assertThat(failure.get()).isNull();
  }

  @Test
  @DisplayName("auto: the runbook's execute starts once per incident, triggered by detection")
  void autoExecutesOncePerIncident() throws Exception {
    Config config = config(true);
    Incidents incidents = incidents(config);
    java.util.concurrent.atomic.AtomicInteger executions =
        new java.util.concurrent.atomic.AtomicInteger();
    watch =
        new PrimaryWatch(
            config,
            history,
            Clock.systemUTC(),
            (scope, findings) -> {
              try {
                incidents.update(scope, findings, Instant.now());
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            c -> {
              executions.incrementAndGet();
              // the engine is not the point here: the watch logs that it could not start
              throw new IllegalStateException("no failover in this test");
            });
    service.close();
    await(Duration.ofSeconds(10), () -> !open().isEmpty());
    Thread.sleep(1000); // five more rounds, still lost
    assertThat(executions.get()).isEqualTo(1);

    service = new ServerSocket();
    service.setReuseAddress(true);
    service.bind(new InetSocketAddress(PRIMARY, port));
    await(Duration.ofSeconds(10), () -> open().isEmpty());
    service.close();
    await(Duration.ofSeconds(10), () -> !open().isEmpty());
    await(Duration.ofSeconds(5), () -> executions.get() == 2);
    Thread.sleep(600);
    assertThat(executions.get()).isEqualTo(2);
  }
}
