package it.continuo.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads one entry of {@code replicas:}. */
final class ReplicaSection {
  private static final List<String> KEYS =
      List.of("primary", "secondary", "exclude", "maxLag", "schedule", "hashBudget", "probes");
  private static final List<String> SIDE_KEYS = List.of("host", "path", "paths");
  private static final List<String> PROBE_KEYS = List.of("name", "host", "command", "timeout");

  private ReplicaSection() {}

  static ReplicaConfig read(
      String name, YamlNode node, Map<String, HostConfig> hosts, CronCheck cron)
      throws ConfigException {
    Map<String, YamlNode> m = node.map(KEYS);
    ReplicaConfig.Side primary = side(node.require(m, "primary"), hosts, false);
    YamlNode secondaryNode = node.require(m, "secondary");
    ReplicaConfig.Side secondary = side(secondaryNode, hosts, true);
    if (primary.paths().size() != secondary.paths().size()) {
      throw secondaryNode.error(
          "the secondary has "
              + secondary.paths().size()
              + " paths and the primary "
              + primary.paths().size()
              + ": each primary path is copied to the secondary path in the same place of the list");
    }
    if (primary.host() != null
        && primary.host().name().equals(secondary.host().name())
        && primary.paths().equals(secondary.paths())) {
      throw secondaryNode.error("the secondary is the primary itself: same host and paths");
    }
    List<String> exclude = YamlNode.optional(m, "exclude", YamlNode::strings).orElse(List.of());
    Duration maxLag = node.require(m, "maxLag").duration();
    if (maxLag.isNegative()) {
      throw m.get("maxLag").error("must not be negative, e.g. 15m or 0s for an exact copy");
    }
    String schedule =
        YamlNode.optional(m, "schedule", cron::check).orElse(ReplicaConfig.DEFAULT_SCHEDULE);
    long hashBudget =
        YamlNode.optional(m, "hashBudget", YamlNode::size)
            .orElse(ReplicaConfig.DEFAULT_HASH_BUDGET);
    List<ReplicaConfig.Probe> probes = new ArrayList<>();
    YamlNode probesNode = m.get("probes");
    if (probesNode != null && !probesNode.isNull()) {
      for (YamlNode p : probesNode.list()) {
        ReplicaConfig.Probe probe = probe(p, hosts);
        if (probes.stream().anyMatch(o -> o.name().equals(probe.name()))) {
          throw p.error("probe \"" + probe.name() + "\" is listed twice");
        }
        probes.add(probe);
      }
    }
    return new ReplicaConfig(
        name, primary, secondary, exclude, maxLag, schedule, hashBudget, List.copyOf(probes));
  }

  /** Parses and checks a Quartz cron expression, the error naming the node. */
  interface CronCheck {
    String check(YamlNode node) throws ConfigException;
  }

  private static ReplicaConfig.Side side(
      YamlNode node, Map<String, HostConfig> hosts, boolean needsHost) throws ConfigException {
    Map<String, YamlNode> m = node.map(SIDE_KEYS);
    HostConfig host = null;
    if (m.containsKey("host")) {
      host = HostsSection.named(m.get("host"), hosts);
    } else if (needsHost) {
      throw node.error("host is required: the secondary is another server, named under hosts:");
    }
    List<YamlNode> pathNodes = new ArrayList<>();
    if (m.containsKey("path") == m.containsKey("paths")) {
      throw node.error("give path (one directory) or paths (a list), not both and not neither");
    }
    if (m.containsKey("path")) {
      pathNodes.add(m.get("path"));
    } else {
      pathNodes.addAll(m.get("paths").list());
      if (pathNodes.isEmpty()) {
        throw m.get("paths").error("at least one path is required");
      }
    }
    List<String> paths = new ArrayList<>();
    for (YamlNode p : pathNodes) {
      String path = p.nonEmptyString();
      if (!path.startsWith("/")) {
        throw p.error("must be an absolute path, e.g. /srv/uno");
      }
      String normal = path.length() > 1 ? path.replaceAll("/+$", "") : path;
      if (paths.contains(normal)) {
        throw p.error("path " + normal + " is listed twice");
      }
      paths.add(normal);
    }
    return new ReplicaConfig.Side(host, List.copyOf(paths));
  }

  private static ReplicaConfig.Probe probe(YamlNode node, Map<String, HostConfig> hosts)
      throws ConfigException {
    Map<String, YamlNode> m = node.map(PROBE_KEYS);
    return new ReplicaConfig.Probe(
        node.require(m, "name").nonEmptyString(),
        m.containsKey("host") ? HostsSection.named(m.get("host"), hosts) : null,
        node.require(m, "command").nonEmptyString(),
        YamlNode.optional(m, "timeout", YamlNode::duration).orElse(Duration.ofSeconds(30)));
  }
}
