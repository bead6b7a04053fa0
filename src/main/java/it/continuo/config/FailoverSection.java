package it.continuo.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@code failover:}: the runbooks and how the primary is watched.
 *
 * <pre>
 * failover:
 *   drillEvery: 365d
 *   detection: { watch: ["primario:3389", "http://10.0.0.1:8420/health"], interval: 10s,
 *                token: "${env:PRIMARY_TOKEN}" }
 *   runbooks:
 *     uno:
 *       service: Gestionale Uno
 *       primary: primario
 *       secondary: secondario
 *       steps:
 *         - check-replica: uno
 *         - ssh: { host: secondario, run: "systemctl start uno" }
 *           undo: { host: secondario, run: "systemctl stop uno" }
 * </pre>
 */
final class FailoverSection {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final List<String> KEYS = List.of("runbooks", "detection", "drillEvery");
  private static final List<String> RUNBOOK_KEYS =
      List.of("service", "primary", "secondary", "onFailure", "steps", "detection");
  private static final List<String> DETECTION_KEYS =
      List.of("watch", "interval", "misses", "auto", "token");

  private FailoverSection() {}

  /** What the section refers to, read before it. */
  record Known(
      Map<String, HostConfig> hosts,
      Map<String, ReplicaConfig> replicas,
      List<ServiceConfig> services,
      AlertsConfig alerts) {}

  static FailoverConfig read(YamlNode node, Known known) throws ConfigException {
    Map<String, YamlNode> m = node.map(KEYS);
    DetectionConfig global =
        YamlNode.optional(m, "detection", n -> detection(n, known.hosts())).orElse(null);
    Map<String, RunbookConfig> runbooks = new LinkedHashMap<>();
    YamlNode runbooksNode = m.get("runbooks");
    if (runbooksNode != null && !runbooksNode.isNull()) {
      for (Map.Entry<String, YamlNode> e : runbooksNode.map().entrySet()) {
        if (!NAME.matcher(e.getKey()).matches()) {
          throw e.getValue()
              .error("runbook name must be letters, digits, '.', '_' or '-' (at most 64)");
        }
        runbooks.put(e.getKey(), runbook(e.getKey(), e.getValue(), known, global, m));
      }
    }
    Duration drillEvery =
        YamlNode.optional(m, "drillEvery", FailoverSection::positive)
            .orElse(FailoverConfig.DEFAULT_DRILL_EVERY);
    return new FailoverConfig(java.util.Collections.unmodifiableMap(runbooks), global, drillEvery);
  }

  private static RunbookConfig runbook(
      String name, YamlNode node, Known known, DetectionConfig global, Map<String, YamlNode> top)
      throws ConfigException {
    Map<String, YamlNode> m = node.map(RUNBOOK_KEYS);
    YamlNode serviceNode = node.require(m, "service");
    String serviceName = serviceNode.nonEmptyString().strip();
    ServiceConfig service =
        known.services().stream()
            .filter(s -> s.name().equals(serviceName))
            .findFirst()
            .orElseThrow(
                () ->
                    serviceNode.error(
                        "unknown service \""
                            + serviceName
                            + "\""
                            + (known.services().isEmpty()
                                ? "; name it under services:"
                                : "; services: "
                                    + String.join(
                                        ", ",
                                        known.services().stream()
                                            .map(ServiceConfig::name)
                                            .toList()))));
    HostConfig primary = HostsSection.named(node.require(m, "primary"), known.hosts());
    YamlNode secondaryNode = node.require(m, "secondary");
    HostConfig secondary = HostsSection.named(secondaryNode, known.hosts());
    if (primary.name().equals(secondary.name())) {
      throw secondaryNode.error("the secondary must be another host than the primary");
    }
    RunbookConfig.OnFailure onFailure =
        YamlNode.optional(
                m,
                "onFailure",
                n ->
                    switch (n.nonEmptyString().strip()) {
                      case "undo" -> RunbookConfig.OnFailure.UNDO;
                      case "stop" -> RunbookConfig.OnFailure.STOP;
                      default -> throw n.error("onFailure must be undo or stop");
                    })
            .orElse(RunbookConfig.OnFailure.UNDO);
    YamlNode stepsNode = node.require(m, "steps");
    StepSection steps = new StepSection(known, service);
    List<StepConfig> list = new ArrayList<>();
    for (YamlNode item : stepsNode.list()) {
      list.add(steps.read(item));
    }
    if (list.isEmpty()) {
      throw stepsNode.error("a runbook needs at least one step");
    }
    DetectionConfig own =
        YamlNode.optional(m, "detection", n -> detection(n, known.hosts())).orElse(null);
    DetectionConfig detection = own != null ? own : global;
    RunbookConfig runbook =
        new RunbookConfig(
            name, service, primary, secondary, onFailure, List.copyOf(list), detection);
    if (detection != null && detection.auto() && !runbook.fences()) {
      YamlNode where = own != null ? m.get("detection") : top.get("detection");
      throw where.error(
          "automatic execution requires a fence step: runbook "
              + name
              + " has none (split brain: both servers would serve)");
    }
    return runbook;
  }

  static DetectionConfig detection(YamlNode node, Map<String, HostConfig> hosts)
      throws ConfigException {
    Map<String, YamlNode> m = node.map(DETECTION_KEYS);
    YamlNode watchNode = node.require(m, "watch");
    List<String> tcp = new ArrayList<>();
    List<URI> http = new ArrayList<>();
    for (YamlNode item : watchNode.items()) {
      String s = item.nonEmptyString().strip();
      if (s.startsWith("http://") || s.startsWith("https://")) {
        http.add(url(item));
      } else {
        HostPort hp = HostPort.parse(item, s, hosts, 0);
        tcp.add(hp.host() + ":" + hp.port());
      }
    }
    if (tcp.isEmpty() && http.isEmpty()) {
      throw watchNode.error("watch at least one \"host:port\" or the primary agent's /health URL");
    }
    Duration interval =
        YamlNode.optional(m, "interval", FailoverSection::positive)
            .orElse(DetectionConfig.DEFAULT_INTERVAL);
    int misses =
        YamlNode.optional(m, "misses", n -> n.integer(1, 1000))
            .orElse(DetectionConfig.DEFAULT_MISSES);
    boolean auto = YamlNode.optional(m, "auto", YamlNode::bool).orElse(false);
    Secret token = YamlNode.optional(m, "token", YamlNode::secret).orElse(null);
    return new DetectionConfig(List.copyOf(tcp), List.copyOf(http), interval, misses, auto, token);
  }

  static URI url(YamlNode node) throws ConfigException {
    String s = node.nonEmptyString().strip();
    try {
      URI uri = new URI(s);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw node.error("expected an http or https URL, e.g. http://10.0.0.1:8420/health");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw node.error("not a valid URL: " + e.getReason());
    }
  }

  static Duration positive(YamlNode node) throws ConfigException {
    Duration d = node.duration();
    if (d.isZero()) {
      throw node.error("must be longer than zero");
    }
    return d;
  }

  /**
   * Checks that each service's {@code runbook} names a runbook.
   *
   * @param servicesNode the value of {@code services:}, or null
   */
  static void checkServiceRunbooks(YamlNode servicesNode, FailoverConfig failover)
      throws ConfigException {
    if (servicesNode == null || servicesNode.isNull()) {
      return;
    }
    for (YamlNode item : servicesNode.list()) {
      YamlNode runbook = item.map().get("runbook");
      if (runbook == null || runbook.isNull()) {
        continue;
      }
      String name = runbook.nonEmptyString();
      if (!failover.runbooks().containsKey(name)) {
        throw runbook.error(
            "unknown runbook \""
                + name
                + "\""
                + (failover.runbooks().isEmpty()
                    ? "; write it under failover.runbooks"
                    : "; runbooks: " + String.join(", ", failover.runbooks().keySet())));
      }
    }
  }
}
