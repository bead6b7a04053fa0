package it.continuo.lock;

import java.io.IOException;

/** Another live run holds the job's lock. */
public class LockHeldException extends IOException {
  public LockHeldException(String message) {
    super(message);
  }
}
