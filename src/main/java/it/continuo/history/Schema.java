package it.continuo.history;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The history's tables: the versions {@code schema-N.sql} beside this class, applied in order, each
 * once, recorded in {@code schema_version}.
 */
final class Schema {
  private static final String VERSION_TABLE =
      "CREATE TABLE IF NOT EXISTS schema_version ("
          + "version INTEGER PRIMARY KEY, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)";

  private static final String DUPLICATE_KEY = "23505";

  private Schema() {}

  /** The newest version this build knows. */
  static int latest() {
    int v = 0;
    while (Schema.class.getResource(name(v + 1)) != null) {
      v++;
    }
    return v;
  }

  /**
   * Applies every version the database lacks, in one transaction (on PostgreSQL, under a lock, so
   * two agents opening at once apply it once; on H2, whose DDL commits by itself, each statement is
   * written so that running it again is harmless).
   *
   * @return the versions applied now
   */
  static List<Integer> apply(Connection c, boolean postgres) throws SQLException, HistoryException {
    createVersionTable(c);
    List<Integer> applied = new ArrayList<>();
    c.setAutoCommit(false);
    try {
      if (postgres) {
        try (Statement s = c.createStatement()) {
          s.execute("LOCK TABLE schema_version IN EXCLUSIVE MODE");
        }
      }
      TreeSet<Integer> present = versions(c);
      int latest = latest();
      if (!present.isEmpty() && present.last() > latest) {
        throw new HistoryException(
            "the history database has schema version "
                + present.last()
                + ", newer than this Continuo knows ("
                + latest
                + "): run a newer Continuo, or move the database away and run"
                + " `continuo catalog rebuild`");
      }
      for (int v = 1; v <= latest; v++) {
        if (!present.contains(v)) {
          run(c, v);
          applied.add(v);
        }
      }
      c.commit();
      return applied;
    } catch (SQLException | HistoryException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static void createVersionTable(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(VERSION_TABLE);
    } catch (SQLException e) {
      // PostgreSQL: another agent created it at the same moment (duplicate type or table)
      try (Statement s = c.createStatement()) {
        s.execute(VERSION_TABLE);
      }
    }
  }

  private static TreeSet<Integer> versions(Connection c) throws SQLException {
    TreeSet<Integer> versions = new TreeSet<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT version FROM schema_version")) {
      while (r.next()) {
        versions.add(r.getInt(1));
      }
    }
    return versions;
  }

  private static void run(Connection c, int version) throws SQLException, HistoryException {
    for (String sql : statements(read(version))) {
      try (Statement s = c.createStatement()) {
        s.execute(sql);
      } catch (SQLException e) {
        throw new SQLException(
            "schema version " + version + " failed at: " + sql + ": " + e.getMessage(),
            e.getSQLState(),
            e);
      }
    }
    try (PreparedStatement p =
        c.prepareStatement("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)")) {
      p.setInt(1, version);
      p.setObject(2, Rows.timestamp(Instant.now()));
      p.executeUpdate();
    } catch (SQLException e) {
      if (!DUPLICATE_KEY.equals(e.getSQLState())) {
        throw e;
      }
      // H2: another process applied the same version at the same moment; both did the same
    }
  }

  private static String name(int version) {
    return "schema-" + version + ".sql";
  }

  private static String read(int version) throws HistoryException {
    try (InputStream in = Schema.class.getResourceAsStream(name(version))) {
      if (in == null) {
        throw new HistoryException("resource " + name(version) + " missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new HistoryException("cannot read resource " + name(version) + ": " + e, e);
    }
  }

  /** The statements of a script: comment lines dropped, split at a semicolon that ends a line. */
  static List<String> statements(String script) {
    StringBuilder b = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.strip().startsWith("--")) {
        b.append(line).append('\n');
      }
    }
    List<String> statements = new ArrayList<>();
    for (String s : b.toString().split(";\\s*\n")) {
      if (!s.isBlank()) {
        statements.add(s.strip());
      }
    }
    return statements;
  }
}
