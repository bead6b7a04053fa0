package it.continuo.storage.wrap;

import it.continuo.storage.ObjectInfo;
import it.continuo.storage.Target;
import it.continuo.storage.Upload;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Keeps a target's transfers under a bandwidth limit ({@code bandwidth: 2Mbit} in the
 * configuration), so that a night's upload leaves the office's line usable. Uploads and reads share
 * the one limit; listings and other small requests are not counted.
 */
public final class ThrottledTarget implements Target {
  /** Bytes passed per wait: small enough to keep the rate smooth at a few hundred kbit/s. */
  private static final int SLICE = 16 * 1024;

  private final Target inner;
  private final RateLimiter limiter;
  private final long bitsPerSecond;

  public ThrottledTarget(Target inner, long bitsPerSecond) {
    this.inner = inner;
    this.bitsPerSecond = bitsPerSecond;
    this.limiter = new RateLimiter(Math.max(1, bitsPerSecond / 8));
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public boolean sizesAreExact() {
    return inner.sizesAreExact();
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
  public Optional<ObjectInfo> stat(String key) throws IOException {
    return inner.stat(key);
  }

  @Override
  public List<ObjectInfo> list(String prefix) throws IOException {
    return inner.list(prefix);
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

  @Override
  public void delete(String key) throws IOException {
    inner.delete(key);
  }

  @Override
  public void cleanupIncomplete(String prefix) throws IOException {
    inner.cleanupIncomplete(prefix);
  }

  @Override
  public void close() throws IOException {
    inner.close();
  }

  private final class ThrottledUpload extends Upload {
    final Upload inner;

    ThrottledUpload(Upload inner) {
      this.inner = inner;
    }

    @Override
    public String key() {
      return inner.key();
    }

    @Override
    public boolean resumable() {
      return inner.resumable();
    }

    @Override
    public long durable() {
      return inner.durable();
    }

    @Override
    public void write(int b) throws IOException {
      limiter.acquire(1);
      inner.write(b);
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

    @Override
    public void flush() throws IOException {
      inner.flush();
    }

    @Override
    public void commit() throws IOException {
      inner.commit();
    }

    @Override
    public void abort() {
      inner.abort();
    }

    @Override
    public void close() {
      inner.close();
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
