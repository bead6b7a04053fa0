package it.continuo.history;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A failover run as the history keeps it ({@code failover_runs} and {@code failover_steps}); words
 * rather than enums, so that the history does not depend on the failover code.
 *
 * @param id its row id, 0 before it is recorded
 * @param runbook the runbook's name
 * @param service the service's name
 * @param mode "drill", "execute" or "failback"
 * @param by who triggered it: a user name or "detection"
 * @param started the declaration of the crisis
 * @param ended the end of the run, failback included
 * @param outcome "succeeded", "failed" or "refused"
 * @param rpo the replica lag at cut-over, or null
 * @param rto declaration to the service verified, or null
 * @param rpoTarget the service's RPO
 * @param rtoTarget the service's RTO
 * @param targets e.g. {@code primario → secondario}
 * @param forced whether {@code --force} passed over a failed check
 * @param failback the drill's failback outcome, or null
 * @param message one line: what happened
 * @param reportPath the report written for it, or null
 * @param steps the timeline, in order (empty from {@link History#failoverRuns})
 */
public record FailoverRecord(
    long id,
    String runbook,
    String service,
    String mode,
    String by,
    Instant started,
    Instant ended,
    String outcome,
    Duration rpo,
    Duration rto,
    Duration rpoTarget,
    Duration rtoTarget,
    String targets,
    boolean forced,
    String failback,
    String message,
    String reportPath,
    List<Step> steps) {

  public FailoverRecord {
    steps = List.copyOf(steps);
  }

  /**
   * One line of the timeline.
   *
   * @param seq from 1, in the order things happened
   * @param phase "run" or "undo"
   * @param index the step's place in the runbook, from 0
   * @param kind e.g. "dns"
   * @param label the file's name for it, or its kind
   * @param description what it did, values resolved
   * @param started when its first attempt started
   * @param ended when its last attempt ended
   * @param outcome "ok", "failed", "timed out" or "forced"
   * @param attempts how many attempts
   * @param detail what it did, one line each
   * @param error why it failed, or null
   */
  public record Step(
      int seq,
      String phase,
      int index,
      String kind,
      String label,
      String description,
      Instant started,
      Instant ended,
      String outcome,
      int attempts,
      List<String> detail,
      String error) {
    public Step {
      detail = List.copyOf(detail);
    }
  }
}
