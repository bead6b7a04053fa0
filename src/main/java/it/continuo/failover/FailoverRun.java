package it.continuo.failover;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A run of a runbook, as recorded in the history and written in the report.
 *
 * @param id its number in the history, or 0 when not recorded
 * @param runbook the runbook's name
 * @param service the service it moves
 * @param mode drill, execute or failback
 * @param by who triggered it: a user name, or "detection"
 * @param declared when the run started: the crisis was declared (the RTO is counted from it)
 * @param ended when the run ended, failback included
 * @param outcome how the failover (or the failback of a failback run) ended
 * @param rpo the replica lag at cut-over (from {@code check-replica}), or null when not measured
 * @param rto declaration to the first successful {@code verify} after the promotion (or to the end
 *     of the steps), or null when the service was not restored
 * @param rpoTarget the service's RPO
 * @param rtoTarget the service's RTO
 * @param targets where the service went, e.g. {@code primario → secondario}
 * @param forced whether {@code --force} passed over a failed safety check
 * @param failback how the drill's failback ended, or null when there was none
 * @param message one line: what happened, or why it failed or was refused
 * @param steps the timeline
 */
public record FailoverRun(
    long id,
    String runbook,
    String service,
    Mode mode,
    String by,
    Instant declared,
    Instant ended,
    Outcome outcome,
    Duration rpo,
    Duration rto,
    Duration rpoTarget,
    Duration rtoTarget,
    String targets,
    boolean forced,
    Outcome failback,
    String message,
    List<StepRecord> steps) {

  public FailoverRun {
    steps = List.copyOf(steps);
  }

  /** How a run ended. */
  public enum Outcome {
    /** Every step succeeded. */
    SUCCEEDED,
    /** A step failed; what was undone is in the timeline. */
    FAILED,
    /** Refused before any step ran: another run holds the lock, or failback's checks failed. */
    REFUSED;

    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public boolean succeeded() {
    return outcome == Outcome.SUCCEEDED && (failback == null || failback == Outcome.SUCCEEDED);
  }

  /** Whether the measured RPO is within the service's. */
  public boolean rpoMet() {
    return rpo != null && rpo.compareTo(rpoTarget) <= 0;
  }

  /** Whether the measured RTO is within the service's. */
  public boolean rtoMet() {
    return rto != null && rto.compareTo(rtoTarget) <= 0;
  }

  /** The same run as recorded under {@code id}. */
  public FailoverRun withId(long id) {
    return new FailoverRun(
        id, runbook, service, mode, by, declared, ended, outcome, rpo, rto, rpoTarget, rtoTarget,
        targets, forced, failback, message, steps);
  }
}
