package it.continuo.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads one item of a runbook's {@code steps:}. */
final class StepSection {
  static final List<String> COMMON = List.of("name", "timeout", "retries", "retryDelay", "undo");

  /** The kinds, each with the timeout a step of it has when the file gives none. */
  static final Map<String, Duration> KINDS =
      Map.of(
          "check-replica", Duration.ofMinutes(2),
          "fence", Duration.ofMinutes(2),
          "ssh", Duration.ofMinutes(2),
          "dns", Duration.ofSeconds(30),
          "hosts", Duration.ofMinutes(2),
          "vip", Duration.ofMinutes(1),
          "wait", Duration.ofMinutes(2),
          "verify", Duration.ofMinutes(1),
          "notify", Duration.ofSeconds(30));

  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})(\\.\\d{1,3}){3}");
  private static final Pattern DNS_NAME =
      Pattern.compile(
          "(?i)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\\.)*[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\\.?");

  private final FailoverSection.Known known;
  private final ServiceConfig service;

  StepSection(FailoverSection.Known known, ServiceConfig service) {
    this.known = known;
    this.service = service;
  }

  StepConfig read(YamlNode node) throws ConfigException {
    Map<String, YamlNode> m = node.map();
    String kind = null;
    for (String key : m.keySet()) {
      if (KINDS.containsKey(key)) {
        if (kind != null) {
          throw node.error(
              "a step has exactly one kind; this one has both " + kind + " and " + key);
        }
        kind = key;
      } else if (!COMMON.contains(key)) {
        throw m.get(key)
            .error(
                "unknown key; a step is one of "
                    + String.join(", ", kinds())
                    + " with "
                    + String.join(", ", COMMON));
      }
    }
    if (kind == null) {
      throw node.error("a step needs one kind: " + String.join(", ", kinds()));
    }
    YamlNode body = m.get(kind);
    StepConfig.Action action = action(kind, body);
    String name = YamlNode.optional(m, "name", YamlNode::nonEmptyString).orElse(null);
    Duration timeout =
        YamlNode.optional(m, "timeout", FailoverSection::positive).orElse(KINDS.get(kind));
    int retries = YamlNode.optional(m, "retries", n -> n.integer(0, 100)).orElse(0);
    Duration retryDelay =
        YamlNode.optional(m, "retryDelay", YamlNode::duration).orElse(Duration.ofSeconds(5));
    boolean reversible =
        action instanceof StepConfig.Dns
            || action instanceof StepConfig.Hosts
            || action instanceof StepConfig.Vip;
    StepConfig.Action undo = null;
    boolean implied = reversible;
    YamlNode undoNode = m.get("undo");
    if (undoNode != null && !undoNode.isNull()) {
      if (reversible) {
        if (undoNode.bool()) {
          throw undoNode.error(
              "the undo of a " + kind + " step is the reverse change; only undo: false is allowed");
        }
        implied = false;
      } else if (action instanceof StepConfig.Ssh) {
        undo = ssh(undoNode);
      } else {
        throw undoNode.error(
            "a " + kind + " step has no undo; only ssh steps take an explicit undo: {host, run}");
      }
    }
    return new StepConfig(
        node.path(), node.line(), name, timeout, retries, retryDelay, action, undo, implied);
  }

  private static List<String> kinds() {
    return List.of(
        "check-replica", "fence", "ssh", "dns", "hosts", "vip", "wait", "verify", "notify");
  }

  private StepConfig.Action action(String kind, YamlNode body) throws ConfigException {
    if (body.isNull()) {
      throw body.error("the " + kind + " step needs its settings");
    }
    return switch (kind) {
      case "check-replica" -> checkReplica(body);
      case "fence" -> fence(body);
      case "ssh" -> ssh(body);
      case "dns" -> dns(body);
      case "hosts" -> hosts(body);
      case "vip" -> vip(body);
      case "wait" -> probe(body, false);
      case "verify" -> probe(body, true);
      default -> notify(body);
    };
  }

  private StepConfig.CheckReplica checkReplica(YamlNode node) throws ConfigException {
    YamlNode nameNode = node;
    Duration maxLag = null;
    if (!node.isScalar()) {
      Map<String, YamlNode> m = node.map(List.of("replica", "maxLag"));
      nameNode = node.require(m, "replica");
      maxLag = YamlNode.optional(m, "maxLag", YamlNode::duration).orElse(null);
    }
    String name = nameNode.nonEmptyString();
    ReplicaConfig replica = known.replicas().get(name);
    if (replica == null) {
      throw nameNode.error(
          "unknown replica \""
              + name
              + "\""
              + (known.replicas().isEmpty()
                  ? "; define it under replicas:"
                  : "; replicas: " + String.join(", ", known.replicas().keySet())));
    }
    return new StepConfig.CheckReplica(replica, maxLag != null ? maxLag : service.rpo());
  }

  private StepConfig.Fence fence(YamlNode node) throws ConfigException {
    List<YamlNode> items = node.isSequence() ? node.list() : List.of(node);
    List<StepConfig.FenceMethod> methods = new ArrayList<>();
    for (YamlNode item : items) {
      Map<String, YamlNode> m = item.map(List.of("ssh", "ups", "unreachable"));
      if (m.size() != 1) {
        throw item.error("each fence method is one of ssh, ups, unreachable");
      }
      Map.Entry<String, YamlNode> e = m.entrySet().iterator().next();
      methods.add(
          switch (e.getKey()) {
            case "ssh" -> {
              StepConfig.Ssh s = ssh(e.getValue());
              yield new StepConfig.FenceSsh(s.host(), s.run());
            }
            case "ups" -> ups(e.getValue());
            default -> unreachable(e.getValue());
          });
    }
    if (methods.isEmpty()) {
      throw node.error("at least one fence method: ssh, ups or unreachable");
    }
    return new StepConfig.Fence(List.copyOf(methods));
  }

  private StepConfig.FenceUps ups(YamlNode node) throws ConfigException {
    Map<String, YamlNode> m = node.map(List.of("ups", "command", "user", "password"));
    YamlNode upsNode = node.require(m, "ups");
    String spec = upsNode.nonEmptyString().strip();
    int at = spec.indexOf('@');
    if (at <= 0 || at == spec.length() - 1) {
      throw upsNode.error("expected name@host or name@host:port, e.g. eaton@10.0.0.5:3493");
    }
    HostPort server = HostPort.parse(upsNode, spec.substring(at + 1), known.hosts(), 3493);
    String command = node.require(m, "command").nonEmptyString().strip();
    if (!command.matches("[A-Za-z0-9._-]+")) {
      throw m.get("command").error("a NUT instant command such as outlet.1.load.off");
    }
    return new StepConfig.FenceUps(
        spec.substring(0, at),
        server.host(),
        server.port(),
        command,
        node.require(m, "user").nonEmptyString(),
        node.require(m, "password").secret());
  }

  private StepConfig.FenceUnreachable unreachable(YamlNode node) throws ConfigException {
    Map<String, YamlNode> m = node.map(List.of("host", "port", "for"));
    return new StepConfig.FenceUnreachable(
        HostsSection.named(node.require(m, "host"), known.hosts()),
        node.require(m, "port").integer(1, 65535),
        YamlNode.optional(m, "for", FailoverSection::positive).orElse(Duration.ofSeconds(20)));
  }

  private StepConfig.Ssh ssh(YamlNode node) throws ConfigException {
    Map<String, YamlNode> m = node.map(List.of("host", "run"));
    return new StepConfig.Ssh(
        HostsSection.named(node.require(m, "host"), known.hosts()),
        node.require(m, "run").nonEmptyString());
  }

  private StepConfig.Dns dns(YamlNode node) throws ConfigException {
    Map<String, YamlNode> m =
        node.map(List.of("server", "zone", "name", "from", "to", "ttl", "tsigKey"));
    YamlNode serverNode = node.require(m, "server");
    HostPort server =
        HostPort.parse(serverNode, serverNode.nonEmptyString().strip(), known.hosts(), 53);
    String zone = dnsName(node.require(m, "zone"));
    YamlNode nameNode = node.require(m, "name");
    String name = dnsName(nameNode);
    if (!name.equals(zone) && !name.endsWith("." + zone)) {
      throw nameNode.error(name + " is not in zone " + zone);
    }
    InetAddress from = address(node.require(m, "from"));
    YamlNode toNode = node.require(m, "to");
    InetAddress to = address(toNode);
    if (from.equals(to)) {
      throw toNode.error("from and to are the same address: the record would not change");
    }
    if (from.getClass() != to.getClass()) {
      throw toNode.error("from and to must be both IPv4 (A) or both IPv6 (AAAA)");
    }
    Duration ttl =
        YamlNode.optional(m, "ttl", YamlNode::duration).orElse(StepConfig.Dns.DEFAULT_TTL);
    YamlNode keyNode = node.require(m, "tsigKey");
    Path key = keyNode.path(true);
    if (!Files.isReadable(key)) {
      throw keyNode.error(
          "cannot read the TSIG key file "
              + key
              + (Files.exists(key) ? " (permission denied)" : " (no such file)"));
    }
    return new StepConfig.Dns(server.toString(), zone, name, from, to, ttl, key);
  }

  private StepConfig.Hosts hosts(YamlNode node) throws ConfigException {
    Map<String, YamlNode> m = node.map(List.of("clients", "files", "from", "to"));
    YamlNode clientsNode = node.require(m, "clients");
    List<HostConfig> clients = new ArrayList<>();
    for (YamlNode c : clientsNode.items()) {
      clients.add(HostsSection.named(c, known.hosts()));
    }
    YamlNode filesNode = node.require(m, "files");
    List<String> files = new ArrayList<>();
    for (YamlNode f : filesNode.items()) {
      String file = f.nonEmptyString();
      if (!file.startsWith("/") && !file.matches("[A-Za-z]:[\\\\/].*")) {
        throw f.error("must be an absolute path on the client, e.g. /etc/hosts");
      }
      files.add(file);
    }
    if (clients.isEmpty() || files.isEmpty()) {
      throw node.error("at least one client and one file");
    }
    InetAddress from = address(node.require(m, "from"));
    YamlNode toNode = node.require(m, "to");
    InetAddress to = address(toNode);
    if (from.equals(to)) {
      throw toNode.error("from and to are the same address: the files would not change");
    }
    return new StepConfig.Hosts(List.copyOf(clients), List.copyOf(files), from, to);
  }

  private StepConfig.Vip vip(YamlNode node) throws ConfigException {
    Map<String, YamlNode> m = node.map(List.of("address", "device", "from", "to"));
    YamlNode addressNode = node.require(m, "address");
    String cidr = addressNode.nonEmptyString().strip();
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      throw addressNode.error("expected an address with its prefix, e.g. 10.0.0.10/24");
    }
    InetAddress address = address(addressNode, cidr.substring(0, slash));
    int max = address.getAddress().length * 8;
    int prefix;
    try {
      prefix = Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      prefix = -1;
    }
    if (prefix < 0 || prefix > max) {
      throw addressNode.error("the prefix must be from 0 to " + max);
    }
    String device = node.require(m, "device").nonEmptyString().strip();
    if (!device.matches("[A-Za-z0-9._:@-]{1,15}")) {
      throw m.get("device").error("not a network interface name, e.g. eth0");
    }
    HostConfig from = HostsSection.named(node.require(m, "from"), known.hosts());
    YamlNode toNode = node.require(m, "to");
    HostConfig to = HostsSection.named(toNode, known.hosts());
    if (from.name().equals(to.name())) {
      throw toNode.error("from and to are the same host");
    }
    return new StepConfig.Vip(cidr, device, from, to);
  }

  private StepConfig.Probe probe(YamlNode node, boolean verify) throws ConfigException {
    Map<String, YamlNode> m =
        node.map(List.of("tcp", "http", "expect", "command", "host", "resolver", "interval"));
    int kinds =
        (m.containsKey("tcp") ? 1 : 0)
            + (m.containsKey("http") ? 1 : 0)
            + (m.containsKey("command") ? 1 : 0);
    if (kinds != 1) {
      throw node.error("give exactly one of tcp: \"host:port\", http: URL, command: …");
    }
    String resolver = null;
    if (m.containsKey("resolver")) {
      YamlNode r = m.get("resolver");
      resolver = HostPort.parse(r, r.nonEmptyString().strip(), known.hosts(), 53).toString();
    }
    StepConfig.Check check;
    if (m.containsKey("tcp")) {
      YamlNode t = m.get("tcp");
      HostPort hp = HostPort.parse(t, t.nonEmptyString().strip(), known.hosts(), 0);
      check = new StepConfig.TcpCheck(hp.host(), hp.port(), resolver);
      only(m, "tcp", "expect", "host");
    } else if (m.containsKey("http")) {
      check =
          new StepConfig.HttpCheck(
              FailoverSection.url(m.get("http")),
              YamlNode.optional(m, "expect", n -> n.integer(100, 599)).orElse(200),
              resolver);
      only(m, "http", "host");
    } else {
      check =
          new StepConfig.CommandCheck(
              m.get("command").nonEmptyString(),
              m.containsKey("host") ? HostsSection.named(m.get("host"), known.hosts()) : null);
      only(m, "command", "expect", "resolver");
    }
    Duration interval =
        YamlNode.optional(m, "interval", FailoverSection::positive)
            .orElse(StepConfig.Probe.DEFAULT_INTERVAL);
    return new StepConfig.Probe(verify, check, interval);
  }

  private static void only(Map<String, YamlNode> m, String kind, String... notWith)
      throws ConfigException {
    for (String key : notWith) {
      if (m.containsKey(key)) {
        throw m.get(key).error(key + " does not go with " + kind);
      }
    }
  }

  private StepConfig.Notify notify(YamlNode node) throws ConfigException {
    Map<String, YamlNode> m;
    if (node.isScalar()) {
      return new StepConfig.Notify(node.nonEmptyString(), List.of(), false);
    }
    m = node.map(List.of("message", "channels", "required"));
    String message = node.require(m, "message").nonEmptyString();
    List<String> channels = new ArrayList<>();
    YamlNode channelsNode = m.get("channels");
    if (channelsNode != null && !channelsNode.isNull()) {
      for (YamlNode c : channelsNode.items()) {
        String name = c.nonEmptyString();
        if (!known.alerts().channels().containsKey(name)) {
          throw c.error(
              "unknown alert channel \""
                  + name
                  + "\""
                  + (known.alerts().channels().isEmpty()
                      ? "; define it under alerts.channels"
                      : "; channels: " + String.join(", ", known.alerts().channels().keySet())));
        }
        channels.add(name);
      }
    }
    boolean required = YamlNode.optional(m, "required", YamlNode::bool).orElse(false);
    return new StepConfig.Notify(message, List.copyOf(channels), required);
  }

  private static String dnsName(YamlNode node) throws ConfigException {
    String s = node.nonEmptyString().strip();
    if (!DNS_NAME.matcher(s).matches() || s.length() > 254) {
      throw node.error("not a valid DNS name: \"" + s + "\"");
    }
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  static InetAddress address(YamlNode node) throws ConfigException {
    return address(node, node.nonEmptyString().strip());
  }

  /** A literal IPv4 or IPv6 address; never a name (that would be a DNS lookup at load time). */
  private static InetAddress address(YamlNode node, String s) throws ConfigException {
    boolean v4 = IPV4.matcher(s).matches();
    if (v4) {
      for (String part : s.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          v4 = false;
        }
      }
    }
    if (!v4 && !(s.contains(":") && s.matches("[0-9A-Fa-f:.]+"))) {
      throw node.error("not a valid IP address: \"" + s + "\"");
    }
    try {
      return InetAddress.getByName(s);
    } catch (UnknownHostException e) {
      throw node.error("not a valid IP address: \"" + s + "\"");
    }
  }
}
