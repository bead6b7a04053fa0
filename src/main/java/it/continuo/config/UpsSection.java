package it.continuo.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code health.ups} section: one entry per UPS, keyed by Continuo's name for it.
 *
 * <pre>
 * health:
 *   ups:
 *     sala-server: { host: 127.0.0.1, ups: eaton, user: continuo, password: ${file:nut.secret} }
 * </pre>
 */
final class UpsSection {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final List<String> KEYS =
      List.of(
          "host",
          "port",
          "ups",
          "user",
          "password",
          "pollInterval",
          "deadTime",
          "onBattery",
          "onLowBattery");

  private UpsSection() {}

  /**
   * Reads {@code health.ups}. An empty or null section is no UPS.
   *
   * @param node the value of {@code health.ups}
   * @param warnings where advice that does not stop the load goes (a dead time shorter than three
   *     polls)
   */
  static Map<String, UpsConfig> read(YamlNode node, List<String> warnings) throws ConfigException {
    return read(node, warnings, null);
  }

  /**
   * Reads {@code health.ups}, checking that the last-chance jobs exist.
   *
   * @param jobs the configured jobs' names, or null not to check them
   */
  static Map<String, UpsConfig> read(YamlNode node, List<String> warnings, Set<String> jobs)
      throws ConfigException {
    Map<String, UpsConfig> result = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return result;
    }
    for (Map.Entry<String, YamlNode> e : node.map().entrySet()) {
      if (!NAME.matcher(e.getKey()).matches()) {
        throw e.getValue()
            .error(
                "name must be letters, digits, '.', '_' or '-' (at most 64, not starting with '.', '_' or '-')");
      }
      result.put(e.getKey(), ups(e.getKey(), e.getValue(), warnings, jobs));
    }
    return result;
  }

  private static UpsConfig ups(String name, YamlNode node, List<String> warnings, Set<String> jobs)
      throws ConfigException {
    Map<String, YamlNode> m = node.map(KEYS);
    String user = YamlNode.optional(m, "user", YamlNode::nonEmptyString).orElse(null);
    Secret password = YamlNode.optional(m, "password", YamlNode::secret).orElse(null);
    if (user != null && password == null) {
      throw new ConfigException(
          node.path() + ".password: required with user (line " + node.line() + ")");
    }
    if (user == null && password != null) {
      throw m.get("password").error("a password needs a user");
    }
    Duration poll =
        YamlNode.optional(m, "pollInterval", YamlNode::duration).orElse(Duration.ofSeconds(5));
    if (poll.isZero()) {
      throw m.get("pollInterval").error("must be more than zero");
    }
    Duration dead =
        YamlNode.optional(m, "deadTime", YamlNode::duration).orElse(Duration.ofSeconds(15));
    if (dead.compareTo(poll) <= 0) {
      YamlNode at = m.containsKey("deadTime") ? m.get("deadTime") : node;
      throw at.error(
          "deadTime ("
              + dead.toSeconds()
              + "s) must be longer than pollInterval ("
              + poll.toSeconds()
              + "s)");
    }
    if (dead.compareTo(poll.multipliedBy(3)) < 0) {
      warnings.add(
          node.path()
              + ": deadTime is shorter than three polls; one lost poll may declare the UPS"
              + " unreachable (upsmon advises at least three)");
    }
    return new UpsConfig(
        name,
        node.require(m, "host").nonEmptyString(),
        YamlNode.optional(m, "port", n -> n.integer(1, 65535)).orElse(3493),
        YamlNode.optional(m, "ups", YamlNode::nonEmptyString).orElse(name),
        user,
        password,
        poll,
        dead,
        power(m.get("onBattery"), m.get("onLowBattery"), jobs));
  }

  private static PowerConfig power(YamlNode onBattery, YamlNode onLowBattery, Set<String> jobs)
      throws ConfigException {
    PowerConfig d = PowerConfig.DEFAULTS;
    boolean postpone = d.postponeBackups();
    List<String> lastChance = new ArrayList<>();
    Duration minRuntime = d.minRuntime();
    if (onBattery != null && !onBattery.isNull()) {
      Map<String, YamlNode> b =
          onBattery.map(List.of("postponeBackups", "lastChance", "minRuntime"));
      postpone = YamlNode.optional(b, "postponeBackups", YamlNode::bool).orElse(postpone);
      if (b.containsKey("lastChance")) {
        for (YamlNode j : b.get("lastChance").items()) {
          String job = j.nonEmptyString();
          if (jobs != null && !jobs.contains(job)) {
            throw j.error("unknown job \"" + job + "\"; defined: " + String.join(", ", jobs));
          }
          lastChance.add(job);
        }
      }
      minRuntime = YamlNode.optional(b, "minRuntime", YamlNode::duration).orElse(minRuntime);
    }
    List<String> shutdown = new ArrayList<>();
    Duration timeout = d.shutdownTimeout();
    if (onLowBattery != null && !onLowBattery.isNull()) {
      Map<String, YamlNode> l = onLowBattery.map(List.of("shutdown", "timeout"));
      if (l.containsKey("shutdown")) {
        for (YamlNode c : l.get("shutdown").items()) {
          shutdown.add(c.nonEmptyString());
        }
      }
      timeout = YamlNode.optional(l, "timeout", YamlNode::duration).orElse(timeout);
    }
    return new PowerConfig(postpone, lastChance, minRuntime, shutdown, timeout);
  }
}
