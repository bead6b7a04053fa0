package it.continuo.history;

import it.continuo.catalog.RestorePoint;
import it.continuo.manifest.ManifestFooter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** Runs found on a target, added to the history by {@link CatalogRebuild}. */
final class RebuiltRuns {
  static final String TRIGGER = "rebuilt";

  /** What adding one restore point changed. */
  enum Change {
    /** The run was not in the history: it is now, with this target. */
    RUN_ADDED,
    /** The run was there; this target was not among its targets and now is. */
    TARGET_ADDED,
    /** Nothing: the history knew it already. */
    NONE
  }

  private RebuiltRuns() {}

  /**
   * Adds a committed run found on {@code target}, unless the history has it. A sealed point (an
   * encrypted manifest read without the key) is recorded with what its id tells: level and start;
   * when a later rebuild reads its footer, the counts are filled in.
   */
  static Change add(Connection c, String job, String target, int targetOrder, RestorePoint p)
      throws SQLException {
    ManifestFooter f = p.footer();
    long stored = p.manifestSize() + (f == null ? 0 : f.archiveSize());
    Optional<Long> row = row(c, job, p.run());
    if (row.isEmpty()) {
      long id = insert(c, job, target, p);
      RunTable.addTarget(c, id, targetOrder, target, true, stored, null);
      return Change.RUN_ADDED;
    }
    if (f != null) {
      completeSealed(c, row.get(), f, p.manifestSize());
    }
    try (PreparedStatement q =
        c.prepareStatement("SELECT 1 FROM run_targets WHERE run_row = ? AND target = ?")) {
      q.setLong(1, row.get());
      q.setString(2, target);
      try (ResultSet r = q.executeQuery()) {
        if (r.next()) {
          return Change.NONE;
        }
      }
    }
    RunTable.addTarget(c, row.get(), targetOrder, target, true, stored, null);
    return Change.TARGET_ADDED;
  }

  private static Optional<Long> row(Connection c, String job, String run) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("SELECT id FROM runs WHERE job = ? AND run_id = ?")) {
      p.setString(1, job);
      p.setString(2, run);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
      }
    }
  }

  private static long insert(Connection c, String job, String target, RestorePoint p)
      throws SQLException {
    ManifestFooter f = p.footer();
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO runs (job, run_id, run_level, outcome, run_trigger, note, started_at,"
                + " ended_at, files, bytes_read, archive_bytes, unreadable, changed_while_read)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      s.setString(1, job);
      s.setString(2, p.run());
      s.setString(3, p.level().word());
      s.setString(4, f != null && f.partial() ? "partial" : "success");
      s.setString(5, TRIGGER);
      s.setString(6, f == null ? sealedNote(target) : null);
      Rows.setInstant(s, 7, f == null ? p.id().start() : f.start());
      Rows.setInstant(s, 8, f == null ? null : f.end());
      s.setLong(9, f == null ? 0 : files(f));
      s.setLong(10, f == null ? 0 : f.bytesRead());
      s.setLong(11, f == null ? 0 : f.archiveSize() + p.manifestSize());
      s.setLong(12, f == null ? 0 : f.unreadable());
      s.setLong(13, f == null ? 0 : f.changedWhileRead());
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  private static String sealedNote(String target) {
    return "rebuilt from target "
        + target
        + " without its private key: outcome, end and counts unknown";
  }

  private static long files(ManifestFooter f) {
    return f.newFiles() + f.changedFiles() + f.unchangedFiles();
  }

  /** Fills in a run rebuilt earlier from a sealed point, now that its footer is read. */
  private static void completeSealed(Connection c, long row, ManifestFooter f, long manifestSize)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE runs SET outcome = ?, note = NULL, started_at = ?, ended_at = ?, files = ?,"
                + " bytes_read = ?, archive_bytes = ?, unreadable = ?, changed_while_read = ?"
                + " WHERE id = ? AND run_trigger = ? AND ended_at IS NULL")) {
      s.setString(1, f.partial() ? "partial" : "success");
      Rows.setInstant(s, 2, f.start());
      Rows.setInstant(s, 3, f.end());
      s.setLong(4, files(f));
      s.setLong(5, f.bytesRead());
      s.setLong(6, f.archiveSize() + manifestSize);
      s.setLong(7, f.unreadable());
      s.setLong(8, f.changedWhileRead());
      s.setLong(9, row);
      s.setString(10, TRIGGER);
      s.executeUpdate();
    }
  }
}
