package it.continuo.history;

import it.continuo.health.Severity;
import it.continuo.history.Incident.Acknowledgement;
import it.continuo.history.Incident.Notification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code incidents} and {@code incident_notifications} tables. */
final class IncidentTable {
  private static final String COLUMNS =
      "id, incident_key, check_name, subject, severity, alerted_severity, message, opened_at,"
          + " last_seen_at, resolved_at, acked_at, acked_by, ack_note";

  private static final String NOTIFICATION_COLUMNS =
      "id, incident_id, channel, rule_index, state, severity, due_at, sent_at, attempts,"
          + " last_error, given_up";

  private IncidentTable() {}

  static long open(
      Connection c,
      String key,
      String check,
      String subject,
      Severity severity,
      String message,
      Instant at)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO incidents (incident_key, check_name, subject, severity, alerted_severity,"
                + " message, opened_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      p.setString(1, key);
      p.setString(2, check);
      p.setString(3, subject);
      p.setString(4, severity.name());
      p.setString(5, severity.name());
      p.setString(6, Rows.text(message));
      Rows.setInstant(p, 7, at);
      Rows.setInstant(p, 8, at);
      p.executeUpdate();
      return generatedId(p);
    }
  }

  static void seen(
      Connection c, long id, Severity severity, Severity alerted, String message, Instant at)
      throws SQLException {
    update(
        c,
        "UPDATE incidents SET severity = ?, alerted_severity = ?, message = ?, last_seen_at = ?"
            + " WHERE id = ?",
        severity.name(),
        alerted.name(),
        Rows.text(message),
        Rows.timestamp(at),
        id);
  }

  static void resolve(Connection c, long id, Instant at) throws SQLException {
    update(c, "UPDATE incidents SET resolved_at = ? WHERE id = ?", Rows.timestamp(at), id);
    update(
        c,
        "UPDATE incident_notifications SET given_up = TRUE, last_error = ? WHERE incident_id = ?"
            + " AND sent_at IS NULL AND given_up = FALSE AND state <> 'resolved'",
        "the incident resolved before this message was delivered",
        id);
  }

  static long notification(
      Connection c,
      long incident,
      String channel,
      int rule,
      String state,
      Severity severity,
      Instant at)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO incident_notifications (incident_id, channel, rule_index, state, severity,"
                + " due_at) VALUES (?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      p.setLong(1, incident);
      p.setString(2, channel);
      p.setInt(3, rule);
      p.setString(4, state);
      p.setString(5, severity.name());
      Rows.setInstant(p, 6, at);
      p.executeUpdate();
      return generatedId(p);
    }
  }

  static void sent(Connection c, long id, Instant at) throws SQLException {
    update(
        c,
        "UPDATE incident_notifications SET sent_at = ?, attempts = attempts + 1, last_error = NULL"
            + " WHERE id = ?",
        Rows.timestamp(at),
        id);
  }

  static void failed(Connection c, long id, String error, boolean giveUp) throws SQLException {
    update(
        c,
        "UPDATE incident_notifications SET attempts = attempts + 1, last_error = ?, given_up = ?"
            + " WHERE id = ?",
        Rows.text(error),
        giveUp,
        id);
  }

  /** Acknowledges the open incident {@code key}; empty when none is open. */
  static Optional<Incident> acknowledge(
      Connection c, String key, String by, Instant at, String note) throws SQLException {
    List<Incident> open = select(c, "WHERE incident_key = ? AND resolved_at IS NULL", key);
    if (open.isEmpty()) {
      return Optional.empty();
    }
    long id = open.get(0).id();
    update(
        c,
        "UPDATE incidents SET acked_at = ?, acked_by = ?, ack_note = ? WHERE id = ?",
        Rows.timestamp(at),
        Rows.text(by, 255),
        Rows.text(note),
        id);
    return select(c, "WHERE id = ?", id).stream().findFirst();
  }

  static List<Incident> open(Connection c) throws SQLException {
    return select(c, "WHERE resolved_at IS NULL ORDER BY opened_at, id");
  }

  /** The incidents with a message still to deliver, oldest first. */
  static List<Incident> toNotify(Connection c) throws SQLException {
    return select(
        c,
        "WHERE id IN (SELECT incident_id FROM incident_notifications WHERE sent_at IS NULL AND"
            + " given_up = FALSE) ORDER BY opened_at, id");
  }

  /** Every open incident and those resolved at or after {@code since}, newest first. */
  static List<Incident> since(Connection c, Instant since) throws SQLException {
    return select(
        c,
        "WHERE resolved_at IS NULL OR resolved_at >= ? ORDER BY opened_at DESC, id DESC",
        Rows.timestamp(since));
  }

  private static List<Incident> select(Connection c, String where, Object... params)
      throws SQLException {
    Map<Long, Incident> incidents = new LinkedHashMap<>();
    for (Incident i :
        Rows.select(
            c, "SELECT " + COLUMNS + " FROM incidents " + where, IncidentTable::incident, params)) {
      incidents.put(i.id(), i);
    }
    if (incidents.isEmpty()) {
      return List.of();
    }
    Map<Long, List<Notification>> notifications = notifications(c, incidents.keySet());
    List<Incident> all = new ArrayList<>();
    for (Incident i : incidents.values()) {
      all.add(
          new Incident(
              i.id(),
              i.key(),
              i.check(),
              i.subject(),
              i.severity(),
              i.alertedSeverity(),
              i.message(),
              i.opened(),
              i.lastSeen(),
              i.resolved(),
              i.ack(),
              List.copyOf(notifications.getOrDefault(i.id(), List.of()))));
    }
    return all;
  }

  private static Map<Long, List<Notification>> notifications(
      Connection c, java.util.Collection<Long> ids) throws SQLException {
    Map<Long, List<Notification>> byIncident = new LinkedHashMap<>();
    String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT "
                + NOTIFICATION_COLUMNS
                + " FROM incident_notifications WHERE incident_id IN ("
                + marks
                + ") ORDER BY id")) {
      Rows.set(p, ids.toArray());
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          byIncident
              .computeIfAbsent(r.getLong("incident_id"), k -> new ArrayList<>())
              .add(
                  new Notification(
                      r.getLong("id"),
                      r.getString("channel"),
                      r.getInt("rule_index"),
                      r.getString("state"),
                      Severity.valueOf(r.getString("severity")),
                      Rows.instant(r, "due_at"),
                      Rows.instant(r, "sent_at"),
                      r.getInt("attempts"),
                      r.getString("last_error"),
                      r.getBoolean("given_up")));
        }
      }
    }
    return byIncident;
  }

  private static Incident incident(ResultSet r) throws SQLException {
    Instant acked = Rows.instant(r, "acked_at");
    return new Incident(
        r.getLong("id"),
        r.getString("incident_key"),
        r.getString("check_name"),
        r.getString("subject"),
        Severity.valueOf(r.getString("severity")),
        Severity.valueOf(r.getString("alerted_severity")),
        r.getString("message"),
        Rows.instant(r, "opened_at"),
        Rows.instant(r, "last_seen_at"),
        Rows.instant(r, "resolved_at"),
        acked == null
            ? null
            : new Acknowledgement(r.getString("acked_by"), acked, r.getString("ack_note")),
        List.of());
  }

  private static void update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      Rows.set(p, params);
      p.executeUpdate();
    }
  }

  private static long generatedId(PreparedStatement p) throws SQLException {
    try (ResultSet keys = p.getGeneratedKeys()) {
      if (!keys.next()) {
        throw new SQLException("the database returned no id for the new row");
      }
      return keys.getLong(1);
    }
  }
}
