package it.continuo.failover;

import it.continuo.alert.Channel;
import it.continuo.config.HostConfig;
import it.continuo.config.RunbookConfig;
import it.continuo.config.ServiceConfig;
import it.continuo.ssh.SshConnection;
import it.continuo.ssh.SshException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a step may use during one run: the runbook, the clock, SSH connections by host name (opened
 * once per run and reused), the alert channels, the replica gate, {@code --force}, and a sink for
 * timeline lines. The runner gives each attempt a view with its own {@link #deadline()}.
 */
public final class StepContext implements AutoCloseable {
  /** The deadline outside an attempt: far, yet small enough for {@code toMillis()}. */
  private static final Instant NO_DEADLINE = Instant.parse("9999-12-31T00:00:00Z");

  private final RunbookConfig runbook;
  private final Mode mode;
  private final Clock clock;
  private final boolean force;
  private final ReplicaGate replicaGate;
  private final Map<String, Channel> channels;
  private final String agent;
  private final Consumer<String> log;
  private final Connections connections;
  private final Instant deadline;

  private StepContext(Builder b, Connections connections, Instant deadline) {
    this.runbook = Objects.requireNonNull(b.runbook, "runbook");
    this.mode = b.mode;
    this.clock = b.clock;
    this.force = b.force;
    this.replicaGate = b.replicaGate;
    this.channels = Map.copyOf(b.channels);
    this.agent = b.agent;
    this.log = b.log;
    this.connections = connections;
    this.deadline = deadline;
  }

  private StepContext(StepContext other, Instant deadline) {
    this.runbook = other.runbook;
    this.mode = other.mode;
    this.clock = other.clock;
    this.force = other.force;
    this.replicaGate = other.replicaGate;
    this.channels = other.channels;
    this.agent = other.agent;
    this.log = other.log;
    this.connections = other.connections;
    this.deadline = deadline;
  }

  public static Builder builder(RunbookConfig runbook) {
    return new Builder(runbook);
  }

  /** The same context for one attempt that must end by {@code deadline}. */
  public StepContext until(Instant deadline) {
    return new StepContext(this, deadline);
  }

  public RunbookConfig runbook() {
    return runbook;
  }

  public ServiceConfig service() {
    return runbook.service();
  }

  public Mode mode() {
    return mode;
  }

  public Clock clock() {
    return clock;
  }

  public Instant now() {
    return clock.instant();
  }

  /** Whether {@code --force} was given: a failed safety check is recorded and passed over. */
  public boolean force() {
    return force;
  }

  /** The replica check, or null when this agent has none wired (check-replica then fails). */
  public ReplicaGate replicaGate() {
    return replicaGate;
  }

  /** The alert channels by name ({@code alerts.channels}). */
  public Map<String, Channel> channels() {
    return channels;
  }

  /** This agent's name, for alerts. */
  public String agent() {
    return agent;
  }

  /** Adds a line to the live timeline (not to the step's outcome). */
  public void log(String line) {
    log.accept(line);
  }

  /** When the current attempt must end; far in the future outside an attempt. */
  public Instant deadline() {
    return deadline;
  }

  /** Time left in the current attempt, never negative. */
  public Duration remaining() {
    Duration d = Duration.between(clock.instant(), deadline);
    return d.isNegative() ? Duration.ZERO : d;
  }

  /**
   * The run's connection to {@code host}, opened on first use and opened again when it was lost.
   */
  public SshConnection ssh(HostConfig host) throws SshException {
    return connections.get(host);
  }

  /** Drops the run's connection to {@code host} (after a failure that may have broken it). */
  public void forget(HostConfig host) {
    connections.forget(host);
  }

  /** Closes the run's SSH connections; only the runner calls it. */
  @Override
  public void close() {
    connections.close();
  }

  /** SSH connections shared by every view of one run. */
  private static final class Connections {
    private final Map<String, SshConnection> open = new LinkedHashMap<>();

    synchronized SshConnection get(HostConfig host) throws SshException {
      SshConnection c = open.get(host.name());
      if (c == null || !c.isOpen()) {
        c = SshConnection.open(host.endpoint());
        open.put(host.name(), c);
      }
      return c;
    }

    synchronized void forget(HostConfig host) {
      SshConnection c = open.remove(host.name());
      if (c != null) {
        c.close();
      }
    }

    synchronized void close() {
      open.values().forEach(SshConnection::close);
      open.clear();
    }
  }

  /** Builds the context of one run. */
  public static final class Builder {
    private final RunbookConfig runbook;
    private Mode mode = Mode.PLAN;
    private Clock clock = Clock.systemUTC();
    private boolean force;
    private ReplicaGate replicaGate;
    private Map<String, Channel> channels = Map.of();
    private String agent = "continuo";
    private Consumer<String> log = line -> {};

    private Builder(RunbookConfig runbook) {
      this.runbook = runbook;
    }

    public Builder mode(Mode mode) {
      this.mode = mode;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder force(boolean force) {
      this.force = force;
      return this;
    }

    public Builder replicaGate(ReplicaGate gate) {
      this.replicaGate = gate;
      return this;
    }

    public Builder channels(Map<String, Channel> channels) {
      this.channels = channels;
      return this;
    }

    public Builder agent(String agent) {
      this.agent = agent;
      return this;
    }

    public Builder log(Consumer<String> log) {
      this.log = log;
      return this;
    }

    public StepContext build() {
      return new StepContext(this, new Connections(), NO_DEADLINE);
    }
  }
}
