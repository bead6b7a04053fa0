package it.continuo.alert;

import it.continuo.health.Severity;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * One message about one incident, as every channel sends it. In English only: findings' messages
 * are English, and a mixed-language alert reads worse than an English one.
 *
 * @param agent the agent's name
 * @param incident the incident key, what {@code continuo ack} takes
 * @param check the check that found it
 * @param subject what it is about ("" for the whole server)
 * @param severity the incident's severity when the message was decided
 * @param message the finding's message
 * @param firstSeen when the incident was first seen
 * @param state where the incident stands
 * @param at when this message is sent
 */
public record Alert(
    String agent,
    String incident,
    String check,
    String subject,
    Severity severity,
    String message,
    Instant firstSeen,
    AlertState state,
    Instant at) {
  private static final int MAX_TITLE = 160;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /** One line, the mail's subject, e.g. "[Continuo] CRITICAL: md0 is running on one disk". */
  public String title() {
    String label =
        switch (state) {
          case OPENED -> severity.name();
          case ESCALATED -> severity.name() + " (escalated)";
          case STILL_OPEN -> severity.name() + " (worse)";
          case RESOLVED -> "RESOLVED";
        };
    String line = message.replaceAll("\\s*\\R\\s*", " ").strip();
    String title = "[Continuo] " + label + ": " + line;
    return title.length() <= MAX_TITLE ? title : title.substring(0, MAX_TITLE - 1) + "…";
  }

  /** The plain-text body of a mail. */
  public String text() {
    StringBuilder b = new StringBuilder();
    b.append(state == AlertState.RESOLVED ? "Resolved: " : severity.name() + ": ")
        .append(message)
        .append("\n\n");
    b.append("Incident:   ").append(incident).append('\n');
    b.append("State:      ").append(state.word()).append('\n');
    b.append("Severity:   ").append(severity.name()).append('\n');
    b.append("First seen: ").append(TIME.format(firstSeen)).append('\n');
    if (state == AlertState.RESOLVED) {
      b.append("Resolved:   ")
          .append(TIME.format(at))
          .append(" (after ")
          .append(lasted())
          .append(")\n");
    }
    b.append("Agent:      ").append(agent).append('\n');
    if (state != AlertState.RESOLVED) {
      b.append("\nTo stop the escalation (the recovery is still sent): continuo ack ")
          .append(incident)
          .append('\n');
    }
    return b.toString();
  }

  private String lasted() {
    long minutes = ChronoUnit.MINUTES.between(firstSeen, at);
    return minutes < 60 ? minutes + " min" : minutes / 60 + " h " + minutes % 60 + " min";
  }
}
