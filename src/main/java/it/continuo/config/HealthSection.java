package it.continuo.config;

import it.continuo.health.Threshold;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code health} section. Its {@code ups} key is accepted here and read by the UPS
 * section's own parser.
 */
final class HealthSection {
  private static final List<String> KEYS =
      List.of(
          "interval",
          "disk",
          "memory",
          "swap",
          "load",
          "temperature",
          "filesystems",
          "mdstat",
          "smart",
          "ups");

  private HealthSection() {}

  /**
   * The section's settings, defaults for what it leaves out.
   *
   * @param node the {@code health} node
   * @param warnings where settings that are allowed but probably not meant are added
   */
  static HealthConfig read(YamlNode node, List<String> warnings) throws ConfigException {
    return read(node, warnings, null);
  }

  /**
   * The section's settings, checking that the jobs its power actions name exist.
   *
   * @param jobs the configured jobs' names, or null not to check them
   */
  static HealthConfig read(YamlNode node, List<String> warnings, java.util.Set<String> jobs)
      throws ConfigException {
    HealthConfig d = HealthConfig.DEFAULTS;
    if (node.isNull()) {
      return d;
    }
    Map<String, YamlNode> m = node.map(KEYS);
    Duration interval = YamlNode.optional(m, "interval", YamlNode::duration).orElse(d.interval());
    if (interval.compareTo(Duration.ofSeconds(5)) < 0) {
      throw m.get("interval").error("must be at least 5s");
    }
    if (interval.compareTo(Duration.ofHours(1)) > 0) {
      warnings.add(
          m.get("interval").path()
              + " (line "
              + m.get("interval").line()
              + "): the server is sampled less than once an hour; a filling disk may be seen late");
    }
    List<String> filesystems = new ArrayList<>();
    for (YamlNode n : YamlNode.optional(m, "filesystems", YamlNode::list).orElse(List.of())) {
      String mount = n.nonEmptyString();
      if (!mount.startsWith("/")) {
        throw n.error("a mount point must be an absolute path, not \"" + mount + "\"");
      }
      filesystems.add(mount);
    }
    return new HealthConfig(
        interval,
        YamlNode.optional(m, "disk", n -> ratios(n, d.disk())).orElse(d.disk()),
        YamlNode.optional(m, "memory", n -> ratios(n, d.memory())).orElse(d.memory()),
        YamlNode.optional(m, "swap", n -> ratios(n, d.swap())).orElse(d.swap()),
        YamlNode.optional(m, "load", n -> numbers(n, d.load(), 1000)).orElse(d.load()),
        YamlNode.optional(m, "temperature", n -> numbers(n, d.temperature(), 200))
            .orElse(d.temperature()),
        filesystems,
        YamlNode.optional(m, "mdstat", n -> n.path(true)).orElse(d.mdstat()),
        YamlNode.optional(m, "smart", HealthSection::smart).orElse(d.smart()),
        UpsSection.read(m.get("ups"), warnings, jobs));
  }

  /** {@code { warn: 85%, critical: 95%, clear: 5% }} as ratios. */
  private static Threshold ratios(YamlNode node, Threshold defaults) throws ConfigException {
    return threshold(node, defaults, HealthSection::percent);
  }

  /** {@code { warn: 2.0, critical: 4.0, clear: 0.5 }} as they are. */
  private static Threshold numbers(YamlNode node, Threshold defaults, double max)
      throws ConfigException {
    return threshold(node, defaults, n -> number(n, max));
  }

  private static Threshold threshold(
      YamlNode node, Threshold defaults, YamlNode.Parser<Double> value) throws ConfigException {
    Map<String, YamlNode> m = node.map(List.of("warn", "critical", "clear"));
    double warn = YamlNode.optional(m, "warn", value).orElse(defaults.warn());
    double critical = YamlNode.optional(m, "critical", value).orElse(defaults.critical());
    if (warn > critical) {
      throw node.error("warn must not be above critical");
    }
    // a default margin wider than a low warn threshold shrinks to half of it
    double clear =
        YamlNode.optional(m, "clear", value).orElse(Math.min(defaults.clear(), warn / 2));
    if (clear >= warn && warn > 0) {
      throw m.get("clear").error("must be smaller than warn, or a warning would never clear");
    }
    return new Threshold(warn, critical, clear);
  }

  /** 85% as 0.85; the sign is required, since a bare 0.85 could mean either. */
  private static double percent(YamlNode node) throws ConfigException {
    String s = node.nonEmptyString().trim();
    double v;
    try {
      if (!s.endsWith("%")) {
        throw new NumberFormatException();
      }
      v = Double.parseDouble(s.substring(0, s.length() - 1).trim());
    } catch (NumberFormatException e) {
      throw node.error("expected a percentage such as 85%, not \"" + s + "\"");
    }
    if (!(v >= 0 && v <= 100)) {
      throw node.error("must be between 0% and 100%");
    }
    return v / 100;
  }

  private static double number(YamlNode node, double max) throws ConfigException {
    String s = node.nonEmptyString().trim();
    double v;
    try {
      v = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw node.error("expected a number, not \"" + s + "\"");
    }
    if (!(v >= 0 && v <= max)) {
      throw node.error("must be between 0 and " + (long) max);
    }
    return v;
  }

  private static HealthConfig.Smart smart(YamlNode node) throws ConfigException {
    String s = node.nonEmptyString().trim();
    return switch (s) {
      case "true", "yes", "on" -> HealthConfig.Smart.ON;
      case "false", "no", "off" -> HealthConfig.Smart.OFF;
      case "auto" -> HealthConfig.Smart.AUTO;
      default -> throw node.error("expected true, false or auto, not \"" + s + "\"");
    };
  }
}
