package it.continuo.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** The {@code events}, {@code prunes} and {@code pruned_runs} tables. */
final class EventTable {
  private EventTable() {}

  static void event(
      Connection c, Instant at, String kind, String job, String severity, String message)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO events (occurred_at, kind, job, severity, message)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      Rows.setInstant(p, 1, at);
      p.setString(2, kind);
      p.setString(3, job);
      p.setString(4, severity);
      p.setString(5, message == null ? "" : Rows.text(message));
      p.executeUpdate();
    }
  }

  static List<HistoryEvent> events(Connection c, Instant since, int limit) throws SQLException {
    List<HistoryEvent> events = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT occurred_at, kind, job, severity, message FROM events"
                + " WHERE occurred_at >= ? ORDER BY occurred_at DESC, id DESC LIMIT ?")) {
      Rows.setInstant(p, 1, since);
      p.setInt(2, limit);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          events.add(
              new HistoryEvent(
                  Rows.instant(r, "occurred_at"),
                  r.getString("kind"),
                  r.getString("job"),
                  r.getString("severity"),
                  r.getString("message")));
        }
      }
    }
    return events;
  }

  static void prune(
      Connection c,
      String job,
      String target,
      List<String> deletedRuns,
      boolean dryRun,
      Instant at,
      String error)
      throws SQLException {
    long id;
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO prunes (job, target, pruned_at, dry_run, error) VALUES (?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      p.setString(1, job);
      p.setString(2, target);
      Rows.setInstant(p, 3, at);
      p.setBoolean(4, dryRun);
      p.setString(5, Rows.text(error));
      p.executeUpdate();
      try (ResultSet keys = p.getGeneratedKeys()) {
        keys.next();
        id = keys.getLong(1);
      }
    }
    try (PreparedStatement p =
        c.prepareStatement("INSERT INTO pruned_runs (prune_row, run_id) VALUES (?, ?)")) {
      for (String run : new LinkedHashSet<>(deletedRuns)) {
        p.setLong(1, id);
        p.setString(2, run);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  static List<PruneRecord> prunes(Connection c, String job, Instant since) throws SQLException {
    List<PruneRecord> prunes = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT id, pruned_at, target, dry_run, error FROM prunes"
                + " WHERE job = ? AND pruned_at >= ? ORDER BY pruned_at DESC, id DESC")) {
      p.setString(1, job);
      Rows.setInstant(p, 2, since);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          prunes.add(
              new PruneRecord(
                  Rows.instant(r, "pruned_at"),
                  job,
                  r.getString("target"),
                  prunedRuns(c, r.getLong("id")),
                  r.getBoolean("dry_run"),
                  r.getString("error")));
        }
      }
    }
    return prunes;
  }

  private static List<String> prunedRuns(Connection c, long prune) throws SQLException {
    List<String> runs = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement("SELECT run_id FROM pruned_runs WHERE prune_row = ? ORDER BY run_id")) {
      p.setLong(1, prune);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          runs.add(r.getString(1));
        }
      }
    }
    return runs;
  }
}
