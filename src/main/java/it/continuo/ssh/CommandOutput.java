package it.continuo.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * The standard output of a command run on an exec channel, read as it comes: JSch's session thread
 * writes into a bounded buffer (it waits while the buffer is full, which is SSH flow control, not
 * memory growth); the standard error is kept, up to {@link ExecResult#MAX_OUTPUT} bytes, for the
 * message of the exception that {@link #close()} throws when the command failed.
 */
final class CommandOutput extends InputStream {
  private static final int BUFFER = 1 << 20;

  private final SshEndpoint endpoint;
  private final Session session;
  private final ChannelExec channel;
  private final String doing;
  private final Duration timeout;
  private final long deadline;
  private final Pipe pipe = new Pipe();
  private final CappedBuffer err = new CappedBuffer();
  private boolean closed;

  private CommandOutput(
      SshEndpoint endpoint,
      Session session,
      ChannelExec channel,
      String command,
      Duration timeout) {
    this.endpoint = endpoint;
    this.session = session;
    this.channel = channel;
    this.doing = "running \"" + command + "\"";
    this.timeout = timeout;
    this.deadline = System.nanoTime() + timeout.toNanos();
  }

  static CommandOutput start(
      SshEndpoint endpoint, Session session, String command, InputStream stdin, Duration timeout)
      throws SshException {
    ChannelExec channel;
    try {
      channel = (ChannelExec) session.openChannel("exec");
    } catch (JSchException e) {
      throw Failures.lost(endpoint, "running \"" + command + "\"", e);
    }
    CommandOutput output = new CommandOutput(endpoint, session, channel, command, timeout);
    try {
      channel.setCommand(command);
      channel.setInputStream(stdin, false);
      channel.setOutputStream(output.pipe, false);
      channel.setErrStream(output.err, true);
      channel.connect(SshConnection.millis(endpoint.connectTimeout()));
    } catch (JSchException e) {
      channel.disconnect();
      throw Failures.lost(endpoint, output.doing, e);
    }
    return output;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("stream closed");
    }
    if (len == 0) {
      return 0;
    }
    return pipe.take(b, off, len);
  }

  /**
   * Waits for the command to end and checks its exit status; when the output was not read to its
   * end, ends the command instead (the remote side gets a hangup) and checks nothing.
   *
   * @throws SshException when the command exited with a status other than 0 (the message holds its
   *     standard error), ended without one, or did not end in time
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (!pipe.atEnd()) {
        pipe.abandon();
        return;
      }
      int status = RemoteCommand.exitStatus(endpoint, session, channel, doing, timeout, deadline);
      if (status != 0) {
        String stderr = err.text().strip();
        throw new CommandFailedException(
            doing
                + " on "
                + endpoint.address()
                + ": exit status "
                + status
                + (stderr.isEmpty() ? "" : ": " + stderr),
            status,
            stderr);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SshException(doing + " on " + endpoint.address() + ": interrupted", true, e);
    } finally {
      channel.disconnect();
    }
  }

  private SshException timedOut() {
    return new SshException(
        doing + " on " + endpoint.address() + ": no result within " + timeout, true);
  }

  /** A ring buffer between JSch's session thread (writer) and the caller (reader). */
  private final class Pipe extends OutputStream {
    private final byte[] ring = new byte[BUFFER];
    private int start;
    private int count;
    private boolean eof;
    private boolean abandoned;

    @Override
    public synchronized void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        if (abandoned || eof) {
          return; // nobody reads any more: drop it rather than block the session thread
        }
        if (count == ring.length) {
          try {
            wait(100);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
          }
          continue;
        }
        int end = (start + count) % ring.length;
        int n = Math.min(len, Math.min(ring.length - count, ring.length - end));
        System.arraycopy(b, off, ring, end, n);
        count += n;
        off += n;
        len -= n;
        notifyAll();
      }
    }

    @Override
    public synchronized void close() {
      eof = true;
      notifyAll();
    }

    synchronized int take(byte[] b, int off, int len) throws IOException {
      while (count == 0) {
        if (eof) {
          return -1;
        }
        if (!session.isConnected()) {
          throw new SshException(
              "connection to " + endpoint.address() + " lost while " + doing, true);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          abandoned = true;
          channel.disconnect();
          throw timedOut();
        }
        try {
          wait(Math.max(1, Math.min(100, left / 1_000_000)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SshException(doing + " on " + endpoint.address() + ": interrupted", true, e);
        }
      }
      int n = Math.min(len, Math.min(count, ring.length - start));
      System.arraycopy(ring, start, b, off, n);
      start = (start + n) % ring.length;
      count -= n;
      notifyAll();
      return n;
    }

    synchronized boolean atEnd() {
      return eof && count == 0;
    }

    synchronized void abandon() {
      abandoned = true;
      notifyAll();
    }
  }
}
