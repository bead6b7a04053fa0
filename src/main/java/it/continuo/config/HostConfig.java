package it.continuo.config;

import it.continuo.ssh.SshEndpoint;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A server reached over SSH, named once in {@code hosts:} and used by name by SFTP targets,
 * replicas and failover runbooks.
 *
 * @param name its key in {@code hosts:}
 * @param address address or DNS name
 * @param port SSH port
 * @param user login name
 * @param key private key file (ed25519 or RSA, without passphrase); never a password
 * @param knownHosts known_hosts file holding the server's host key (hashed entries allowed)
 * @param connectTimeout how long to wait for the connection and the handshake
 * @param timeout how long the server may stay silent before the connection is given up
 * @param keepAlive interval of keep-alive messages while the connection is idle
 */
public record HostConfig(
    String name,
    String address,
    int port,
    String user,
    Path key,
    Path knownHosts,
    Duration connectTimeout,
    Duration timeout,
    Duration keepAlive) {

  /** Where and how to log in. */
  public SshEndpoint endpoint() {
    return new SshEndpoint(
        address, port, user, key, knownHosts, connectTimeout, timeout, keepAlive);
  }
}
