package it.continuo.failover;

import java.io.IOException;

/**
 * A step that failed, with a message a sysadmin can act on (what was tried, where, and why), and
 * whether trying again may help (a connection refused may, a record changed by someone else will
 * not).
 */
public class StepException extends IOException {
  private final boolean retryable;

  public StepException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public StepException(String message, boolean retryable) {
    this(message, retryable, null);
  }

  /** A failure that trying again will not change. */
  public static StepException permanent(String message) {
    return new StepException(message, false);
  }

  /** A failure that may pass: a dropped connection, a service still starting. */
  public static StepException transientFailure(String message, Throwable cause) {
    return new StepException(message, true, cause);
  }

  /** Whether the runner may try again (when the step has retries left). */
  public boolean retryable() {
    return retryable;
  }
}
