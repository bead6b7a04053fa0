package it.continuo.history;

import it.continuo.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;

/**
 * The history on the real PostgreSQL of {@code scripts/test-env}: each test gets a schema of its
 * own in the test database, dropped afterwards.
 */
@DisplayName("The history on PostgreSQL")
class HistoryPostgresIT extends HistoryContract {
  TestServers.Postgres server;
  String schema;

  private String url() throws Exception {
    if (schema == null) {
      server = TestServers.requirePostgres().postgres();
      schema = "history_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
      try (Connection c =
          DriverManager.getConnection(server.url(), server.user(), server.password())) {
        execute(c, "CREATE SCHEMA " + schema);
      }
    }
    return server.url() + (server.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  @Override
  History open() throws Exception {
    return History.open(url(), server.user(), server.password());
  }

  @Override
  Connection connect() throws Exception {
    return DriverManager.getConnection(url(), server.user(), server.password());
  }

  @AfterEach
  void dropSchema() throws Exception {
    if (schema != null) {
      if (history != null) {
        history.close();
        history = null;
      }
      try (Connection c =
          DriverManager.getConnection(server.url(), server.user(), server.password())) {
        execute(c, "DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }
}
