package it.continuo.mail;

import java.io.IOException;

/**
 * A message could not be mailed. The message says which server and what it answered; it never holds
 * the SMTP password.
 */
public final class MailException extends IOException {
  public MailException(String message, Throwable cause) {
    super(message, cause);
  }
}
