package it.continuo.failover;

import java.util.List;

/**
 * One step of a runbook, one class per kind in {@code it.continuo.failover.step}, made by {@code
 * Steps.create} from its {@link it.continuo.config.StepConfig}.
 *
 * <p>A step does one thing and says what: the runner around it enforces the timeout (it interrupts
 * the thread running {@link #run}; a step waits with interruptible calls and bounds its own network
 * calls by {@link StepContext#remaining()}), the retries, the timeline and the undo order. The undo
 * must work from the configuration and the world alone, not from fields set by {@link #run}: a
 * {@code failover failback} is a later process than the {@code execute} it undoes.
 */
public interface Step {
  /** The kind key, e.g. {@code dns}. */
  String kind();

  /**
   * One line with every value resolved, e.g. {@code dns uno.lab.test A 127.0.0.2 → 127.0.0.3 at
   * 127.0.0.1:5353 (TTL 60 s)}.
   */
  String describe();

  /**
   * What running the step would change, reading only (a query, a connection test, never a write); a
   * precondition that already fails is a {@link Change#refusal}.
   *
   * @throws StepException when even looking fails (the plan shows it as a refusal)
   */
  List<Change> plan(StepContext context) throws StepException, InterruptedException;

  /**
   * Does it.
   *
   * @throws StepException a readable failure naming what was tried; retried when {@link
   *     StepException#retryable()} and the step has retries left
   * @throws InterruptedException when the runner interrupts it (timeout or cancellation)
   */
  StepOutcome run(StepContext context) throws StepException, InterruptedException;

  /** Whether the step has an undo (explicit, or implied and not turned off). */
  boolean undoable();

  /** One line saying what the undo does, e.g. {@code dns uno.lab.test A 127.0.0.3 → 127.0.0.2}. */
  default String describeUndo() {
    return "undo " + describe();
  }

  /**
   * Reverts what {@link #run} did; called only when {@link #undoable()}, also for a step whose run
   * failed half way, so it must accept a world where nothing was changed.
   */
  StepOutcome undo(StepContext context) throws StepException, InterruptedException;
}
