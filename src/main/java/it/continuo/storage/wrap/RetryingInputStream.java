package it.continuo.storage.wrap;

import it.continuo.storage.TargetException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads an object, or a range of it, and when the connection breaks with a transient error opens it
 * again from the next byte, within the target's backoff.
 */
final class RetryingInputStream extends InputStream {
  private final RetryingTarget target;
  private final String key;
  private final long offset;

  /** Bytes asked for, or -1 for "to the end". */
  private final long length;

  private InputStream in;
  private long position;

  RetryingInputStream(RetryingTarget target, String key, long offset, long length, InputStream in) {
    this.target = target;
    this.key = key;
    this.offset = offset;
    this.length = length;
    this.in = in;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    boolean broken = false;
    long progress = position;
    for (int attempt = 0; ; attempt++) {
      if (position > progress) {
        progress = position;
        attempt = 0;
      }
      try {
        if (broken) {
          reopen();
        }
        int n = in.read(b, off, len);
        if (n > 0) {
          position += n;
        }
        return n;
      } catch (TargetException e) {
        target.check(e, "reading " + key, attempt);
        broken = true;
      }
    }
  }

  private void reopen() throws IOException {
    try {
      in.close();
    } catch (IOException ignored) {
      // the broken stream's own close may fail as well
    }
    long from = offset + position;
    long rest;
    if (length >= 0) {
      rest = length - position;
    } else {
      rest =
          target
              .inner
              .stat(key)
              .orElseThrow(
                  () -> new it.continuo.storage.ObjectNotFoundException(key + " disappeared"))
              .size();
      rest = Math.max(0, rest - from);
    }
    in = target.inner.openRange(key, from, rest);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
