package it.continuo.storage.wrap;

import it.continuo.storage.ObjectInfo;
import it.continuo.storage.Target;
import it.continuo.storage.TargetException;
import it.continuo.storage.TargetException.Kind;
import it.continuo.storage.Upload;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries what fails with a {@link Kind#TRANSIENT transient} error, waiting longer each time (see
 * {@link Backoff}); other errors pass through at once. Uploads are resumed from the target's last
 * durable byte ({@link Upload#durable()}), replaying only the bytes after it, and reads continue
 * from the byte where they broke off. When the tries are used up, the last error is thrown, still
 * transient, with the number of tries in its message: a run never passes over a failed write. The
 * tries count failures in a row: an upload or read that moves forward between failures starts
 * counting again.
 */
public final class RetryingTarget extends ForwardingTarget {
  private static final Logger log = LoggerFactory.getLogger(RetryingTarget.class);

  /** The most bytes kept for replay while the target has not made them durable. */
  static final long REPLAY_LIMIT = 256L << 20;

  @FunctionalInterface
  interface Call<T> {
    T run() throws IOException;
  }

  private final Backoff backoff;

  public RetryingTarget(Target inner, Backoff backoff) {
    super(inner);
    this.backoff = backoff;
  }

  Backoff backoff() {
    return backoff;
  }

  <T> T retry(String doing, Call<T> call) throws IOException {
    for (int attempt = 0; ; attempt++) {
      try {
        return call.run();
      } catch (TargetException e) {
        check(e, doing, attempt);
      }
    }
  }

  /** Returns when the error may be retried (after waiting), else throws it. */
  void check(TargetException e, String doing, int attempt) throws TargetException {
    if (e.kind() != Kind.TRANSIENT) {
      throw e;
    }
    if (attempt >= backoff.retries()) {
      throw new TargetException(
          Kind.TRANSIENT, e.getMessage() + " (gave up after " + (attempt + 1) + " tries)", e);
    }
    log.warn(
        "target {}: {} failed: {}; try {} of {} in {} s",
        inner.name(),
        doing,
        e.getMessage(),
        attempt + 2,
        backoff.retries() + 1,
        backoff.delay(attempt).toMillis() / 1000.0);
    try {
      backoff.pause(attempt);
    } catch (java.io.InterruptedIOException interrupted) {
      interrupted.addSuppressed(e);
      throw new TargetException(Kind.PERMANENT, "interrupted while retrying " + doing, interrupted);
    }
  }

  @Override
  public InputStream open(String key) throws IOException {
    InputStream in = retry("reading " + key, () -> inner.open(key));
    return new RetryingInputStream(this, key, 0, -1, in);
  }

  @Override
  public InputStream openRange(String key, long offset, long length) throws IOException {
    InputStream in = retry("reading " + key, () -> inner.openRange(key, offset, length));
    return new RetryingInputStream(this, key, offset, length, in);
  }

  @Override
  public Optional<ObjectInfo> stat(String key) throws IOException {
    return retry("reading " + key, () -> inner.stat(key));
  }

  @Override
  public List<ObjectInfo> list(String prefix) throws IOException {
    return retry("listing " + prefix, () -> inner.list(prefix));
  }

  @Override
  public Upload create(String key) throws IOException {
    return new RetryingUpload(this, retry("writing " + key, () -> inner.create(key)));
  }

  @Override
  public Upload resume(Upload interrupted) throws IOException {
    Upload own = interrupted instanceof RetryingUpload r ? r.current() : interrupted;
    return new RetryingUpload(
        this, retry("resuming " + interrupted.key(), () -> inner.resume(own)));
  }

  @Override
  public void delete(String key) throws IOException {
    retry(
        "deleting " + key,
        () -> {
          inner.delete(key);
          return null;
        });
  }

  @Override
  public void cleanupIncomplete(String prefix) throws IOException {
    retry(
        "cleaning " + prefix,
        () -> {
          inner.cleanupIncomplete(prefix);
          return null;
        });
  }
}
