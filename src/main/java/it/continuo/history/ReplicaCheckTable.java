package it.continuo.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The {@code replica_checks} table. */
final class ReplicaCheckTable {
  private static final String COLUMNS =
      "replica, checked_at, quick, state, lag_seconds, max_lag_seconds, primary_entries,"
          + " primary_bytes, secondary_entries, secondary_bytes, missing, extra, changed,"
          + " hashed_files, hashed_bytes, differences, reason, took_millis";

  private ReplicaCheckTable() {}

  static void add(Connection c, ReplicaCheck k) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO replica_checks ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      p.setString(1, k.replica());
      Rows.setInstant(p, 2, k.checkedAt());
      p.setBoolean(3, k.quick());
      p.setString(4, k.state());
      if (k.lag() == null) {
        p.setNull(5, Types.BIGINT);
      } else {
        p.setLong(5, k.lag().toSeconds());
      }
      p.setLong(6, k.maxLag().toSeconds());
      p.setLong(7, k.primaryEntries());
      p.setLong(8, k.primaryBytes());
      p.setLong(9, k.secondaryEntries());
      p.setLong(10, k.secondaryBytes());
      p.setInt(11, k.missing());
      p.setInt(12, k.extra());
      p.setInt(13, k.changed());
      p.setLong(14, k.hashedFiles());
      p.setLong(15, k.hashedBytes());
      p.setString(16, Rows.lines(k.differences()));
      p.setString(17, Rows.text(k.reason()));
      p.setLong(18, k.took().toMillis());
      p.executeUpdate();
    }
  }

  /** The checks of {@code replica} made at or after {@code since}, oldest first. */
  static List<ReplicaCheck> since(Connection c, String replica, Instant since) throws SQLException {
    return select(
        c,
        "WHERE replica = ? AND checked_at >= ? ORDER BY checked_at, id",
        replica,
        Rows.timestamp(since));
  }

  /** The newest check of each replica, by replica name. */
  static List<ReplicaCheck> newest(Connection c) throws SQLException {
    List<ReplicaCheck> newest = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ReplicaCheck k : select(c, "ORDER BY replica, checked_at DESC, id DESC")) {
      if (seen.add(k.replica())) {
        newest.add(k);
      }
    }
    return newest;
  }

  /** The newest full (not quick) check of {@code replica} that was not unknown, or null. */
  static ReplicaCheck lastFull(Connection c, String replica) throws SQLException {
    List<ReplicaCheck> found =
        select(
            c,
            "WHERE replica = ? AND quick = FALSE AND state <> 'UNKNOWN'"
                + " ORDER BY checked_at DESC, id DESC",
            replica);
    return found.isEmpty() ? null : found.get(0);
  }

  private static List<ReplicaCheck> select(Connection c, String where, Object... params)
      throws SQLException {
    return Rows.select(
        c, "SELECT " + COLUMNS + " FROM replica_checks " + where, ReplicaCheckTable::check, params);
  }

  private static ReplicaCheck check(ResultSet r) throws SQLException {
    long lag = r.getLong("lag_seconds");
    boolean lagKnown = !r.wasNull();
    return new ReplicaCheck(
        r.getString("replica"),
        Rows.instant(r, "checked_at"),
        r.getBoolean("quick"),
        r.getString("state"),
        lagKnown ? Duration.ofSeconds(lag) : null,
        Duration.ofSeconds(r.getLong("max_lag_seconds")),
        r.getLong("primary_entries"),
        r.getLong("primary_bytes"),
        r.getLong("secondary_entries"),
        r.getLong("secondary_bytes"),
        r.getInt("missing"),
        r.getInt("extra"),
        r.getInt("changed"),
        r.getLong("hashed_files"),
        r.getLong("hashed_bytes"),
        Rows.lines(r.getString("differences")),
        r.getString("reason"),
        Duration.ofMillis(r.getLong("took_millis")));
  }
}
