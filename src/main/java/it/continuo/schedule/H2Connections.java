package it.continuo.schedule;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.jdbcx.JdbcConnectionPool;
import org.quartz.utils.ConnectionProvider;

/**
 * Quartz's connections to the job store: an H2 database file opened by the daemon alone (the
 * daemon's lock sees to that), with Quartz's tables created on first use. Quartz makes it from its
 * properties and sets {@link #setUrl}.
 */
public final class H2Connections implements ConnectionProvider {
  private String url;
  private JdbcConnectionPool pool;

  public void setUrl(String url) {
    this.url = url;
  }

  @Override
  public void initialize() throws SQLException {
    pool = JdbcConnectionPool.create(url, "continuo", "");
    pool.setMaxConnections(8);
    try (Connection c = pool.getConnection()) {
      createTables(c);
    }
  }

  private static void createTables(Connection c) throws SQLException {
    try (ResultSet rs =
        c.getMetaData().getTables(null, null, "QRTZ_JOB_DETAILS", new String[] {"TABLE"})) {
      if (rs.next()) {
        return;
      }
    }
    String script;
    try (InputStream in =
        org.quartz.Scheduler.class.getResourceAsStream(
            "/org/quartz/impl/jdbcjobstore/tables_h2.sql")) {
      if (in == null) {
        throw new SQLException("Quartz's H2 schema is not in its jar");
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SQLException("cannot read Quartz's H2 schema", e);
    }
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      for (String statement : statements(script)) {
        s.execute(statement);
      }
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  /** The script's statements, without comments. */
  static java.util.List<String> statements(String script) {
    StringBuilder text = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.strip().startsWith("--")) {
        text.append(line).append('\n');
      }
    }
    return java.util.Arrays.stream(text.toString().split(";"))
        .map(String::strip)
        .filter(s -> !s.isEmpty() && !s.equalsIgnoreCase("commit"))
        .toList();
  }

  @Override
  public Connection getConnection() throws SQLException {
    return pool.getConnection();
  }

  @Override
  public void shutdown() {
    if (pool != null) {
      pool.dispose();
    }
  }
}
