package it.continuo.failover;

import java.io.IOException;

/** A failover that cannot start: another one runs, the lock cannot be taken. */
public class FailoverException extends IOException {
  public FailoverException(String message) {
    super(message);
  }

  public FailoverException(String message, Throwable cause) {
    super(message, cause);
  }
}
