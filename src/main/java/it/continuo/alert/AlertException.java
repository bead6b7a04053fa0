package it.continuo.alert;

import java.io.IOException;

/**
 * An alert could not be delivered through a channel; it is tried again at the next update. The
 * message names the channel and what went wrong, never a password or token.
 */
public final class AlertException extends IOException {
  public AlertException(String message) {
    super(message);
  }

  public AlertException(String message, Throwable cause) {
    super(message, cause);
  }
}
