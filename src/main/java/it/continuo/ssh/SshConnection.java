package it.continuo.ssh;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.Slf4jLogger;
import java.io.Closeable;
import java.nio.file.Files;
import java.time.Duration;

/**
 * One logged-in SSH session. Opens channels for SFTP and runs commands; safe to use from several
 * threads, each with its own channel. Once the connection is lost ({@link #isOpen()} false) it
 * stays lost: open a new one.
 */
public final class SshConnection implements Closeable {
  /**
   * AES-GCM first: one pass for encryption and integrity, with the JDK's AES and GHASH intrinsics;
   * then AES-CTR with an encrypt-then-MAC SHA-2.
   */
  static final String CIPHERS =
      "aes128-gcm@openssh.com,aes128-ctr,aes256-gcm@openssh.com,aes256-ctr,aes192-ctr";

  static final String KEY_ALGORITHMS =
      "ssh-ed25519,rsa-sha2-512,rsa-sha2-256,"
          + "ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521";

  private final SshEndpoint endpoint;
  private final Session session;

  private SshConnection(SshEndpoint endpoint, Session session) {
    this.endpoint = endpoint;
    this.session = session;
  }

  /**
   * Connects, verifies the host key against the endpoint's known_hosts file and logs in with its
   * private key.
   *
   * @throws SshException permanent for a refused host key or login, an unreadable key or
   *     known_hosts file; transient when the server cannot be reached or does not answer
   */
  public static SshConnection open(SshEndpoint endpoint) throws SshException {
    requireReadable(endpoint.privateKey().toString(), "private key");
    requireReadable(endpoint.knownHosts().toString(), "known_hosts file");
    JSch jsch = new JSch();
    jsch.setInstanceLogger(new Slf4jLogger());
    try {
      jsch.addIdentity(endpoint.privateKey().toString());
    } catch (JSchException e) {
      throw new SshException(
          "cannot use private key " + endpoint.privateKey() + ": " + Failures.describe(e),
          false,
          e);
    }
    HostKeyVerifier hostKeys;
    Session session;
    try {
      jsch.setKnownHosts(endpoint.knownHosts().toString());
      hostKeys = new HostKeyVerifier(jsch.getHostKeyRepository(), endpoint.knownHosts().toString());
      session = jsch.getSession(endpoint.user(), endpoint.host(), endpoint.port());
      session.setHostKeyRepository(hostKeys);
      configure(session, endpoint);
    } catch (JSchException e) {
      throw new SshException(
          "cannot set up SSH to " + endpoint.address() + ": " + Failures.describe(e), false, e);
    }
    try {
      session.connect(millis(endpoint.connectTimeout()));
    } catch (JSchException e) {
      throw Failures.connecting(endpoint, hostKeys, e);
    }
    return new SshConnection(endpoint, session);
  }

  private static void configure(Session session, SshEndpoint endpoint) throws JSchException {
    session.setConfig("StrictHostKeyChecking", "yes");
    session.setConfig("HashKnownHosts", "no");
    session.setConfig("PreferredAuthentications", "publickey");
    session.setConfig("PubkeyAcceptedAlgorithms", KEY_ALGORITHMS);
    session.setConfig("cipher.c2s", CIPHERS);
    session.setConfig("cipher.s2c", CIPHERS);
    // JSch proves each post-quantum key exchange it offers by running it once before connecting:
    // 0.6 s of every connection in a starting command, all in key generation that Bouncy Castle,
    // bundled, always supports. The offer is unchanged (ML-KEM hybrid first, then curve25519).
    session.setConfig("CheckKexes", "");
    session.setDaemonThread(true);
    // JSch reads with a socket timeout of one keep-alive interval, sends a keep-alive each time
    // it expires, and gives up after ServerAliveCountMax of them go unanswered.
    long idle = Math.max(1, endpoint.idleTimeout().toMillis());
    long interval = endpoint.keepAlive().isZero() ? idle : endpoint.keepAlive().toMillis();
    interval = Math.max(1, Math.min(interval, idle));
    session.setServerAliveInterval((int) Math.min(Integer.MAX_VALUE, interval));
    session.setServerAliveCountMax((int) Math.max(0, (idle + interval - 1) / interval - 1));
  }

  private static void requireReadable(String file, String what) throws SshException {
    if (!Files.isReadable(java.nio.file.Path.of(file))) {
      throw new SshException("cannot read " + what + " " + file, false);
    }
  }

  static int millis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, d.toMillis()));
  }

  public SshEndpoint endpoint() {
    return endpoint;
  }

  /** False once the connection is closed or lost. */
  public boolean isOpen() {
    return session.isConnected();
  }

  /**
   * A new SFTP channel, connected. The caller owns it: one thread at a time, and {@code
   * disconnect()} when done.
   */
  public ChannelSftp sftp() throws SshException {
    try {
      ChannelSftp channel = (ChannelSftp) session.openChannel("sftp");
      channel.connect(millis(endpoint.connectTimeout()));
      return channel;
    } catch (JSchException e) {
      throw Failures.lost(endpoint, "opening an SFTP channel", e);
    }
  }

  /**
   * Runs a command and waits for it to finish.
   *
   * @throws SshException transient when the connection is lost or the command does not finish
   *     within {@code timeout} (it is then disconnected from; the remote side gets a hangup)
   */
  public ExecResult exec(String command, Duration timeout) throws SshException {
    return new RemoteCommand(this, session, command).run(timeout);
  }

  /**
   * Starts a command and returns its standard output to be read as it comes, without holding it in
   * memory: for listings and other outputs of any size. Reading blocks while the command is silent,
   * at most until {@code timeout} after the start; {@code close()} then checks the exit status (or,
   * when the output was not read to its end, ends the command).
   *
   * @param stdin what the command reads on its standard input, sent as it is read (closed by the
   *     caller); null for none
   * @throws SshException when the channel cannot be opened; reads and {@code close()} throw it too:
   *     a {@link CommandFailedException} for an exit status other than 0 (with its standard error),
   *     transient for a lost connection or a timeout
   */
  public java.io.InputStream stream(String command, java.io.InputStream stdin, Duration timeout)
      throws SshException {
    return CommandOutput.start(endpoint, session, command, stdin, timeout);
  }

  /** Ends the session; channels still open on it fail. */
  @Override
  public void close() {
    session.disconnect();
  }

  @Override
  public String toString() {
    return "ssh " + endpoint;
  }
}
