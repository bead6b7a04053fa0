package it.continuo.failover.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import it.continuo.config.HostConfig;
import it.continuo.config.RunbookConfig;
import it.continuo.config.StepConfig;
import it.continuo.failover.Change;
import it.continuo.failover.Step;
import it.continuo.failover.StepContext;
import it.continuo.failover.StepException;
import it.continuo.failover.StepOutcome;
import it.continuo.testing.TestServers;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vip step moving 127.0.0.77/32 on {@code lo} between the primary and the secondary sshd. Both
 * run on this machine, so "from" deleting and "to" adding act on the same {@code lo}: each phase is
 * checked with {@code ip -o addr show dev lo}, the deletion alone with a "to" that cannot be
 * reached (the step fails after the deletion) and the addition alone with a "from" that cannot be
 * reached (a dead primary).
 */
@DisplayName("The vip step, on the loopback through the test sshd")
class VipStepIT {
  static final String VIP = "127.0.0.77/32";

  @TempDir Path dir;
  TestServers servers;
  RunbookConfig runbook;

  @BeforeEach
  void absent() throws Exception {
    servers = TestServers.require();
    ip("addr", "del", VIP, "dev", "lo");
    assertThat(onLo()).isFalse();
  }

  @AfterEach
  void remove() throws Exception {
    ip("addr", "del", VIP, "dev", "lo");
  }

  /** Runs {@code ip} here; returns its output. */
  static String ip(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("ip"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  static boolean onLo() throws Exception {
    return VipStep.lists(ip("-o", "addr", "show", "dev", "lo"), VIP);
  }

  StepConfig.Vip config() throws Exception {
    runbook =
        LabRunbook.load(
            servers,
            dir,
            Map.of(),
            "{ vip: { address: " + VIP + ", device: lo, from: primario, to: secondario } }");
    return (StepConfig.Vip) LabRunbook.onlyStep(runbook).action();
  }

  Step step() throws Exception {
    config();
    return Steps.create(LabRunbook.onlyStep(runbook));
  }

  /** The same host with its SSH port closed: a server that does not power on. */
  static HostConfig dead(HostConfig h) throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(h.address()))) {
      closed = s.getLocalPort();
    }
    return new HostConfig(
        h.name(),
        h.address(),
        closed,
        h.user(),
        h.key(),
        h.knownHosts(),
        Duration.ofSeconds(2),
        h.timeout(),
        h.keepAlive());
  }

  StepOutcome run(Step step) throws Exception {
    try (StepContext c = StepContext.builder(runbook).build()) {
      return step.run(c);
    }
  }

  StepOutcome undo(Step step) throws Exception {
    try (StepContext c = StepContext.builder(runbook).build()) {
      return step.undo(c);
    }
  }

  @Test
  @DisplayName("run: deleted on the primary, added on the secondary, no ARP on lo, confirmed")
  void move() throws Exception {
    ip("addr", "add", VIP, "dev", "lo");
    Step step = step();
    StepOutcome outcome = run(step);
    assertThat(outcome.lines())
        .containsExactly(
            "primario: deleted 127.0.0.77/32 from lo",
            "secondario: added 127.0.0.77/32 on lo",
            "secondario: no gratuitous ARP, lo is a loopback device",
            "secondario: lo lists 127.0.0.77/32");
    assertThat(onLo()).isTrue();
  }

  @Test
  @DisplayName("run where the primary no longer holds it: tolerated, added on the secondary")
  void notPresent() throws Exception {
    StepOutcome outcome = run(step());
    assertThat(outcome.lines().get(0)).isEqualTo("primario: 127.0.0.77/32 was not on lo");
    assertThat(outcome.lines().get(1)).isEqualTo("secondario: added 127.0.0.77/32 on lo");
    assertThat(onLo()).isTrue();
  }

  @Test
  @DisplayName("undo: deleted on the secondary, added back on the primary, confirmed there")
  void undoMove() throws Exception {
    ip("addr", "add", VIP, "dev", "lo");
    Step step = step();
    run(step);
    StepOutcome outcome = undo(step);
    assertThat(outcome.lines())
        .containsExactly(
            "secondario: deleted 127.0.0.77/32 from lo",
            "primario: added 127.0.0.77/32 on lo",
            "primario: no gratuitous ARP, lo is a loopback device",
            "primario: lo lists 127.0.0.77/32");
    assertThat(onLo()).isTrue();
  }

  @Test
  @DisplayName(
      "a secondary that cannot be reached: deleted on the primary, fails; undo puts it back")
  void toUnreachable() throws Exception {
    ip("addr", "add", VIP, "dev", "lo");
    StepConfig.Vip c = config();
    Step step = new VipStep(new StepConfig.Vip(VIP, "lo", c.from(), dead(c.to())), true);
    StepException e = catchThrowableOfType(() -> run(step), StepException.class);
    assertThat(e.getMessage()).startsWith("vip: secondario: cannot connect to 127.0.0.3:");
    assertThat(e.retryable()).isTrue();
    assertThat(onLo()).as("deleted by the run").isFalse();
    StepOutcome outcome = undo(step);
    assertThat(outcome.lines().get(0))
        .startsWith("secondario unreachable (cannot connect to 127.0.0.3:")
        .endsWith("); going on, it was fenced");
    assertThat(outcome.lines().subList(1, 4))
        .containsExactly(
            "primario: added 127.0.0.77/32 on lo",
            "primario: no gratuitous ARP, lo is a loopback device",
            "primario: lo lists 127.0.0.77/32");
    assertThat(onLo()).as("added back by the undo").isTrue();
  }

  @Test
  @DisplayName("a primary that does not power on: logged, and the address added on the secondary")
  void fromUnreachable() throws Exception {
    StepConfig.Vip c = config();
    Step step = new VipStep(new StepConfig.Vip(VIP, "lo", dead(c.from()), c.to()), true);
    StepOutcome outcome = run(step);
    assertThat(outcome.lines().get(0)).startsWith("primario unreachable (cannot connect to");
    assertThat(outcome.lines().get(3)).isEqualTo("secondario: lo lists 127.0.0.77/32");
    assertThat(onLo()).isTrue();
  }

  @Test
  @DisplayName("plan reads both hosts and changes nothing")
  void plan() throws Exception {
    ip("addr", "add", VIP, "dev", "lo");
    Step step = step();
    List<Change> plan;
    try (StepContext context = StepContext.builder(runbook).build()) {
      plan = step.plan(context);
    }
    assertThat(onLo()).isTrue();
    assertThat(plan)
        .extracting(Change::toString)
        .containsExactly(
            "note: primario holds 127.0.0.77/32 on lo",
            "change: would delete 127.0.0.77/32 from lo on primario",
            "note: secondario holds 127.0.0.77/32 on lo",
            "change: would add 127.0.0.77/32 on lo of secondario, then no gratuitous ARP (lo is a"
                + " loopback device)");
  }

  @Test
  @DisplayName("plan with a device the secondary lacks: refused")
  void missingDevice() throws Exception {
    StepConfig.Vip c = config();
    Step step = new VipStep(new StepConfig.Vip(VIP, "nosuch0", c.from(), c.to()), true);
    List<Change> plan;
    try (StepContext context = StepContext.builder(runbook).build()) {
      plan = step.plan(context);
    }
    assertThat(plan.get(plan.size() - 1).toString())
        .startsWith("REFUSED: secondario: ip addr show dev nosuch0 exited 1: Device \"nosuch0\"");
  }
}
