package it.continuo.storage.crypt;

import java.io.IOException;
import java.io.InputStream;

/**
 * At most {@code limit} bytes of a decrypting stream. When the range reaches the end of the object
 * it reads on to the end of the stream, so that the integrity code is checked there too.
 */
final class LimitedInputStream extends InputStream {
  private final InputStream in;
  private long left;
  private boolean peeked;

  LimitedInputStream(InputStream in, long limit) {
    this.in = in;
    this.left = limit;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (left <= 0) {
      if (!peeked) {
        peeked = true;
        in.read(); // -1 at the object's end, after the integrity check; a byte in the middle
      }
      return -1;
    }
    int n = in.read(b, off, (int) Math.min(len, left));
    if (n > 0) {
      left -= n;
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
