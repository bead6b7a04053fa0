package it.continuo.restore;

import java.io.IOException;

/** A restore that cannot start: bad destination, unknown point, bad path filter. */
public class RestoreException extends IOException {
  public RestoreException(String message) {
    super(message);
  }
}
