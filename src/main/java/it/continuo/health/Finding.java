package it.continuo.health;

/**
 * What one health check found about one thing.
 *
 * @param check the check, e.g. "disk", "raid", "ups", "memory"
 * @param subject what it is about, e.g. "/srv", "md0", "ups@127.0.0.1", "" for the whole server; a
 *     check and subject name one incident, for alerts and escalation
 * @param severity how bad
 * @param message one readable sentence, in English, with the figures (e.g. "/srv is 91% full (182
 *     GiB of 200 GiB); full in about 12 days at the rate of the last week")
 */
public record Finding(String check, String subject, Severity severity, String message) {

  /** The incident key: check and subject. */
  public String key() {
    return subject.isEmpty() ? check : check + ":" + subject;
  }
}
