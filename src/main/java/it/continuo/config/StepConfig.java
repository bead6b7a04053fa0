package it.continuo.config;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One step of a runbook: exactly one kind key ({@code ssh:}, {@code dns:}, …) that gives its {@link
 * Action}, and the keys every step has.
 *
 * @param path where it is in the file, e.g. {@code failover.runbooks.uno.steps[2]}, for messages
 * @param line its line in the file
 * @param name the label the file gives it, or null
 * @param timeout how long one attempt may take before it is interrupted and counts as failed
 * @param retries further attempts after a failed one (0: none)
 * @param retryDelay the pause before each further attempt
 * @param undo the explicit undo ({@code undo: {host, run}} of an {@code ssh} step), or null
 * @param undoImplied whether the reverse change is the undo ({@code dns}, {@code hosts}, {@code
 *     vip}, unless {@code undo: false})
 * @param action what the step does
 */
public record StepConfig(
    String path,
    int line,
    String name,
    Duration timeout,
    int retries,
    Duration retryDelay,
    Action action,
    Action undo,
    boolean undoImplied) {

  /** The step's kind key, e.g. {@code dns}. */
  public String kind() {
    return action.kind();
  }

  /** Its label, or {@code kind} when the file gives none. */
  public String label() {
    return name != null ? name : kind();
  }

  /** What a step of some kind does; one record per kind. */
  public sealed interface Action permits CheckReplica, Fence, Ssh, Dns, Hosts, Vip, Probe, Notify {
    /** The kind key, as written in the file. */
    String kind();
  }

  /**
   * {@code check-replica: NAME} or {@code {replica: NAME, maxLag: 5m}}: the failover goes on only
   * when the replica is acceptable and its lag is at most {@code maxLag}.
   *
   * @param replica the replica of {@code replicas:}
   * @param maxLag the largest lag accepted: the file's, else the service's RPO
   */
  public record CheckReplica(ReplicaConfig replica, Duration maxLag) implements Action {
    @Override
    public String kind() {
      return "check-replica";
    }
  }

  /**
   * {@code fence:} a chain of methods that make sure the old primary no longer serves, tried in
   * order until one succeeds; all failing is a failed fence.
   *
   * @param methods at least one
   */
  public record Fence(List<FenceMethod> methods) implements Action {
    @Override
    public String kind() {
      return "fence";
    }
  }

  /** One way of fencing the primary. */
  public sealed interface FenceMethod permits FenceSsh, FenceUps, FenceUnreachable {
    /** The method's key, as written in the file. */
    String kind();
  }

  /**
   * {@code {ssh: {host, run}}}: a command that stops the primary's service.
   *
   * @param host where it runs
   * @param run the administrator's own shell command, passed as written
   */
  public record FenceSsh(HostConfig host, String run) implements FenceMethod {
    @Override
    public String kind() {
      return "ssh";
    }
  }

  /**
   * {@code {ups: {ups: name@host:port, command, user, password}}}: a NUT {@code INSTCMD} that cuts
   * the primary's power (e.g. {@code outlet.1.load.off}).
   *
   * @param ups the UPS's name at the NUT server
   * @param host the NUT server
   * @param port its port (default 3493)
   * @param command the instant command
   * @param user the NUT user allowed to run it
   * @param password its password, by reference
   */
  public record FenceUps(
      String ups, String host, int port, String command, String user, Secret password)
      implements FenceMethod {
    @Override
    public String kind() {
      return "ups";
    }
  }

  /**
   * {@code {unreachable: {host, port, for: 20s}}}: the primary counts as fenced when its port has
   * refused or ignored every connection for the whole period.
   *
   * @param host the primary (its address is probed)
   * @param port the service's port
   * @param period how long it must stay unreachable
   */
  public record FenceUnreachable(HostConfig host, int port, Duration period)
      implements FenceMethod {
    @Override
    public String kind() {
      return "unreachable";
    }
  }

  /**
   * {@code ssh: {host, run}}: a command on a host; a non-zero exit is a failure.
   *
   * @param host where it runs
   * @param run the administrator's own shell command, passed as written
   */
  public record Ssh(HostConfig host, String run) implements Action {
    @Override
    public String kind() {
      return "ssh";
    }
  }

  /**
   * {@code dns: {server, zone, name, from, to, ttl, tsigKey}}: an RFC 2136 update signed with TSIG,
   * done as a compare-and-swap (only while the record still holds {@code from}).
   *
   * @param server the authoritative server, {@code host:port} (port 53 when not given)
   * @param zone the zone, e.g. {@code ente.lan}
   * @param name the record's name, absolute, e.g. {@code uno.ente.lan}
   * @param from the primary's address, which the record must hold
   * @param to the secondary's address
   * @param ttl the TTL of the new record
   * @param tsigKey the key file ({@code tsig-keygen} format)
   */
  public record Dns(
      String server,
      String zone,
      String name,
      InetAddress from,
      InetAddress to,
      Duration ttl,
      Path tsigKey)
      implements Action {
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);

    @Override
    public String kind() {
      return "dns";
    }
  }

  /**
   * {@code hosts: {clients, files, from, to}}: on each client over SSH, the primary's address
   * replaced by the secondary's in the given files, each kept in a backup for the undo.
   *
   * @param clients the client machines, at least one
   * @param files the files on each client, absolute, at least one
   * @param from the primary's address
   * @param to the secondary's address
   */
  public record Hosts(
      List<HostConfig> clients, List<String> files, InetAddress from, InetAddress to)
      implements Action {
    @Override
    public String kind() {
      return "hosts";
    }
  }

  /**
   * {@code vip: {address, device, from, to}}: a virtual address moved between hosts ({@code ip addr
   * del}/{@code add} and gratuitous ARP over SSH).
   *
   * @param address the address with its prefix, e.g. {@code 10.0.0.10/24}
   * @param device the network interface on both hosts, e.g. {@code eth0}
   * @param from the host that holds it now (the primary)
   * @param to the host that takes it
   */
  public record Vip(String address, String device, HostConfig from, HostConfig to)
      implements Action {
    @Override
    public String kind() {
      return "vip";
    }
  }

  /**
   * {@code wait:} or {@code verify:} one check polled until it answers or the step times out.
   *
   * @param verify true for {@code verify} (the service is proven up: the RTO ends at the first one
   *     that succeeds after the promotion), false for {@code wait}
   * @param check what must answer
   * @param interval the pause between two attempts
   */
  public record Probe(boolean verify, Check check, Duration interval) implements Action {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    @Override
    public String kind() {
      return verify ? "verify" : "wait";
    }
  }

  /** What a wait or verify step polls. */
  public sealed interface Check permits TcpCheck, HttpCheck, CommandCheck {}

  /**
   * {@code {tcp: "host:port"}}: a connection must be accepted.
   *
   * @param host an address or name (a name of {@code hosts:} is replaced by its address)
   * @param port the port
   * @param resolver a DNS server {@code host:port} that resolves {@code host} instead of the
   *     system's resolver (e.g. the lab's named), or null
   */
  public record TcpCheck(String host, int port, String resolver) implements Check {}

  /**
   * {@code {http: URL, expect: 200}}: a GET must answer with that status.
   *
   * @param url http or https
   * @param expect the status expected (default 200)
   * @param resolver a DNS server {@code host:port} that resolves the URL's host instead of the
   *     system's resolver, or null
   */
  public record HttpCheck(URI url, int expect, String resolver) implements Check {}

  /**
   * {@code {command: …, host?}}: a command must exit 0.
   *
   * @param command the administrator's own shell command ({@code sh -c} locally, the login shell
   *     over SSH)
   * @param host where it runs, or null for this agent's machine
   */
  public record CommandCheck(String command, HostConfig host) implements Check {}

  /**
   * {@code notify: {message, channels?, required?}}: a message through the alert channels.
   *
   * @param message the text
   * @param channels the channels by name; empty for every channel of {@code alerts.channels}
   * @param required whether a failure to send fails the step (default: recorded only)
   */
  public record Notify(String message, List<String> channels, boolean required) implements Action {
    @Override
    public String kind() {
      return "notify";
    }
  }
}
