package it.continuo.replica;

import it.continuo.ssh.SshConnection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Commands run by the login shell of a host over SSH, on one connection. */
final class SshShell implements Shell {
  private final SshConnection connection;

  SshShell(SshConnection connection) {
    this.connection = connection;
  }

  @Override
  public InputStream run(String commandLine, Path stdin, Duration timeout) throws IOException {
    InputStream in = stdin == null ? null : Files.newInputStream(stdin);
    try {
      return connection.stream(commandLine, in, timeout);
    } catch (IOException e) {
      if (in != null) {
        in.close();
      }
      throw e;
    }
  }

  @Override
  public void close() {
    connection.close();
  }
}
