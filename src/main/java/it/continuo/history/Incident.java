package it.continuo.history;

import it.continuo.health.Severity;
import java.time.Instant;
import java.util.List;

/**
 * A health incident as the history keeps it.
 *
 * @param id its row id
 * @param key the incident key, {@link it.continuo.health.Finding#key()}
 * @param check the check that found it
 * @param subject what it is about
 * @param severity the severity last seen
 * @param alertedSeverity the worst severity alerted so far
 * @param message the finding's message last seen
 * @param opened when it was first seen
 * @param lastSeen when it was last seen at WARN or worse
 * @param resolved when it resolved, or null while open
 * @param ack its acknowledgement, or null
 * @param notifications the messages decided for it, oldest first
 */
public record Incident(
    long id,
    String key,
    String check,
    String subject,
    Severity severity,
    Severity alertedSeverity,
    String message,
    Instant opened,
    Instant lastSeen,
    Instant resolved,
    Acknowledgement ack,
    List<Notification> notifications) {

  /** True until it resolves. */
  public boolean open() {
    return resolved == null;
  }

  /**
   * Someone said they know: escalation stops, the recovery is still sent.
   *
   * @param by the user, from {@code $SUDO_USER} or {@code $USER}
   * @param at when
   * @param note what they said, or null
   */
  public record Acknowledgement(String by, Instant at, String note) {}

  /**
   * One message to one channel.
   *
   * @param id its row id
   * @param channel the channel's name in {@code alerts.channels}
   * @param rule the escalation rule's index, or -1 for a message following one (worsening,
   *     recovery)
   * @param state "opened", "escalated", "still-open" or "resolved"
   * @param severity the incident's severity when it was decided
   * @param due when it was decided
   * @param sent when it was delivered, or null
   * @param attempts how many times delivery was tried
   * @param error why the last attempt failed, or null
   * @param givenUp true when it will never be delivered
   */
  public record Notification(
      long id,
      String channel,
      int rule,
      String state,
      Severity severity,
      Instant due,
      Instant sent,
      int attempts,
      String error,
      boolean givenUp) {

    /** Still to deliver. */
    public boolean pending() {
      return sent == null && !givenUp;
    }
  }
}
