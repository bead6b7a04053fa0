package it.continuo.storage.wrap;

import it.continuo.storage.ObjectInfo;
import it.continuo.storage.Target;
import it.continuo.storage.TargetException;
import it.continuo.storage.TargetException.Kind;
import it.continuo.storage.Upload;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A target that breaks on purpose, for tests: every n-th request, and a write or a read every so
 * many bytes, fails with a transient error, as a flaky line would make a real target fail. Like a
 * remote server that keeps what it received, an upload broken here keeps the bytes it passed on and
 * can be {@link #resume resumed}.
 *
 * @see Faults
 */
public final class FaultyTarget extends ForwardingTarget {

  /**
   * Where to fail; 0 disables a kind of fault.
   *
   * @param everyNthRequest every n-th open, stat, list, create, resume, delete, cleanup or commit
   *     fails before reaching the target
   * @param writeEvery an upload fails each time the bytes written to this target cross a multiple
   *     of this
   * @param readEvery a read fails each time the bytes read from this target cross a multiple of
   *     this
   */
  public record Faults(int everyNthRequest, long writeEvery, long readEvery) {}

  private final Faults faults;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong read = new AtomicLong();
  private final AtomicLong injected = new AtomicLong();
  private final AtomicLong lastReadFault = new AtomicLong();

  public FaultyTarget(Target inner, Faults faults) {
    super(inner);
    this.faults = faults;
  }

  /** How many faults were injected so far. */
  public long injected() {
    return injected.get();
  }

  private TargetException fault(String what) {
    injected.incrementAndGet();
    return new TargetException(Kind.TRANSIENT, "injected fault: " + what + " on " + name());
  }

  private void request(String what) throws TargetException {
    if (faults.everyNthRequest() > 0
        && requests.incrementAndGet() % faults.everyNthRequest() == 0) {
      throw fault(what);
    }
  }

  /** How many of {@code len} bytes may pass before the next fault (len when none is due). */
  private static int allowed(AtomicLong counter, long every, int len) {
    if (every <= 0) {
      counter.addAndGet(len);
      return len;
    }
    long before = counter.get();
    long boundary = (before / every + 1) * every;
    int n = (int) Math.min(len, boundary - before);
    counter.addAndGet(n);
    return n;
  }

  @Override
  public String location() {
    return inner.location() + " (with injected faults)";
  }

  @Override
  public InputStream open(String key) throws IOException {
    request("open " + key);
    return new FaultyInput(inner.open(key));
  }

  @Override
  public InputStream openRange(String key, long offset, long length) throws IOException {
    request("open " + key);
    return new FaultyInput(inner.openRange(key, offset, length));
  }

  @Override
  public Optional<ObjectInfo> stat(String key) throws IOException {
    request("stat " + key);
    return inner.stat(key);
  }

  @Override
  public List<ObjectInfo> list(String prefix) throws IOException {
    request("list " + prefix);
    return inner.list(prefix);
  }

  @Override
  public Upload create(String key) throws IOException {
    request("create " + key);
    return new FaultyUpload(inner.create(key), 0);
  }

  @Override
  public Upload resume(Upload interrupted) throws IOException {
    if (!(interrupted instanceof FaultyUpload f)) {
      return inner.resume(interrupted);
    }
    request("resume " + f.key());
    f.superseded = true;
    return new FaultyUpload(f.inner, f.passed);
  }

  @Override
  public void delete(String key) throws IOException {
    request("delete " + key);
    inner.delete(key);
  }

  @Override
  public void cleanupIncomplete(String prefix) throws IOException {
    request("cleanup " + prefix);
    inner.cleanupIncomplete(prefix);
  }

  private final class FaultyUpload extends ForwardingUpload {
    long passed;
    boolean superseded;

    FaultyUpload(Upload inner, long passed) {
      super(inner);
      this.passed = passed;
    }

    @Override
    public boolean resumable() {
      return true;
    }

    @Override
    public long durable() {
      return passed;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (superseded) {
        throw new IllegalStateException("this upload was resumed elsewhere");
      }
      while (len > 0) {
        int n = allowed(written, faults.writeEvery(), len);
        inner.write(b, off, n);
        passed += n;
        off += n;
        len -= n;
        if (len > 0 || (faults.writeEvery() > 0 && written.get() % faults.writeEvery() == 0)) {
          throw fault("write of " + key() + " at byte " + passed);
        }
      }
    }

    @Override
    public void commit() throws IOException {
      request("commit " + key());
      inner.commit();
    }

    @Override
    public void abort() {
      if (!superseded) {
        inner.abort();
      }
    }

    @Override
    public void close() {
      if (!superseded) {
        inner.close();
      }
    }
  }

  private final class FaultyInput extends FilterInputStream {
    FaultyInput(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      long every = faults.readEvery();
      long at = read.get();
      if (every > 0 && at > 0 && at % every == 0 && lastReadFault.getAndSet(at) != at) {
        throw fault("read at byte " + at);
      }
      int n = in.read(b, off, every > 0 ? (int) Math.min(len, every - at % every) : len);
      if (n > 0) {
        read.addAndGet(n);
      }
      return n;
    }
  }
}
