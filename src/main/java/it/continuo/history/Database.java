package it.continuo.history;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * One JDBC connection to the history, opened again after it was lost. Not thread-safe: {@link
 * History} serialises its callers.
 */
final class Database implements AutoCloseable {
  /** Work done with the connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException, HistoryException;
  }

  private final String url;
  private final String name;
  private final Properties credentials = new Properties();
  private Connection connection;
  private boolean postgres;

  /**
   * @param url the JDBC URL
   * @param name what messages call it: the file, or the URL (which never holds the password)
   */
  Database(String url, String name, String user, String password) {
    this.url = url;
    this.name = name;
    credentials.setProperty("user", user == null ? "" : user);
    credentials.setProperty("password", password == null ? "" : password);
  }

  String name() {
    return name;
  }

  boolean postgres() throws HistoryException {
    connection();
    return postgres;
  }

  Connection connection() throws HistoryException {
    if (connection == null) {
      try {
        connection = DriverManager.getConnection(url, credentials);
        postgres = connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
      } catch (SQLException e) {
        throw new HistoryException(
            "cannot open the history database " + name + ": " + e.getMessage(), e);
      }
    }
    return connection;
  }

  /** Runs {@code work} with auto-commit (one statement, or reads). */
  <T> T call(String what, Work<T> work) throws HistoryException {
    Connection c = connection();
    try {
      return work.run(c);
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /** Runs {@code work} in one transaction: all of it is stored, or none. */
  <T> T transaction(String what, Work<T> work) throws HistoryException {
    Connection c = connection();
    try {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | HistoryException | RuntimeException e) {
        rollback(c);
        throw e;
      } finally {
        if (connection != null) {
          c.setAutoCommit(true);
        }
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  private static void rollback(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      // the connection is gone, and with it the transaction
    }
  }

  /**
   * The exception to throw; when the connection was lost ({@code 08xxx}), it is dropped so that the
   * next call opens a new one.
   */
  private HistoryException failure(String what, SQLException e) {
    String state = e.getSQLState();
    if (state != null && state.startsWith("08")) {
      close();
    }
    return new HistoryException("history " + name + ": cannot " + what + ": " + e.getMessage(), e);
  }

  @Override
  public void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // closing: nothing more to lose
      } finally {
        connection = null;
      }
    }
  }
}
