package it.continuo.ssh;

import java.io.IOException;

/**
 * An SSH operation that failed, classified at the source: {@link #isTransient()} says whether
 * trying again may help (a dropped connection, a timeout) or not (a refused key, a changed host
 * key). Messages name the endpoint and never contain a secret.
 */
public class SshException extends IOException {
  private final boolean transientFailure;

  public SshException(String message, boolean transientFailure, Throwable cause) {
    super(message, cause);
    this.transientFailure = transientFailure;
  }

  public SshException(String message, boolean transientFailure) {
    this(message, transientFailure, null);
  }

  /** True when retrying, on a new connection, may succeed. */
  public boolean isTransient() {
    return transientFailure;
  }
}
