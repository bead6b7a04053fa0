package it.continuo.failover.step;

import it.continuo.failover.Change;
import it.continuo.failover.StepContext;
import java.util.List;

/**
 * One method of a {@link FenceStep}'s chain: a way to make sure the old primary no longer serves.
 */
interface Fencing {
  /** e.g. {@code ssh primario `systemctl stop uno`}; also the start of its failure reason. */
  String describe();

  /** What trying it would do, reading only (never the command itself). */
  List<Change> plan(StepContext context) throws InterruptedException;

  /**
   * Fences, or says why it could not.
   *
   * @throws FencingFailed the reason, starting with {@link #describe()}
   */
  void fence(StepContext context) throws FencingFailed, InterruptedException;
}
