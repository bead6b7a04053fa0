package it.continuo.failover.dns;

import java.time.Duration;
import java.util.Objects;

/**
 * An authoritative DNS server: a host name or address, a port, and how long to wait for each
 * answer.
 */
public record DnsServer(String host, int port, Duration timeout) {
  /** The port DNS servers listen on unless told otherwise. */
  public static final int DEFAULT_PORT = 53;

  /**
   * @throws IllegalArgumentException when the host is blank, the port outside 1..65535 or the
   *     timeout not positive
   */
  public DnsServer {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(timeout, "timeout");
    if (host.isBlank()) {
      throw new IllegalArgumentException("a DNS server needs a host");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("DNS server port " + port + " is not in 1..65535");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("DNS server timeout must be positive, not " + timeout);
    }
  }

  /**
   * Parses {@code host:port}, {@code host} (port 53), {@code [ipv6]:port}, {@code [ipv6]} or a bare
   * IPv6 address (port 53).
   *
   * @throws IllegalArgumentException naming the text when it is not one of these
   */
  public static DnsServer parse(String hostPort, Duration timeout) {
    Objects.requireNonNull(hostPort, "hostPort");
    String text = hostPort.strip();
    String host = text;
    String port = null;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("DNS server \"" + hostPort + "\": missing ]");
      }
      host = text.substring(1, close);
      String rest = text.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new IllegalArgumentException(
              "DNS server \"" + hostPort + "\": expected [address]:port");
        }
        port = rest.substring(1);
      }
    } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
      host = text.substring(0, text.indexOf(':'));
      port = text.substring(text.indexOf(':') + 1);
    } // else a name, an IPv4 address or a bare IPv6 address: port 53
    if (host.isBlank()) {
      throw new IllegalArgumentException("DNS server \"" + hostPort + "\" names no host");
    }
    int number = DEFAULT_PORT;
    if (port != null) {
      try {
        number = Integer.parseInt(port);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "DNS server \"" + hostPort + "\": port \"" + port + "\" is not a number");
      }
    }
    try {
      return new DnsServer(host, number, timeout);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("DNS server \"" + hostPort + "\": " + e.getMessage(), e);
    }
  }

  /** {@code host:port}, an IPv6 address in brackets, as messages name the server. */
  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
