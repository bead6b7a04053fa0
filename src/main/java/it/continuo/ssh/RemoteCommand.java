package it.continuo.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.time.Duration;

/** One command run on an exec channel, its output collected by JSch's own thread. */
final class RemoteCommand {
  private static final long POLL_MILLIS = 5;

  private final SshConnection connection;
  private final Session session;
  private final String command;

  RemoteCommand(SshConnection connection, Session session, String command) {
    this.connection = connection;
    this.session = session;
    this.command = command;
  }

  ExecResult run(Duration timeout) throws SshException {
    SshEndpoint endpoint = connection.endpoint();
    String doing = "running \"" + command + "\"";
    CappedBuffer out = new CappedBuffer();
    CappedBuffer err = new CappedBuffer();
    ChannelExec channel;
    try {
      channel = (ChannelExec) session.openChannel("exec");
    } catch (JSchException e) {
      throw Failures.lost(endpoint, doing, e);
    }
    try {
      channel.setCommand(command);
      channel.setInputStream(null);
      // Written to directly by the session thread: no pipe that could fill up and block it.
      channel.setOutputStream(out, true);
      channel.setErrStream(err, true);
      channel.connect(SshConnection.millis(endpoint.connectTimeout()));
      long deadline = System.nanoTime() + timeout.toNanos();
      int status = exitStatus(endpoint, session, channel, doing, timeout, deadline);
      return new ExecResult(status, out.text(), err.text());
    } catch (JSchException e) {
      throw Failures.lost(endpoint, doing, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SshException(doing + " on " + endpoint.address() + ": interrupted", true, e);
    } finally {
      channel.disconnect();
    }
  }

  /**
   * Waits for {@code channel}'s command to end, until {@code deadline} ({@link System#nanoTime}),
   * and answers its exit status.
   *
   * @throws SshException when the connection is lost, the deadline passes, or the command ended
   *     without an exit status
   */
  static int exitStatus(
      SshEndpoint endpoint,
      Session session,
      ChannelExec channel,
      String doing,
      Duration timeout,
      long deadline)
      throws SshException, InterruptedException {
    while (!channel.isClosed()) {
      if (!session.isConnected()) {
        throw new SshException(
            "connection to " + endpoint.address() + " lost while " + doing, true);
      }
      if (System.nanoTime() - deadline > 0) {
        throw new SshException(
            doing + " on " + endpoint.address() + ": no result within " + timeout, true);
      }
      Thread.sleep(POLL_MILLIS);
    }
    int status = channel.getExitStatus();
    if (status < 0) {
      throw new SshException(
          doing + " on " + endpoint.address() + ": ended without an exit status", true);
    }
    return status;
  }
}
