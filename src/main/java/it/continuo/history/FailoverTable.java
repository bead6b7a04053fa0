package it.continuo.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code failover_runs} and {@code failover_steps} tables. */
final class FailoverTable {
  private static final String COLUMNS =
      "id, runbook, service, mode, triggered_by, started_at, ended_at, outcome, rpo_seconds,"
          + " rto_seconds, rpo_target_seconds, rto_target_seconds, targets, forced,"
          + " failback_outcome, message, report_path";

  private FailoverTable() {}

  /** Inserts the run and its steps in one transaction: a run is never half recorded. */
  static long insert(Connection c, FailoverRecord run) throws SQLException {
    c.setAutoCommit(false);
    try {
      long id = insertRows(c, run);
      c.commit();
      return id;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static long insertRows(Connection c, FailoverRecord run) throws SQLException {
    long id;
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO failover_runs (runbook, service, mode, triggered_by, started_at,"
                + " ended_at, outcome, rpo_seconds, rto_seconds, rpo_target_seconds,"
                + " rto_target_seconds, targets, forced, failback_outcome, message, report_path)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      p.setString(1, Rows.text(run.runbook(), 255));
      p.setString(2, Rows.text(run.service(), 1000));
      p.setString(3, run.mode());
      p.setString(4, Rows.text(run.by(), 255));
      Rows.setInstant(p, 5, run.started());
      Rows.setInstant(p, 6, run.ended());
      p.setString(7, run.outcome());
      setSeconds(p, 8, run.rpo());
      setSeconds(p, 9, run.rto());
      setSeconds(p, 10, run.rpoTarget());
      setSeconds(p, 11, run.rtoTarget());
      p.setString(12, Rows.text(run.targets(), 1000));
      p.setBoolean(13, run.forced());
      p.setString(14, run.failback());
      p.setString(15, Rows.text(run.message()));
      p.setString(16, run.reportPath());
      p.executeUpdate();
      try (ResultSet keys = p.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new SQLException("the database returned no id for the new row");
        }
        id = keys.getLong(1);
      }
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO failover_steps (run_id, seq, phase, step_index, kind, label,"
                + " description, started_at, ended_at, outcome, attempts, detail, error)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (FailoverRecord.Step s : run.steps()) {
        p.setLong(1, id);
        p.setInt(2, s.seq());
        p.setString(3, s.phase());
        p.setInt(4, s.index());
        p.setString(5, s.kind());
        p.setString(6, Rows.text(s.label(), 255));
        p.setString(7, Rows.text(s.description()));
        Rows.setInstant(p, 8, s.started());
        Rows.setInstant(p, 9, s.ended());
        p.setString(10, s.outcome());
        p.setInt(11, s.attempts());
        p.setString(12, Rows.lines(s.detail()));
        p.setString(13, Rows.text(s.error()));
        p.addBatch();
      }
      p.executeBatch();
    }
    return id;
  }

  static void reportPath(Connection c, long id, String path) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("UPDATE failover_runs SET report_path = ? WHERE id = ?")) {
      p.setString(1, Rows.text(path));
      p.setLong(2, id);
      p.executeUpdate();
    }
  }

  /** The runs started at or after {@code since}, newest first, without their steps. */
  static List<FailoverRecord> since(Connection c, Instant since) throws SQLException {
    return Rows.select(
        c,
        "SELECT "
            + COLUMNS
            + " FROM failover_runs WHERE started_at >= ? ORDER BY started_at DESC, id DESC",
        r -> run(r, List.of()),
        Rows.timestamp(since));
  }

  static Optional<FailoverRecord> byId(Connection c, long id) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("SELECT " + COLUMNS + " FROM failover_runs WHERE id = ?")) {
      p.setLong(1, id);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(run(r, steps(c, id))) : Optional.empty();
      }
    }
  }

  private static List<FailoverRecord.Step> steps(Connection c, long id) throws SQLException {
    return Rows.select(
        c,
        "SELECT seq, phase, step_index, kind, label, description, started_at, ended_at,"
            + " outcome, attempts, detail, error FROM failover_steps WHERE run_id = ?"
            + " ORDER BY seq",
        FailoverTable::step,
        id);
  }

  private static FailoverRecord.Step step(ResultSet r) throws SQLException {
    return new FailoverRecord.Step(
        r.getInt("seq"),
        r.getString("phase"),
        r.getInt("step_index"),
        r.getString("kind"),
        r.getString("label"),
        r.getString("description"),
        Rows.instant(r, "started_at"),
        Rows.instant(r, "ended_at"),
        r.getString("outcome"),
        r.getInt("attempts"),
        Rows.lines(r.getString("detail")),
        r.getString("error"));
  }

  private static FailoverRecord run(ResultSet r, List<FailoverRecord.Step> steps)
      throws SQLException {
    return new FailoverRecord(
        r.getLong("id"),
        r.getString("runbook"),
        r.getString("service"),
        r.getString("mode"),
        r.getString("triggered_by"),
        Rows.instant(r, "started_at"),
        Rows.instant(r, "ended_at"),
        r.getString("outcome"),
        seconds(r, "rpo_seconds"),
        seconds(r, "rto_seconds"),
        seconds(r, "rpo_target_seconds"),
        seconds(r, "rto_target_seconds"),
        r.getString("targets"),
        r.getBoolean("forced"),
        r.getString("failback_outcome"),
        r.getString("message"),
        r.getString("report_path"),
        steps);
  }

  private static void setSeconds(PreparedStatement p, int index, Duration d) throws SQLException {
    if (d == null) {
      p.setNull(index, Types.BIGINT);
    } else {
      p.setLong(index, d.toSeconds());
    }
  }

  private static Duration seconds(ResultSet r, String column) throws SQLException {
    long s = r.getLong(column);
    return r.wasNull() ? null : Duration.ofSeconds(s);
  }
}
