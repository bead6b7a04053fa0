package it.continuo.failover.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import it.continuo.config.RunbookConfig;
import it.continuo.failover.Change;
import it.continuo.failover.Step;
import it.continuo.failover.StepContext;
import it.continuo.failover.StepException;
import it.continuo.failover.StepOutcome;
import it.continuo.testing.TestServers;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The fence step, against the test servers")
class FenceStepIT {
  @TempDir Path dir;
  final List<String> timeline = new ArrayList<>();
  RunbookConfig runbook;

  /** The step of a runbook whose only step is {@code { fence: [methods] }}. */
  Step fence(TestServers servers, Map<String, String> env, String methods) throws Exception {
    runbook = LabRunbook.load(servers, dir, env, "{ fence: [" + methods + "] }");
    return Steps.create(LabRunbook.onlyStep(runbook));
  }

  Step fence(TestServers servers, String methods) throws Exception {
    return fence(servers, Map.of(), methods);
  }

  /** Runs the step with 30 s to go, the timeline collected. */
  StepOutcome run(Step step) throws Exception {
    try (StepContext context = StepContext.builder(runbook).log(timeline::add).build()) {
      return step.run(context.until(context.now().plus(Duration.ofSeconds(30))));
    }
  }

  StepException failure(Step step) {
    return catchThrowableOfType(() -> run(step), StepException.class);
  }

  /** A port of 127.0.0.2 where nothing listens (it was free a moment ago). */
  static int closedPort(TestServers servers) throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(servers.primary().host()))) {
      return s.getLocalPort();
    }
  }

  @Nested
  @DisplayName("with ssh and unreachable")
  class SshAndUnreachable {
    @Test
    @DisplayName("ssh: the command runs on the primary and exit 0 fences")
    void sshSucceeds() throws Exception {
      TestServers servers = TestServers.require();
      Path marker = dir.resolve("stopped");
      Step step = fence(servers, "{ ssh: { host: primario, run: \"touch " + marker + "\" } }");
      StepOutcome outcome = run(step);
      assertThat(marker).exists();
      assertThat(outcome.lines()).containsExactly("fenced by ssh primario `touch " + marker + "`");
      assertThat(timeline).contains("fence: trying ssh primario `touch " + marker + "`");
    }

    @Test
    @DisplayName("ssh exiting 1, then unreachable on a closed port of the primary fences")
    void sshFailsUnreachableSucceeds() throws Exception {
      TestServers servers = TestServers.require();
      int port = closedPort(servers);
      Step step =
          fence(
              servers,
              "{ ssh: { host: primario, run: \"echo not running >&2; exit 1\" } },"
                  + " { unreachable: { host: primario, port: "
                  + port
                  + ", for: 2s } }");
      long start = System.nanoTime();
      StepOutcome outcome = run(step);
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
      String unreachable = "unreachable primario 127.0.0.2:" + port + " for 2 s";
      assertThat(outcome.lines())
          .containsExactly(
              "failed: ssh primario `echo not running >&2; exit 1` exited 1: not running",
              "fenced by " + unreachable);
      assertThat(timeline)
          .contains(
              "fence: trying ssh primario `echo not running >&2; exit 1`",
              "fence: trying " + unreachable,
              "fence: done by " + unreachable);
    }

    @Test
    @DisplayName(
        "all failing: ssh exiting 1 and the primary's sshd answering at the first attempt give one"
            + " message")
    void allFail() throws Exception {
      TestServers servers = TestServers.require();
      Step step =
          fence(
              servers,
              "{ ssh: { host: primario, run: \"exit 1\" } },"
                  + " { unreachable: { host: primario, port: 2222, for: 3s } }");
      StepException e = failure(step);
      assertThat(e.getMessage())
          .isEqualTo(
              "fence failed: ssh primario `exit 1` exited 1;"
                  + " primario 127.0.0.2:2222 still answers (attempt 1 of the 3 s period)");
      assertThat(e.retryable()).isFalse();
    }

    @Test
    @DisplayName("an unreachable primary is a failure of the ssh method, and the chain goes on")
    void sshUnreachable() throws Exception {
      TestServers servers = TestServers.require();
      int port = closedPort(servers);
      // a second name for the primary whose SSH port is closed: "the primary does not power on"
      runbook =
          LabRunbook.load(
              servers,
              dir,
              Map.of(),
              "{ fence: { unreachable: { host: primario, port: " + port + ", for: 1s } } }");
      var dead =
          new it.continuo.config.StepConfig.FenceSsh(
              withPort(runbook.primary(), port), "systemctl stop uno");
      Step step =
          new FenceStep(
              List.of(
                  new SshFencing(dead),
                  new UnreachableFencing(
                      new it.continuo.config.StepConfig.FenceUnreachable(
                          runbook.primary(), port, Duration.ofSeconds(1)))));
      StepOutcome outcome = run(step);
      assertThat(outcome.lines().get(0))
          .startsWith(
              "failed: ssh primario `systemctl stop uno`: cannot connect to 127.0.0.2:" + port);
      assertThat(outcome.lines().get(1)).startsWith("fenced by unreachable primario");
    }

    @Test
    @DisplayName("plan probes the primary and runs nothing")
    void plan() throws Exception {
      TestServers servers = TestServers.require();
      Path marker = dir.resolve("stopped");
      Step step =
          fence(
              servers,
              "{ ssh: { host: primario, run: \"touch "
                  + marker
                  + "\" } },"
                  + " { unreachable: { host: primario, port: 2222, for: 20s } }");
      List<Change> plan;
      try (StepContext context = StepContext.builder(runbook).build()) {
        plan = step.plan(context);
      }
      assertThat(marker).doesNotExist();
      assertThat(plan)
          .extracting(Change::toString)
          .containsExactly(
              "note: tried first: ssh primario `touch " + marker + "`",
              "change: would run `touch " + marker + "` on primario as root (exit 0: fenced)",
              "note: primario 127.0.0.2:2222 answers now",
              "note: if it fails: unreachable primario 127.0.0.2:2222 for 20 s",
              "note: would check that 127.0.0.2:2222 refuses or ignores every connection for 20 s"
                  + " (one attempt a second; one answer fails it)",
              "note: primario 127.0.0.2:2222 answers now");
    }
  }

  static it.continuo.config.HostConfig withPort(it.continuo.config.HostConfig h, int port) {
    return new it.continuo.config.HostConfig(
        h.name(),
        h.address(),
        port,
        h.user(),
        h.key(),
        h.knownHosts(),
        Duration.ofSeconds(2),
        h.timeout(),
        h.keepAlive());
  }

  @Nested
  @DisplayName("with ups, against the real upsd and its dummy-ups driver")
  class Ups {
    static String where(TestServers.Nut nut) {
      return nut.ups() + "@" + nut.host() + ":" + nut.port();
    }

    String method(TestServers.Nut nut, String command) {
      return "{ ups: { ups: \""
          + nut.ups()
          + "@"
          + nut.host()
          + ":"
          + nut.port()
          + "\", command: "
          + command
          + ", user: "
          + nut.user()
          + ", password: \"${env:NUT_PASSWORD}\" } }";
    }

    @Test
    @DisplayName("a command the UPS lacks: command not supported")
    void notSupported() throws Exception {
      TestServers servers = TestServers.requireNut();
      TestServers.Nut nut = servers.nut();
      Step step =
          fence(servers, Map.of("NUT_PASSWORD", nut.password()), method(nut, "outlet.1.load.off"));
      StepException e = failure(step);
      assertThat(e.getMessage())
          .isEqualTo(
              "fence failed: ups "
                  + where(nut)
                  + " outlet.1.load.off:"
                  + " command not supported by the UPS (ERR CMD-NOT-SUPPORTED)");
      assertThat(e.retryable()).isFalse();
    }

    @Test
    @DisplayName("a wrong password: access denied, and the password nowhere")
    void wrongPassword() throws Exception {
      TestServers servers = TestServers.requireNut();
      TestServers.Nut nut = servers.nut();
      Step step =
          fence(servers, Map.of("NUT_PASSWORD", "not-the-password"), method(nut, "load.off"));
      StepException e = failure(step);
      assertThat(e.getMessage())
          .isEqualTo(
              "fence failed: ups "
                  + where(nut)
                  + " load.off:"
                  + " wrong user or password, or the user may not do this (ERR ACCESS-DENIED)");
      assertThat(String.join("\n", timeline)).doesNotContain("not-the-password");
    }

    /**
     * dummy-ups lists {@code load.off}; whether upsd lets the test user send it depends on {@code
     * instcmds} in the upsd.users that scripts/test-env writes: with it the command is accepted
     * (dummy-ups only logs it), without it upsd denies it. Either answer must read exactly so.
     */
    @Test
    @DisplayName(
        "load.off with the right password: accepted, or denied when the user lacks instcmds")
    void loadOff() throws Exception {
      TestServers servers = TestServers.requireNut();
      TestServers.Nut nut = servers.nut();
      Step step = fence(servers, Map.of("NUT_PASSWORD", nut.password()), method(nut, "load.off"));
      try {
        assertThat(run(step).lines()).containsExactly("fenced by ups " + where(nut) + " load.off");
      } catch (StepException e) {
        assertThat(e.getMessage())
            .isEqualTo(
                "fence failed: ups "
                    + where(nut)
                    + " load.off:"
                    + " wrong user or password, or the user may not do this (ERR ACCESS-DENIED)");
      }
    }
  }
}
