package it.continuo.config;

import it.continuo.health.Severity;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the {@code alerts} section into an {@link AlertsConfig}. */
final class AlertsSection {
  private static final List<String> KEYS = List.of("channels", "smtp", "escalation", "minSeverity");

  private final List<String> warnings;

  private AlertsSection(List<String> warnings) {
    this.warnings = warnings;
  }

  /**
   * Reads {@code node}, the value of {@code alerts}.
   *
   * @param warnings where to add what is allowed but likely wrong, each with its path and line
   * @throws ConfigException naming the YAML path and line of what cannot be used
   */
  static AlertsConfig read(YamlNode node, List<String> warnings) throws ConfigException {
    return new AlertsSection(warnings).alerts(node);
  }

  private AlertsConfig alerts(YamlNode node) throws ConfigException {
    if (node.isNull()) {
      return AlertsConfig.NONE;
    }
    Map<String, YamlNode> m = node.map(KEYS);
    Map<String, AlertsConfig.Channel> channels = new LinkedHashMap<>();
    YamlNode channelsNode = m.get("channels");
    if (channelsNode != null && !channelsNode.isNull()) {
      for (Map.Entry<String, YamlNode> e : channelsNode.map().entrySet()) {
        channels.put(e.getKey(), channel(e.getValue()));
      }
    }
    EmailConfig smtp = YamlNode.optional(m, "smtp", this::smtp).orElse(null);
    List<AlertsConfig.Rule> escalation = new ArrayList<>();
    YamlNode escalationNode = m.get("escalation");
    if (escalationNode != null && !escalationNode.isNull()) {
      for (YamlNode item : escalationNode.list()) {
        escalation.add(rule(item, channels));
      }
    }
    Severity min =
        YamlNode.optional(
                m,
                "minSeverity",
                n ->
                    switch (n.nonEmptyString().strip().toUpperCase(Locale.ROOT)) {
                      case "WARN" -> Severity.WARN;
                      case "CRITICAL" -> Severity.CRITICAL;
                      default -> throw n.error("minSeverity must be WARN or CRITICAL");
                    })
            .orElse(Severity.WARN);
    if (!channels.isEmpty() && escalation.isEmpty()) {
      warnings.add(
          node.path()
              + " (line "
              + node.line()
              + "): channels are defined but no escalation rule names them: no alert is sent");
    }
    return new AlertsConfig(
        java.util.Collections.unmodifiableMap(channels), smtp, List.copyOf(escalation), min);
  }

  private AlertsConfig.Channel channel(YamlNode node) throws ConfigException {
    Map<String, YamlNode> m = node.map();
    String type = node.require(m, "type").nonEmptyString().strip();
    return switch (type) {
      case "email" -> email(node);
      case "webhook" -> webhook(node);
      case "command" -> command(node);
      default -> throw m.get("type").error("type must be email, webhook or command");
    };
  }

  private AlertsConfig.Email email(YamlNode node) throws ConfigException {
    Map<String, YamlNode> m = node.map(List.of("type", "to"));
    YamlNode toNode = node.require(m, "to");
    List<String> to = new ArrayList<>();
    for (YamlNode n : toNode.items()) {
      to.add(SmtpSection.address(n));
    }
    if (to.isEmpty()) {
      throw toNode.error("to must list at least one address");
    }
    return new AlertsConfig.Email(List.copyOf(to));
  }

  private AlertsConfig.Webhook webhook(YamlNode node) throws ConfigException {
    Map<String, YamlNode> m = node.map(List.of("type", "url", "token", "timeout"));
    YamlNode urlNode = node.require(m, "url");
    String text = urlNode.nonEmptyString().strip();
    URI url;
    try {
      url = new URI(text);
    } catch (URISyntaxException e) {
      throw urlNode.error("not a URL: " + e.getReason());
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
      throw urlNode.error("the url must be http:// or https:// with a host");
    }
    if (url.getUserInfo() != null) {
      throw urlNode.error("no login in the url; give a token by reference instead");
    }
    Secret token = YamlNode.optional(m, "token", YamlNode::secret).orElse(null);
    if (token != null && scheme.equals("http") && !loopback(url.getHost())) {
      warnings.add(
          urlNode.path()
              + " (line "
              + urlNode.line()
              + "): the webhook's token is sent without encryption (http)");
    }
    Duration timeout =
        YamlNode.optional(m, "timeout", AlertsSection::positive)
            .orElse(AlertsConfig.Webhook.DEFAULT_TIMEOUT);
    return new AlertsConfig.Webhook(url, token, timeout);
  }

  private AlertsConfig.Command command(YamlNode node) throws ConfigException {
    Map<String, YamlNode> m = node.map(List.of("type", "command", "timeout"));
    YamlNode commandNode = node.require(m, "command");
    List<String> argv = commandNode.strings();
    if (argv.isEmpty() || argv.get(0).isBlank()) {
      throw commandNode.error("command must be a program and its arguments, e.g. [/usr/bin/x, -y]");
    }
    Duration timeout =
        YamlNode.optional(m, "timeout", AlertsSection::positive)
            .orElse(AlertsConfig.Command.DEFAULT_TIMEOUT);
    return new AlertsConfig.Command(List.copyOf(argv), timeout);
  }

  private AlertsConfig.Rule rule(YamlNode node, Map<String, AlertsConfig.Channel> channels)
      throws ConfigException {
    Map<String, YamlNode> m = node.map(List.of("after", "to"));
    Duration after = YamlNode.optional(m, "after", YamlNode::duration).orElse(Duration.ZERO);
    YamlNode toNode = node.require(m, "to");
    List<String> to = new ArrayList<>();
    for (YamlNode n : toNode.items()) {
      String name = n.nonEmptyString().strip();
      if (!channels.containsKey(name)) {
        throw n.error(
            "no channel "
                + name
                + " in alerts.channels"
                + (channels.isEmpty()
                    ? " (none are defined)"
                    : "; defined: " + String.join(", ", channels.keySet())));
      }
      to.add(name);
    }
    if (to.isEmpty()) {
      throw toNode.error("to must name at least one channel");
    }
    return new AlertsConfig.Rule(after, List.copyOf(to));
  }

  private EmailConfig smtp(YamlNode node) throws ConfigException {
    return SmtpSection.server(node, node.map(SmtpSection.KEYS), warnings);
  }

  private static Duration positive(YamlNode node) throws ConfigException {
    Duration d = node.duration();
    if (d.isZero()) {
      throw node.error("must be longer than zero, e.g. 10s");
    }
    return d;
  }

  private static boolean loopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
  }
}
