package it.continuo.replica;

import it.continuo.config.HostConfig;
import it.continuo.ssh.SshConnection;
import it.continuo.ssh.SshException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Opens the {@link ReplicaHost} of a side: this machine, or a host over SSH. */
final class Hosts {
  private static final String MARKER = "continuo-shell-ok";
  private static final Duration MARKER_TIMEOUT = Duration.ofSeconds(15);

  private Hosts() {}

  /**
   * @param host null for this machine
   * @param forceSftp list and hash over SFTP even where commands run (tests)
   * @throws SideException naming the host and why it cannot be used
   */
  static ReplicaHost open(HostConfig host, boolean forceSftp) throws SideException {
    if (host == null) {
      return new CommandHost(new LocalShell(), "this machine");
    }
    String description = host.name() + " (" + host.endpoint() + ")";
    SshConnection connection;
    try {
      connection = SshConnection.open(host.endpoint());
    } catch (SshException e) {
      String how = e.isTransient() ? " unreachable: " : ": ";
      throw new SideException(description + how + e.getMessage(), e);
    }
    try {
      if (!forceSftp && runsCommands(connection)) {
        return new CommandHost(new SshShell(connection), description);
      }
      return new SftpHost(connection, description);
    } catch (IOException e) {
      connection.close();
      throw new SideException(description + " unreachable: " + e.getMessage(), e);
    }
  }

  /**
   * Whether the server runs our commands: it must print back the marker. A server restricted to
   * SFTP ({@code command="internal-sftp"}) runs its SFTP server instead, which prints nothing and
   * ends at the end of its (empty) input.
   */
  static boolean runsCommands(SshConnection connection) throws IOException {
    byte[] out;
    InputStream stdout =
        connection.stream("echo " + MARKER, new ByteArrayInputStream(new byte[0]), MARKER_TIMEOUT);
    try {
      out = stdout.readNBytes(256);
    } finally {
      try {
        stdout.close();
      } catch (SshException e) {
        if (!(e instanceof it.continuo.ssh.CommandFailedException)) {
          throw e;
        }
      }
    }
    return new String(out, StandardCharsets.UTF_8).strip().equals(MARKER);
  }
}
