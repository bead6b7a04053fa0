package it.continuo.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A target of type {@code sftp}: a directory on another server, over SSH.
 *
 * @param name its key in the file
 * @param host address or name of the server
 * @param port SSH port
 * @param user login name
 * @param key private key file (ed25519 or RSA); never a password
 * @param knownHosts known_hosts file holding the server's host key (hashed entries allowed)
 * @param path directory on the server
 * @param connectTimeout how long to wait for the connection
 * @param timeout how long a connection may be silent before it is given up
 * @param keepAlive interval of keep-alive messages
 * @param options the wrappers around it
 */
public record SftpTargetConfig(
    String name,
    String host,
    int port,
    String user,
    Path key,
    Path knownHosts,
    String path,
    Duration connectTimeout,
    Duration timeout,
    Duration keepAlive,
    TargetOptions options)
    implements TargetConfig {
  @Override
  public String type() {
    return "sftp";
  }
}
