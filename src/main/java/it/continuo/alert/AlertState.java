package it.continuo.alert;

import java.util.Locale;

/** Where an incident stands when an alert about it is sent. */
public enum AlertState {
  /** Just seen, told to those its first escalation rules (after 0) name. */
  OPENED,
  /** Still unresolved and unacknowledged after a later rule's delay: told to more people. */
  ESCALATED,
  /** Worse than when alerted (WARN became CRITICAL): told again to everyone alerted. */
  STILL_OPEN,
  /** Gone or below the alerting severity: told to everyone alerted. */
  RESOLVED;

  /** The word kept in the history and sent in JSON: opened, escalated, still-open, resolved. */
  public String word() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The state of {@link #word()}. */
  public static AlertState of(String word) {
    return valueOf(word.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
