package it.continuo.history;

import it.continuo.catalog.Verification;
import it.continuo.status.VerificationSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The {@code verifications} table. */
final class VerificationTable {
  private VerificationTable() {}

  /**
   * Records a verification unless the same one (job, target, run and time) is there already.
   *
   * @return true when it was added
   */
  static boolean add(Connection c, String job, String target, Verification v) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT 1 FROM verifications WHERE job = ? AND target = ? AND run_id = ?"
                + " AND verified_at = ?")) {
      p.setString(1, job);
      p.setString(2, target);
      p.setString(3, v.run());
      Rows.setInstant(p, 4, v.at());
      try (ResultSet r = p.executeQuery()) {
        if (r.next()) {
          return false;
        }
      }
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO verifications (job, target, run_id, verified_at, ok, problems,"
                + " entries_checked, bytes_checked, damaged_files, first_problem)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      p.setString(1, job);
      p.setString(2, target);
      p.setString(3, v.run());
      Rows.setInstant(p, 4, v.at());
      p.setBoolean(5, v.ok());
      p.setLong(6, v.problems().size());
      p.setLong(7, v.entriesChecked());
      p.setLong(8, v.bytesChecked());
      p.setLong(9, v.damagedCount());
      p.setString(10, v.problems().isEmpty() ? null : Rows.text(v.problems().get(0)));
      p.executeUpdate();
      return true;
    }
  }

  /** The newest verification on each target of {@code job}, by target name. */
  static List<VerificationSummary> newest(Connection c, String job) throws SQLException {
    List<VerificationSummary> newest = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT v.target, v.run_id, v.verified_at, v.ok, v.problems, v.bytes_checked"
                + " FROM verifications v WHERE v.job = ? AND v.verified_at ="
                + " (SELECT MAX(w.verified_at) FROM verifications w"
                + " WHERE w.job = v.job AND w.target = v.target)"
                + " ORDER BY v.target, v.id DESC")) {
      p.setString(1, job);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          if (seen.add(r.getString("target"))) {
            newest.add(
                new VerificationSummary(
                    r.getString("target"),
                    r.getString("run_id"),
                    Rows.instant(r, "verified_at"),
                    r.getBoolean("ok"),
                    r.getLong("problems"),
                    r.getLong("bytes_checked")));
          }
        }
      }
    }
    return newest;
  }
}
