package it.continuo.report.deliver;

import java.io.IOException;

/**
 * A report could not be mailed. The message says which server and what it answered, in words an
 * operator can act on; it never holds the SMTP password.
 */
public final class ReportMailException extends IOException {
  public ReportMailException(String message, Throwable cause) {
    super(message, cause);
  }
}
