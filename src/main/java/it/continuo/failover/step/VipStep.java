package it.continuo.failover.step;

import it.continuo.config.HostConfig;
import it.continuo.config.StepConfig;
import it.continuo.failover.Change;
import it.continuo.failover.Step;
import it.continuo.failover.StepContext;
import it.continuo.failover.StepException;
import it.continuo.failover.StepOutcome;
import it.continuo.ssh.ExecResult;
import it.continuo.ssh.ShellWords;
import it.continuo.ssh.SshException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Address;

/**
 * {@code vip}: moves a virtual address (with its prefix) from one host to another over SSH.
 *
 * <p>Changes: on {@code from}, {@code ip addr del ADDRESS dev DEVICE} (an address already absent,
 * or a host that cannot be reached, is logged and passed over: the old primary may be dead, and the
 * fence before this step made sure it does not serve); on {@code to}, {@code ip addr add} (an
 * address already there is fine), then a gratuitous ARP ({@code arping -U -c 3 -I DEVICE IP}) so
 * that neighbours update their caches at once, skipped with a note on a loopback device, for IPv6,
 * or where arping is missing; then {@code ip -o addr show dev DEVICE} on {@code to} must list the
 * address.
 *
 * <p>Undo: the same move the other way (deleted from {@code to}, added back on {@code from}, ARP
 * and confirmation there); it works whichever of the two holds the address, or neither.
 *
 * <p>Plan reads: {@code ip -o addr show dev DEVICE} on both hosts, and {@code ip -o link show dev
 * DEVICE} on {@code to}.
 */
final class VipStep implements Step {
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

  private final StepConfig.Vip config;
  private final boolean undoable;
  private final String ip;
  private final boolean v6;

  VipStep(StepConfig config) {
    this((StepConfig.Vip) config.action(), config.undoImplied());
  }

  VipStep(StepConfig.Vip config, boolean undoable) {
    this.config = config;
    this.undoable = undoable;
    this.ip = config.address().substring(0, config.address().indexOf('/'));
    this.v6 = ip.indexOf(':') >= 0;
  }

  @Override
  public String kind() {
    return "vip";
  }

  @Override
  public String describe() {
    return "vip "
        + config.address()
        + " dev "
        + config.device()
        + " "
        + config.from().name()
        + " → "
        + config.to().name();
  }

  @Override
  public String describeUndo() {
    return "vip "
        + config.address()
        + " dev "
        + config.device()
        + " "
        + config.to().name()
        + " → "
        + config.from().name();
  }

  @Override
  public List<Change> plan(StepContext context) throws InterruptedException {
    List<Change> changes = new ArrayList<>();
    try {
      boolean held = holds(context, config.from());
      changes.add(
          Change.note(
              config.from().name()
                  + " "
                  + (held ? "holds " : "does not hold ")
                  + config.address()
                  + " on "
                  + config.device()));
      if (held) {
        changes.add(
            Change.change(
                "would delete "
                    + config.address()
                    + " from "
                    + config.device()
                    + " on "
                    + config.from().name()));
      }
    } catch (StepException e) {
      changes.add(
          Change.note(
              config.from().name()
                  + ": "
                  + e.getMessage()
                  + " (the run would go on: the old primary may be down)"));
    }
    try {
      boolean held = holds(context, config.to());
      changes.add(
          Change.note(
              config.to().name()
                  + " "
                  + (held ? "holds " : "does not hold ")
                  + config.address()
                  + " on "
                  + config.device()));
      changes.add(
          Change.change(
              "would add "
                  + config.address()
                  + " on "
                  + config.device()
                  + " of "
                  + config.to().name()
                  + ", then "
                  + arpPlan(context)));
    } catch (StepException e) {
      changes.add(Change.refusal(config.to().name() + ": " + e.getMessage()));
    }
    return changes;
  }

  private String arpPlan(StepContext context) throws StepException, InterruptedException {
    if (v6) {
      return "no gratuitous ARP (IPv6)";
    }
    return loopback(context, config.to())
        ? "no gratuitous ARP (" + config.device() + " is a loopback device)"
        : "arping -U -c 3 -I " + config.device() + " " + ip;
  }

  @Override
  public StepOutcome run(StepContext context) throws StepException, InterruptedException {
    return move(context, config.from(), config.to());
  }

  /** True unless the runbook says {@code undo: false}. */
  @Override
  public boolean undoable() {
    return undoable;
  }

  @Override
  public StepOutcome undo(StepContext context) throws StepException, InterruptedException {
    return move(context, config.to(), config.from());
  }

  private StepOutcome move(StepContext context, HostConfig from, HostConfig to)
      throws StepException, InterruptedException {
    List<String> lines = new ArrayList<>();
    lines.add(delete(context, from));
    context.log("vip: " + lines.get(0));
    lines.add(add(context, to));
    context.log("vip: " + lines.get(1));
    lines.add(announce(context, to));
    context.log("vip: " + lines.get(2));
    if (!holds(context, to)) {
      throw StepException.permanent(
          "vip: "
              + to.name()
              + " "
              + config.device()
              + " does not list "
              + config.address()
              + " after ip addr add");
    }
    lines.add(to.name() + ": " + config.device() + " lists " + config.address());
    return new StepOutcome(lines, Map.of());
  }

  /** {@code ip addr del}, tolerating an address already absent and a host that is down. */
  private String delete(StepContext context, HostConfig host)
      throws StepException, InterruptedException {
    ExecResult r;
    try {
      r = exec(context, host, "ip", "addr", "del", config.address(), "dev", config.device());
    } catch (SshException e) {
      return host.name() + " unreachable (" + e.getMessage() + "); going on, it was fenced";
    }
    if (r.succeeded()) {
      return host.name() + ": deleted " + config.address() + " from " + config.device();
    }
    // iproute2 with extended acks says "Address not found", older ones the errno's text
    String why = r.stderr().toLowerCase(java.util.Locale.ROOT);
    if (why.contains("address not found") || why.contains("cannot assign requested address")) {
      return host.name() + ": " + config.address() + " was not on " + config.device();
    }
    throw failed("del", host, r);
  }

  private String add(StepContext context, HostConfig host)
      throws StepException, InterruptedException {
    ExecResult r =
        execOrFail(context, host, "ip", "addr", "add", config.address(), "dev", config.device());
    if (r.succeeded()) {
      return host.name() + ": added " + config.address() + " on " + config.device();
    }
    String why = r.stderr().toLowerCase(java.util.Locale.ROOT);
    if (why.contains("file exists") || why.contains("already assigned")) {
      return host.name() + ": " + config.address() + " was already on " + config.device();
    }
    throw failed("add", host, r);
  }

  /** {@code ip addr VERB} on {@code host} exited with an error not passed over. */
  private StepException failed(String verb, HostConfig host, ExecResult r) {
    return StepException.permanent(
        "vip: ip addr "
            + verb
            + " "
            + config.address()
            + " dev "
            + config.device()
            + " on "
            + host.name()
            + " exited "
            + r.exitCode()
            + ": "
            + SshFencing.firstLine(r.stderr()));
  }

  /** The gratuitous ARP, best effort: its absence delays clients, it does not break the move. */
  private String announce(StepContext context, HostConfig host)
      throws StepException, InterruptedException {
    if (v6) {
      return host.name() + ": no gratuitous ARP for IPv6";
    }
    if (loopback(context, host)) {
      return host.name() + ": no gratuitous ARP, " + config.device() + " is a loopback device";
    }
    ExecResult r = execOrFail(context, host, "arping", "-U", "-c", "3", "-I", config.device(), ip);
    if (r.succeeded()) {
      return host.name() + ": gratuitous ARP sent for " + ip + " on " + config.device();
    }
    if (r.exitCode() == 127) {
      return host.name()
          + ": no arping, gratuitous ARP not sent; neighbours learn the move when"
          + " their ARP caches expire";
    }
    return host.name()
        + ": arping exited "
        + r.exitCode()
        + " ("
        + SshFencing.firstLine(r.stderr())
        + "); neighbours learn the move when their ARP caches expire";
  }

  private boolean loopback(StepContext context, HostConfig host)
      throws StepException, InterruptedException {
    if (config.device().equals("lo")) {
      return true;
    }
    ExecResult r = execOrFail(context, host, "ip", "-o", "link", "show", "dev", config.device());
    if (!r.succeeded()) {
      throw StepException.permanent(
          host.name()
              + ": ip link show dev "
              + config.device()
              + " exited "
              + r.exitCode()
              + ": "
              + SshFencing.firstLine(r.stderr()));
    }
    return r.stdout().contains("LOOPBACK");
  }

  /** Whether {@code ip -o addr show dev DEVICE} on {@code host} lists the address. */
  private boolean holds(StepContext context, HostConfig host)
      throws StepException, InterruptedException {
    ExecResult r = execOrFail(context, host, "ip", "-o", "addr", "show", "dev", config.device());
    if (!r.succeeded()) {
      throw StepException.permanent(
          "ip addr show dev "
              + config.device()
              + " exited "
              + r.exitCode()
              + ": "
              + SshFencing.firstLine(r.stderr()));
    }
    return lists(r.stdout(), config.address());
  }

  /** Whether {@code ip -o addr show} output has {@code inet}/{@code inet6} with this address. */
  static boolean lists(String output, String cidr) {
    int slash = cidr.indexOf('/');
    String address = cidr.substring(0, slash);
    int family = address.indexOf(':') >= 0 ? Address.IPv6 : Address.IPv4;
    byte[] wanted = Address.toByteArray(address, family);
    String prefix = cidr.substring(slash + 1);
    for (String line : output.lines().toList()) {
      String[] w = line.trim().split("\\s+");
      for (int i = 0; i + 1 < w.length; i++) {
        if (!w[i].equals(family == Address.IPv4 ? "inet" : "inet6")) {
          continue;
        }
        String[] found = w[i + 1].split("/", 2);
        byte[] bytes = Address.toByteArray(found[0], family);
        String foundPrefix = found.length > 1 ? found[1] : family == Address.IPv4 ? "32" : "128";
        if (bytes != null && Arrays.equals(bytes, wanted) && foundPrefix.equals(prefix)) {
          return true;
        }
      }
    }
    return false;
  }

  private ExecResult execOrFail(StepContext context, HostConfig host, String... words)
      throws StepException, InterruptedException {
    try {
      return exec(context, host, words);
    } catch (SshException e) {
      throw new StepException("vip: " + host.name() + ": " + e.getMessage(), e.isTransient(), e);
    }
  }

  private static ExecResult exec(StepContext context, HostConfig host, String... words)
      throws SshException, InterruptedException {
    Duration left = context.remaining();
    Duration timeout = left.compareTo(COMMAND_TIMEOUT) < 0 ? left : COMMAND_TIMEOUT;
    try {
      return context.ssh(host).exec(ShellWords.command(words), timeout);
    } catch (SshException e) {
      context.forget(host);
      if (Thread.interrupted()) {
        throw new InterruptedException("vip interrupted on " + host.name());
      }
      throw e;
    }
  }
}
