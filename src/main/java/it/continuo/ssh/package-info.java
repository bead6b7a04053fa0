/**
 * SSH sessions: the one place that opens them, for the SFTP target, replica checks and failover
 * steps that run commands on another host.
 *
 * <p>{@link it.continuo.ssh.SshConnection#open} logs in with a private key only (ed25519 or RSA
 * with SHA-2 signatures) and always verifies the server's host key against a known_hosts file
 * (plain or hashed entries); there is no switch to accept an unknown key. A refused host key is
 * reported with the address, the key type and the {@code SHA256:} fingerprint the server offered,
 * and says whether the key changed (possible man-in-the-middle) or the host is simply not listed.
 *
 * <p>Failures are {@link it.continuo.ssh.SshException}s that say whether retrying may help:
 * authentication, host key and algorithm problems are permanent; refused connections, timeouts and
 * dropped connections are transient. A connection sends keep-alives while idle and gives up when
 * the server stays silent longer than the endpoint's idle timeout; a dead connection reports {@link
 * it.continuo.ssh.SshConnection#isOpen()} false and its owner opens a new one.
 */
package it.continuo.ssh;
