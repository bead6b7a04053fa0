package it.continuo.config;

import java.util.Map;

/** A {@code host:port} of the file; a name of {@code hosts:} stands for that host's address. */
record HostPort(String host, int port) {

  /**
   * Parses {@code text}, the value of {@code node}.
   *
   * @param defaultPort the port when none is written, or 0 when one is required
   */
  static HostPort parse(YamlNode node, String text, Map<String, HostConfig> hosts, int defaultPort)
      throws ConfigException {
    String host = text;
    int port = defaultPort;
    int colon = text.lastIndexOf(':');
    boolean bracketed = text.startsWith("[");
    if (colon > 0
        && (!bracketed || text.lastIndexOf(']') < colon)
        && (bracketed || text.indexOf(':') == colon)) {
      host = text.substring(0, colon);
      try {
        port = Integer.parseInt(text.substring(colon + 1));
      } catch (NumberFormatException e) {
        port = -1;
      }
    }
    if (bracketed && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (port == 0) {
      throw node.error("expected host:port, e.g. 10.0.0.2:3389");
    }
    if (port < 1 || port > 65535) {
      throw node.error("expected host:port with a port from 1 to 65535");
    }
    if (host.isBlank()) {
      throw node.error("expected host:port, the host is empty");
    }
    HostConfig named = hosts.get(host);
    return new HostPort(named != null ? named.address() : host, port);
  }

  @Override
  public String toString() {
    return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
  }
}
