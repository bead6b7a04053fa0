package it.continuo.failover;

import java.time.Duration;
import java.util.List;

/**
 * What a runbook would do, every value resolved, found out without changing anything.
 *
 * @param runbook the runbook's name
 * @param service the service it moves
 * @param targets e.g. {@code primario (127.0.0.2) → secondario (127.0.0.3)}
 * @param onFailure "undo" or "stop"
 * @param steps in order
 */
public record RunbookPlan(
    String runbook, String service, String targets, String onFailure, List<Planned> steps) {

  public RunbookPlan {
    steps = List.copyOf(steps);
  }

  /**
   * One step of the plan.
   *
   * @param index from 0
   * @param label the file's name for it, or its kind
   * @param kind the kind
   * @param description what it does
   * @param timeout per attempt
   * @param retries further attempts
   * @param undo what its undo does, or null when it has none
   * @param changes what it would change, found out now
   */
  public record Planned(
      int index,
      String label,
      String kind,
      String description,
      Duration timeout,
      int retries,
      String undo,
      List<Change> changes) {
    public Planned {
      changes = List.copyOf(changes);
    }
  }

  /** Whether some step would refuse as things are now. */
  public boolean refusals() {
    return steps.stream()
        .flatMap(s -> s.changes().stream())
        .anyMatch(c -> c.kind() == Change.Kind.REFUSAL);
  }
}
