package it.continuo.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Reads one SSH host: an entry of {@code hosts:}, or the same keys written inline in an SFTP
 * target.
 */
final class HostsSection {
  /** The keys of a host. */
  static final List<String> KEYS =
      List.of(
          "address", "port", "user", "key", "knownHosts", "connectTimeout", "timeout", "keepAlive");

  private HostsSection() {}

  /** An entry of {@code hosts:}. */
  static HostConfig read(String name, YamlNode node) throws ConfigException {
    Map<String, YamlNode> m = node.map(KEYS);
    return read(name, node, m, node.require(m, "address").nonEmptyString());
  }

  /**
   * A host whose keys are among {@code m}, the map of {@code node}, and whose address was read by
   * the caller (an SFTP target names it {@code host}).
   */
  static HostConfig read(String name, YamlNode node, Map<String, YamlNode> m, String address)
      throws ConfigException {
    Path key = node.require(m, "key").path(true);
    Path knownHosts = node.require(m, "knownHosts").path(true);
    for (Map.Entry<String, Path> f : Map.of("key", key, "knownHosts", knownHosts).entrySet()) {
      if (!Files.isReadable(f.getValue())) {
        throw m.get(f.getKey()).error("cannot read " + f.getValue());
      }
    }
    return new HostConfig(
        name,
        address,
        YamlNode.optional(m, "port", n -> n.integer(1, 65535)).orElse(22),
        node.require(m, "user").nonEmptyString(),
        key,
        knownHosts,
        YamlNode.optional(m, "connectTimeout", YamlNode::duration).orElse(Duration.ofSeconds(15)),
        YamlNode.optional(m, "timeout", YamlNode::duration).orElse(Duration.ofSeconds(60)),
        YamlNode.optional(m, "keepAlive", YamlNode::duration).orElse(Duration.ofSeconds(15)));
  }

  /**
   * The host a {@code host:} key names.
   *
   * @throws ConfigException naming the known hosts when there is no such entry
   */
  static HostConfig named(YamlNode node, Map<String, HostConfig> hosts) throws ConfigException {
    String name = node.nonEmptyString();
    HostConfig host = hosts.get(name);
    if (host == null) {
      throw node.error(
          "unknown host \""
              + name
              + "\""
              + (hosts.isEmpty()
                  ? "; name it under hosts: (address, port, user, key, knownHosts)"
                  : "; hosts: " + String.join(", ", hosts.keySet())));
    }
    return host;
  }
}
