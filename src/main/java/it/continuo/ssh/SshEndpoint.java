package it.continuo.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to log in over SSH. Holds no secret: the private key stays in its file.
 *
 * @param host address or name of the server
 * @param port SSH port
 * @param user login name
 * @param privateKey private key file (ed25519 or RSA, without passphrase)
 * @param knownHosts known_hosts file holding the server's host key (hashed entries allowed)
 * @param connectTimeout how long to wait for the connection and the handshake
 * @param idleTimeout how long the server may stay silent before the connection is given up
 * @param keepAlive interval of keep-alive messages while the connection is idle
 */
public record SshEndpoint(
    String host,
    int port,
    String user,
    Path privateKey,
    Path knownHosts,
    Duration connectTimeout,
    Duration idleTimeout,
    Duration keepAlive) {

  public SshEndpoint {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(knownHosts, "knownHosts");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(keepAlive, "keepAlive");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("invalid SSH port " + port);
    }
  }

  /** {@code host:port}, with brackets around an IPv6 address. */
  public String address() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  /** {@code user@host:port}, for messages. */
  @Override
  public String toString() {
    return user + "@" + address();
  }
}
