package it.continuo.failover.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import it.continuo.alert.Alert;
import it.continuo.alert.AlertException;
import it.continuo.alert.Channel;
import it.continuo.config.HostConfig;
import it.continuo.config.ReplicaConfig;
import it.continuo.config.RunbookConfig;
import it.continuo.config.ServiceConfig;
import it.continuo.config.StepConfig;
import it.continuo.failover.Change;
import it.continuo.failover.Mode;
import it.continuo.failover.ReplicaGate;
import it.continuo.failover.Step;
import it.continuo.failover.StepContext;
import it.continuo.failover.StepException;
import it.continuo.failover.StepOutcome;
import it.continuo.replica.ReplicaResult;
import it.continuo.replica.ReplicaState;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The steps that need no remote server")
class StepsTest {
  static final HostConfig PRIMARY = host("primario", "127.0.0.2");
  static final HostConfig SECONDARY = host("secondario", "127.0.0.3");
  static final ReplicaConfig REPLICA =
      new ReplicaConfig(
          "uno",
          new ReplicaConfig.Side(PRIMARY, List.of("/srv/uno")),
          new ReplicaConfig.Side(SECONDARY, List.of("/srv/uno")),
          List.of(),
          Duration.ofMinutes(15),
          ReplicaConfig.DEFAULT_SCHEDULE,
          0,
          List.of());
  static final ServiceConfig SERVICE =
      new ServiceConfig(
          "Uno", "", null, 0, Duration.ofHours(1), Duration.ofHours(4), List.of("j"), "uno", "uno");

  static HostConfig host(String name, String address) {
    return new HostConfig(
        name,
        address,
        2222,
        "root",
        Path.of("/k"),
        Path.of("/kh"),
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        Duration.ofSeconds(1));
  }

  static StepConfig config(StepConfig.Action action, Duration timeout) {
    return new StepConfig(
        "failover.runbooks.uno.steps[0]", 1, null, timeout, 0, Duration.ZERO, action, null, false);
  }

  static StepContext context(StepConfig step) {
    return builder(step).build().until(Instant.now().plus(step.timeout()));
  }

  static StepContext.Builder builder(StepConfig step) {
    RunbookConfig runbook =
        new RunbookConfig(
            "uno", SERVICE, PRIMARY, SECONDARY, RunbookConfig.OnFailure.UNDO, List.of(step), null);
    return StepContext.builder(runbook).mode(Mode.EXECUTE);
  }

  static ReplicaGate gate(ReplicaState state, Duration lag) {
    return (replica, quick, since) ->
        state == ReplicaState.UNKNOWN
            ? ReplicaResult.unknown(
                replica.name(),
                Instant.now(),
                quick,
                replica.maxLag(),
                List.of(),
                "secondario unreachable",
                Duration.ZERO)
            : new ReplicaResult(
                replica.name(),
                Instant.now(),
                quick,
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
                "",
                Duration.ZERO);
  }

  @Nested
  @DisplayName("check-replica")
  class CheckReplica {
    StepConfig step =
        config(new StepConfig.CheckReplica(REPLICA, Duration.ofMinutes(5)), Duration.ofMinutes(1));

    StepOutcome run(ReplicaGate gate, boolean force) throws Exception {
      return Steps.create(step)
          .run(
              builder(step)
                  .replicaGate(gate)
                  .force(force)
                  .build()
                  .until(Instant.now().plusSeconds(60)));
    }

    @Test
    @DisplayName("passes a replica within the allowed lag, its lag being the RPO")
    void passes() throws Exception {
      StepOutcome o = run(gate(ReplicaState.LAGGING, Duration.ofSeconds(90)), false);
      assertThat(o.facts()).containsEntry(StepOutcome.RPO_SECONDS, "90");
      assertThat(o.facts()).doesNotContainKey(StepOutcome.FORCED);
    }

    @Test
    @DisplayName("refuses a lag over the allowed one, an unfit or unknown replica, unless forced")
    void refuses() throws Exception {
      assertThatThrownBy(() -> run(gate(ReplicaState.LAGGING, Duration.ofMinutes(10)), false))
          .isInstanceOf(StepException.class)
          .hasMessageContaining("refused: replica uno lags 10 min, more than the 5 min allowed")
          .hasMessageContaining("--force");
      assertThatThrownBy(() -> run(gate(ReplicaState.DIFFERENT, Duration.ZERO), false))
          .hasMessageContaining("refused: replica uno: different");
      assertThatThrownBy(() -> run(gate(ReplicaState.UNKNOWN, null), false))
          .hasMessageContaining("replica uno is unknown: secondario unreachable");
      StepOutcome forced = run(gate(ReplicaState.BEHIND, Duration.ofHours(2)), true);
      assertThat(forced.facts())
          .containsEntry(StepOutcome.FORCED, "true")
          .containsEntry(StepOutcome.RPO_SECONDS, "7200");
      assertThat(forced.lines()).anyMatch(l -> l.startsWith("forced past: replica uno: behind"));
    }

    @Test
    @DisplayName("without a replica checker it fails, saying so")
    void noGate() {
      assertThatThrownBy(() -> run(null, true))
          .hasMessageContaining("no replica checker is available");
    }
  }

  @Nested
  @DisplayName("notify")
  class Notify {
    final List<String> sent = new ArrayList<>();

    Channel channel(String name, boolean works) {
      return new Channel() {
        @Override
        public String name() {
          return name;
        }

        @Override
        public void send(Alert alert) throws AlertException {
          if (!works) {
            throw new AlertException(name + " is down");
          }
          sent.add(name + ": " + alert.message());
        }
      };
    }

    StepOutcome run(boolean required, List<String> names) throws Exception {
      StepConfig step =
          config(new StepConfig.Notify("crisis", names, required), Duration.ofSeconds(5));
      return Steps.create(step)
          .run(
              builder(step)
                  .mode(Mode.DRILL)
                  .channels(Map.of("ops", channel("ops", true), "sms", channel("sms", false)))
                  .build()
                  .until(Instant.now().plusSeconds(5)));
    }

    @Test
    @DisplayName("sends through the named channels; a drill's message says so")
    void sends() throws Exception {
      StepOutcome o = run(false, List.of("ops"));
      assertThat(sent).containsExactly("ops: [drill] crisis");
      assertThat(o.lines()).containsExactly("sent to ops");
    }

    @Test
    @DisplayName("a channel that fails is recorded, and fails the step only when required")
    void failures() throws Exception {
      StepOutcome o = run(false, List.of("ops", "sms"));
      assertThat(o.lines()).containsExactly("sent to ops", "not sent to sms: sms is down");
      assertThat(o.facts()).containsEntry(StepOutcome.NOT_SENT, "true");
      assertThatThrownBy(() -> run(true, List.of("sms")))
          .hasMessageContaining("the notification was not sent: sms: sms is down");
    }
  }

  @Nested
  @DisplayName("wait and verify")
  class Probes {
    StepOutcome run(StepConfig.Check check, Duration timeout) throws Exception {
      StepConfig step = config(new StepConfig.Probe(true, check, Duration.ofMillis(100)), timeout);
      return Steps.create(step).run(context(step));
    }

    @Test
    @DisplayName("polls a TCP port until it answers")
    void tcp() throws Exception {
      int port;
      try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = probe.getLocalPort();
      }
      Thread late =
          new Thread(
              () -> {
                try {
                  Thread.sleep(500);
                  try (ServerSocket s =
                      new ServerSocket(port, 5, InetAddress.getLoopbackAddress())) {
                    s.setSoTimeout(3000);
                    s.accept().close();
                  }
                } catch (Exception e) {
                  // the test fails on its own
                }
              });
      late.start();
      StepOutcome o = run(new StepConfig.TcpCheck("127.0.0.1", port, null), Duration.ofSeconds(10));
      late.join();
      assertThat(o.lines().get(0))
          .matches("answered after [0-9]+ tries in .*: connected to 127.0.0.1:" + port);
    }

    @Test
    @DisplayName(
        "an HTTP URL must answer the expected status; it fails before the timeout with the reason")
    void http() throws Exception {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/",
          e -> {
            e.sendResponseHeaders(e.getRequestURI().getPath().equals("/ok") ? 200 : 503, -1);
            e.close();
          });
      server.start();
      try {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        assertThat(
                run(
                        new StepConfig.HttpCheck(URI.create(base + "/ok"), 200, null),
                        Duration.ofSeconds(5))
                    .lines()
                    .get(0))
            .contains("answered 200");
        long t0 = System.nanoTime();
        assertThatThrownBy(
                () ->
                    run(
                        new StepConfig.HttpCheck(URI.create(base + "/down"), 200, null),
                        Duration.ofSeconds(2)))
            .isInstanceOf(StepException.class)
            .hasMessageContaining("did not answer in")
            .hasMessageContaining("answered 503, not 200");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
      } finally {
        server.stop(0);
      }
    }

    @Test
    @DisplayName("a command must exit 0; the plan does not run it")
    void command() throws Exception {
      assertThat(
              run(new StepConfig.CommandCheck("echo up", null), Duration.ofSeconds(5))
                  .lines()
                  .get(0))
          .endsWith("exit 0: up");
      assertThatThrownBy(
              () ->
                  run(new StepConfig.CommandCheck("echo no; exit 3", null), Duration.ofSeconds(1)))
          .hasMessageContaining("exit 3: no");
      StepConfig step =
          config(
              new StepConfig.Probe(
                  false, new StepConfig.CommandCheck("exit 1", null), Duration.ofMillis(100)),
              Duration.ofSeconds(1));
      Step wait = Steps.create(step);
      assertThat(wait.plan(context(step)))
          .containsExactly(Change.note("would poll the command (not run by plan)"));
      assertThat(wait.undoable()).isFalse();
    }
  }
}
