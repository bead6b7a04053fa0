package it.continuo.history;

import java.io.IOException;

/**
 * The history database cannot be opened, upgraded, read or written. The message names the database
 * (its file or JDBC URL, never a password) and, where there is one, what to do.
 */
public class HistoryException extends IOException {
  public HistoryException(String message) {
    super(message);
  }

  public HistoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
