package it.continuo.storage.wrap;

import it.continuo.storage.Target;
import it.continuo.storage.Upload;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Keeps a target's transfers under a bandwidth limit ({@code bandwidth: 2Mbit} in the
 * configuration), so that a night's upload leaves the office's line usable. Uploads and reads share
 * the one limit; listings and other small requests are not counted.
 */
public final class ThrottledTarget extends ForwardingTarget {
  /** Bytes passed per wait: small enough to keep the rate smooth at a few hundred kbit/s. */
  private static final int SLICE = 16 * 1024;

  private final RateLimiter limiter;
  private final long bitsPerSecond;

  public ThrottledTarget(Target inner, long bitsPerSecond) {
    super(inner);
    this.bitsPerSecond = bitsPerSecond;
    this.limiter = new RateLimiter(Math.max(1, bitsPerSecond / 8));
  }

  @Override
  public String location() {
    return inner.location() + ", at most " + bitsPerSecond / 1000 + " kbit/s";
  }

  @Override
  public InputStream open(String key) throws IOException {
    return new Throttled(inner.open(key));
  }

  @Override
  public InputStream openRange(String key, long offset, long length) throws IOException {
    return new Throttled(inner.openRange(key, offset, length));
  }

  @Override
  public Upload create(String key) throws IOException {
    return new ThrottledUpload(inner.create(key));
  }

  @Override
  public Upload resume(Upload interrupted) throws IOException {
    Upload own = interrupted instanceof ThrottledUpload t ? t.inner : interrupted;
    return new ThrottledUpload(inner.resume(own));
  }

  private final class ThrottledUpload extends ForwardingUpload {
    ThrottledUpload(Upload inner) {
      super(inner);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        int n = Math.min(len, SLICE);
        limiter.acquire(n);
        inner.write(b, off, n);
        off += n;
        len -= n;
      }
    }
  }

  private final class Throttled extends FilterInputStream {
    Throttled(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        limiter.acquire(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, Math.min(len, SLICE));
      if (n > 0) {
        limiter.acquire(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      return in.skip(n);
    }
  }
}
