package it.continuo.storage.sftp;

import com.jcraft.jsch.ChannelSftp;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A download on a channel of its own: at most {@code length} bytes, errors classified, and the
 * channel disconnected on close.
 */
final class ChannelInputStream extends FilterInputStream {
  private final ChannelSftp channel;
  private final SftpErrors errors;
  private final String doing;
  private long remaining;

  ChannelInputStream(
      InputStream in, ChannelSftp channel, long length, SftpErrors errors, String doing) {
    super(in);
    this.channel = channel;
    this.remaining = length;
    this.errors = errors;
    this.doing = doing;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n <= 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (remaining <= 0) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    try {
      int n;
      do {
        // JSch's stream returns 0 after skipping an out-of-order reply: read again.
        n = in.read(b, off, (int) Math.min(len, remaining));
      } while (n == 0);
      if (n > 0) {
        remaining -= n;
      }
      return n;
    } catch (IOException e) {
      throw errors.classify(e, doing, channel.isConnected());
    }
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] sink = new byte[(int) Math.min(n, 8192)];
    long skipped = 0;
    while (skipped < n) {
      int r = read(sink, 0, (int) Math.min(sink.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public int available() {
    return 0;
  }

  @Override
  public void close() {
    // Disconnecting drops any read-ahead still in flight; closing JSch's stream first would wait
    // for all of it.
    channel.disconnect();
  }
}
