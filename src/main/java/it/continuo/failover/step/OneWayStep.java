package it.continuo.failover.step;

import it.continuo.failover.Step;
import it.continuo.failover.StepContext;
import it.continuo.failover.StepOutcome;

/**
 * A step with no undo: it checks, waits or tells, and changes nothing that a failback would put
 * back.
 */
abstract class OneWayStep implements Step {
  @Override
  public final boolean undoable() {
    return false;
  }

  /** Never called by the runner (not {@link #undoable()}); does nothing. */
  @Override
  public final StepOutcome undo(StepContext context) {
    return StepOutcome.of();
  }
}
