package it.continuo.storage.wrap;

import it.continuo.storage.TargetException;
import it.continuo.storage.TargetException.Kind;
import it.continuo.storage.Upload;
import java.io.IOException;

/**
 * An upload that survives transient errors: it keeps the bytes its target has not yet made durable
 * and, after an error, resumes the upload and sends them again. An upload that its target cannot
 * resume is not buffered, and its first error is final.
 */
final class RetryingUpload extends Upload {
  private final RetryingTarget target;
  private Upload current;
  private final ReplayWindow window;

  RetryingUpload(RetryingTarget target, Upload first) {
    this.target = target;
    this.current = first;
    this.window =
        first.resumable() ? new ReplayWindow(first.durable(), RetryingTarget.REPLAY_LIMIT) : null;
  }

  Upload current() {
    return current;
  }

  @Override
  public String key() {
    return current.key();
  }

  @Override
  public boolean resumable() {
    return current.resumable();
  }

  @Override
  public long durable() {
    return current.durable();
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (window != null) {
      window.append(b, off, len);
    }
    try {
      current.write(b, off, len);
    } catch (TargetException e) {
      recover(e);
    }
    forget();
  }

  @Override
  public void flush() throws IOException {
    try {
      current.flush();
    } catch (TargetException e) {
      recover(e);
    }
    forget();
  }

  @Override
  public void commit() throws IOException {
    for (int attempt = 0; ; attempt++) {
      try {
        current.commit();
        return;
      } catch (TargetException e) {
        if (attempt >= target.backoff().retries()) {
          throw e;
        }
        recover(e);
      }
    }
  }

  private void forget() {
    if (window != null) {
      window.dropBefore(current.durable());
    }
  }

  /**
   * Resumes the upload after {@code error} and sends the bytes after the durable ones again, as
   * many times as the backoff allows; throws when it cannot.
   */
  private void recover(TargetException error) throws IOException {
    String doing = "writing " + current.key();
    long progress = current.durable();
    for (int attempt = 0; ; attempt++) {
      if (current.durable() > progress) {
        progress = current.durable(); // tries count failures in a row without progress
        attempt = 0;
      }
      if (error.kind() == Kind.TRANSIENT && (window == null || !window.holds(current.durable()))) {
        throw new TargetException(
            Kind.TRANSIENT,
            error.getMessage()
                + (window == null
                    ? " (this target cannot resume an upload)"
                    : " (too much unconfirmed data to resume)"),
            error);
      }
      target.check(error, doing, attempt);
      try {
        long from = current.durable();
        Upload next = target.inner.resume(current);
        current = next;
        window.replay(from, current);
        return;
      } catch (TargetException e) {
        error = e;
      }
    }
  }

  @Override
  public void abort() {
    current.abort();
  }

  @Override
  public void close() {
    current.close();
  }
}
