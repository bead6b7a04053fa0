package it.continuo.history;

import it.continuo.history.NightlyCheck.TestRestore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The {@code nightly_checks} table. */
final class NightlyCheckTable {
  private static final String COLUMNS =
      "job, target, started_at, ended_at, error, runs_checked, bytes_checked, damaged_runs,"
          + " problems, stored_runs, stored_bytes, covered_bytes, coverage_days, verified_run,"
          + " verified_point, verified_point_bytes, restore_run, restore_files, restore_bytes,"
          + " restore_archive_bytes, restore_millis, restore_ok, restore_problems";

  private NightlyCheckTable() {}

  /**
   * Records a check unless the same one (job, target and start) is there already.
   *
   * @return true when it was added
   */
  static boolean add(Connection c, NightlyCheck n) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT 1 FROM nightly_checks WHERE job = ? AND target = ? AND started_at = ?")) {
      p.setString(1, n.job());
      p.setString(2, n.target());
      Rows.setInstant(p, 3, n.started());
      try (ResultSet r = p.executeQuery()) {
        if (r.next()) {
          return false;
        }
      }
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO nightly_checks ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      p.setString(1, n.job());
      p.setString(2, n.target());
      Rows.setInstant(p, 3, n.started());
      Rows.setInstant(p, 4, n.ended());
      p.setString(5, Rows.text(n.error()));
      p.setInt(6, n.runsChecked());
      p.setLong(7, n.bytesChecked());
      p.setInt(8, n.damagedRuns());
      p.setString(9, Rows.lines(n.problems()));
      p.setInt(10, n.storedRuns());
      p.setLong(11, n.storedBytes());
      p.setLong(12, n.coveredBytes());
      p.setInt(13, n.coverageDays());
      p.setString(14, n.verifiedRun());
      Rows.setInstant(p, 15, n.verifiedPoint());
      p.setLong(16, n.verifiedPointBytes());
      TestRestore t = n.testRestore();
      p.setString(17, t == null ? null : t.run());
      setLong(p, 18, t == null ? null : (long) t.files());
      setLong(p, 19, t == null ? null : t.bytes());
      setLong(p, 20, t == null ? null : t.archiveBytesRead());
      setLong(p, 21, t == null ? null : t.millis());
      if (t == null) {
        p.setNull(22, Types.BOOLEAN);
      } else {
        p.setBoolean(22, t.ok());
      }
      p.setString(23, t == null ? null : Rows.lines(t.problems()));
      p.executeUpdate();
      return true;
    }
  }

  private static void setLong(PreparedStatement p, int index, Long value) throws SQLException {
    if (value == null) {
      p.setNull(index, Types.BIGINT);
    } else {
      p.setLong(index, value);
    }
  }

  /** The checks of {@code job} started at or after {@code since}, oldest first, every target. */
  static List<NightlyCheck> since(Connection c, String job, Instant since) throws SQLException {
    return select(
        c,
        "WHERE job = ? AND started_at >= ? ORDER BY started_at, target, id",
        job,
        Rows.timestamp(since));
  }

  /** The newest check of {@code job} on each target, by target name. */
  static List<NightlyCheck> newest(Connection c, String job) throws SQLException {
    List<NightlyCheck> newest = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (NightlyCheck n :
        select(c, "WHERE job = ? ORDER BY target, started_at DESC, id DESC", job)) {
      if (seen.add(n.target())) {
        newest.add(n);
      }
    }
    return newest;
  }

  private static List<NightlyCheck> select(Connection c, String where, Object... params)
      throws SQLException {
    return Rows.select(
        c, "SELECT " + COLUMNS + " FROM nightly_checks " + where, NightlyCheckTable::check, params);
  }

  private static NightlyCheck check(ResultSet r) throws SQLException {
    TestRestore restore = null;
    if (r.getString("restore_run") != null) {
      restore =
          new TestRestore(
              r.getString("restore_run"),
              r.getInt("restore_files"),
              r.getLong("restore_bytes"),
              r.getLong("restore_archive_bytes"),
              r.getLong("restore_millis"),
              r.getBoolean("restore_ok"),
              Rows.lines(r.getString("restore_problems")));
    }
    return new NightlyCheck(
        r.getString("job"),
        r.getString("target"),
        Rows.instant(r, "started_at"),
        Rows.instant(r, "ended_at"),
        r.getString("error"),
        r.getInt("runs_checked"),
        r.getLong("bytes_checked"),
        r.getInt("damaged_runs"),
        Rows.lines(r.getString("problems")),
        r.getInt("stored_runs"),
        r.getLong("stored_bytes"),
        r.getLong("covered_bytes"),
        r.getInt("coverage_days"),
        r.getString("verified_run"),
        Rows.instant(r, "verified_point"),
        r.getLong("verified_point_bytes"),
        restore);
  }
}
