package it.continuo.history;

import it.continuo.backup.BackupResult;
import it.continuo.backup.TargetResult;
import it.continuo.status.RunSummary;
import it.continuo.status.TargetOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code runs} and {@code run_targets} tables. */
final class RunTable {
  static final String RUNNING = "running";
  static final String INTERRUPTED = "interrupted";

  private static final String COLUMNS =
      "id, run_id, run_level, outcome, run_trigger, started_at, ended_at, files, bytes_read,"
          + " archive_bytes, error, unreadable, changed_while_read, warnings";

  private RunTable() {}

  static long insert(
      Connection c,
      String job,
      String trigger,
      String level,
      Instant start,
      Instant scheduledFor,
      String note)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO runs (job, run_level, outcome, run_trigger, started_at, scheduled_for,"
                + " note) VALUES (?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      p.setString(1, job);
      p.setString(2, level);
      p.setString(3, RUNNING);
      p.setString(4, trigger);
      Rows.setInstant(p, 5, start);
      Rows.setInstant(p, 6, scheduledFor);
      p.setString(7, Rows.text(note, Rows.MAX_NOTE));
      p.executeUpdate();
      try (ResultSet keys = p.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  /** Records how a run ended; false when there is no run {@code id}. */
  static boolean end(Connection c, long id, BackupResult r, Instant end) throws SQLException {
    Optional<String> job = job(c, id);
    if (job.isEmpty()) {
      return false;
    }
    if (r.run() != null) {
      // a catalog rebuild that ran meanwhile may have found this run already committed
      try (PreparedStatement p =
          c.prepareStatement("DELETE FROM runs WHERE job = ? AND run_id = ? AND id <> ?")) {
        p.setString(1, job.get());
        p.setString(2, r.run());
        p.setLong(3, id);
        p.executeUpdate();
      }
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE runs SET run_id = ?, run_level = COALESCE(?, run_level), outcome = ?,"
                + " ended_at = ?, interrupted_at = NULL, files = ?, bytes_read = ?,"
                + " archive_bytes = ?, error = ?, unreadable = ?, changed_while_read = ?,"
                + " warnings = ? WHERE id = ?")) {
      p.setString(1, r.run());
      p.setString(2, r.level());
      p.setString(3, r.outcome().word());
      Rows.setInstant(p, 4, end);
      p.setLong(5, r.newFiles() + r.changedFiles() + r.unchangedFiles());
      p.setLong(6, r.bytesRead());
      p.setLong(7, r.archiveBytes());
      p.setString(8, Rows.text(r.error()));
      p.setLong(9, r.unreadableCount());
      p.setLong(10, r.changedWhileRead().size());
      p.setString(11, Rows.lines(warnings(r)));
      p.setLong(12, id);
      p.executeUpdate();
    }
    try (PreparedStatement p = c.prepareStatement("DELETE FROM run_targets WHERE run_row = ?")) {
      p.setLong(1, id);
      p.executeUpdate();
    }
    int order = 0;
    for (TargetResult t : r.targets()) {
      addTarget(c, id, order++, t.target(), t.stored(), t.storedBytes(), t.error());
    }
    return true;
  }

  static void addTarget(
      Connection c, long run, int order, String target, boolean stored, long bytes, String error)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO run_targets (run_row, target_order, target, stored, stored_bytes, error)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      p.setLong(1, run);
      p.setInt(2, order);
      p.setString(3, target);
      p.setBoolean(4, stored);
      p.setLong(5, bytes);
      p.setString(6, Rows.text(error));
      p.executeUpdate();
    }
  }

  static void delete(Connection c, long id) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("DELETE FROM runs WHERE id = ?")) {
      p.setLong(1, id);
      p.executeUpdate();
    }
  }

  private static Optional<String> job(Connection c, long id) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT job FROM runs WHERE id = ?")) {
      p.setLong(1, id);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    }
  }

  /** Marks every running run interrupted; returns them as they are now. */
  static List<RunSummary> interrupt(Connection c, Instant at, String why) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery("SELECT id FROM runs WHERE outcome = '" + RUNNING + "' ORDER BY id")) {
      while (r.next()) {
        ids.add(r.getLong(1));
      }
    }
    List<RunSummary> interrupted = new ArrayList<>();
    for (long id : ids) {
      try (PreparedStatement p =
          c.prepareStatement(
              "UPDATE runs SET outcome = ?, interrupted_at = ?, error = ?"
                  + " WHERE id = ? AND outcome = ?")) {
        p.setString(1, INTERRUPTED);
        Rows.setInstant(p, 2, at);
        p.setString(3, Rows.text(why));
        p.setLong(4, id);
        p.setString(5, RUNNING);
        p.executeUpdate();
      }
      interrupted.addAll(select(c, "WHERE id = ?", id));
    }
    return interrupted;
  }

  /**
   * The runs matching {@code where} (a clause with its ORDER BY and LIMIT, whose parameters are
   * {@code params}), with their targets.
   */
  static List<RunSummary> select(Connection c, String where, Object... params) throws SQLException {
    List<RunSummary> runs = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM runs " + where)) {
      for (int i = 0; i < params.length; i++) {
        if (params[i] instanceof Instant at) {
          Rows.setInstant(p, i + 1, at);
        } else if (params[i] == null) {
          p.setNull(i + 1, Types.VARCHAR);
        } else {
          p.setObject(i + 1, params[i]);
        }
      }
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          runs.add(summary(c, r));
        }
      }
    }
    return runs;
  }

  private static RunSummary summary(Connection c, ResultSet r) throws SQLException {
    Instant start = Rows.instant(r, "started_at");
    Instant end = Rows.instant(r, "ended_at");
    return new RunSummary(
        r.getString("run_id"),
        r.getString("run_level"),
        r.getString("outcome"),
        r.getString("run_trigger"),
        start,
        end,
        end == null ? null : Duration.between(start, end),
        r.getLong("files"),
        r.getLong("bytes_read"),
        r.getLong("archive_bytes"),
        targets(c, r.getLong("id")),
        r.getString("error"),
        r.getLong("unreadable"),
        r.getLong("changed_while_read"),
        Rows.lines(r.getString("warnings")));
  }

  /** The first warning lines of a run: what it could not read, then what changed as it read. */
  static List<String> warnings(BackupResult r) {
    List<String> lines = new ArrayList<>();
    for (String u : r.unreadable()) {
      if (lines.size() < Rows.MAX_LINES) {
        lines.add("cannot read " + u);
      }
    }
    for (String path : r.changedWhileRead()) {
      if (lines.size() < Rows.MAX_LINES) {
        lines.add("changed while read: " + path);
      }
    }
    return lines;
  }

  private static List<TargetOutcome> targets(Connection c, long run) throws SQLException {
    List<TargetOutcome> targets = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT target, stored, stored_bytes, error FROM run_targets WHERE run_row = ?"
                + " ORDER BY target_order, target")) {
      p.setLong(1, run);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          targets.add(
              new TargetOutcome(r.getString(1), r.getBoolean(2), r.getLong(3), r.getString(4)));
        }
      }
    }
    return targets;
  }
}
