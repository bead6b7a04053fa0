package it.continuo.failover.step;

import it.continuo.config.StepConfig;
import it.continuo.failover.Change;
import it.continuo.failover.StepContext;
import it.continuo.failover.StepException;
import it.continuo.failover.StepOutcome;
import it.continuo.replica.ReplicaResult;
import it.continuo.replica.ReplicaState;
import java.util.List;

/**
 * {@code check-replica}: the secondary may take over only when its replica is acceptable (in sync,
 * or lagging) and the lag is within the allowed lag; otherwise it refuses, unless {@code --force},
 * which is recorded. Its lag is the RPO the failover will have.
 */
final class CheckReplicaStep extends OneWayStep {
  private final StepConfig.CheckReplica action;

  CheckReplicaStep(StepConfig.CheckReplica action) {
    this.action = action;
  }

  @Override
  public String kind() {
    return "check-replica";
  }

  @Override
  public String describe() {
    return "check-replica "
        + action.replica().name()
        + " (quick): "
        + action.replica().secondary().describe(0)
        + " at most "
        + Words.duration(action.maxLag())
        + " behind "
        + action.replica().primary().describe(0);
  }

  @Override
  public List<Change> plan(StepContext context) throws StepException, InterruptedException {
    ReplicaResult r = check(context);
    String problem = problem(r);
    return List.of(
        problem == null
            ? Change.note(r.summary() + ": the secondary may take over")
            : Change.refusal(problem + (context.force() ? " (--force would pass over it)" : "")));
  }

  @Override
  public StepOutcome run(StepContext context) throws StepException, InterruptedException {
    ReplicaResult r = check(context);
    String problem = problem(r);
    StepOutcome outcome = StepOutcome.of(r.summary());
    if (r.lag() != null) {
      outcome = outcome.with(StepOutcome.RPO_SECONDS, Long.toString(r.lag().toSeconds()));
    }
    if (problem == null) {
      return outcome;
    }
    if (!context.force()) {
      throw StepException.permanent(
          "refused: " + problem + "; give --force to fail over anyway, losing what is missing");
    }
    return outcome.and("forced past: " + problem).with(StepOutcome.FORCED, "true");
  }

  private ReplicaResult check(StepContext context) throws StepException, InterruptedException {
    if (context.replicaGate() == null) {
      throw StepException.permanent(
          "no replica checker is available to check replica " + action.replica().name());
    }
    return context.replicaGate().check(action.replica(), true, null);
  }

  /** Why the secondary must not take over, or null. */
  private String problem(ReplicaResult r) {
    if (r.state() == ReplicaState.UNKNOWN) {
      return "replica " + action.replica().name() + " is unknown: " + r.reason();
    }
    if (!r.state().acceptable()) {
      return "replica " + r.summary();
    }
    if (r.lag() != null && r.lag().compareTo(action.maxLag()) > 0) {
      return "replica "
          + action.replica().name()
          + " lags "
          + Words.duration(r.lag())
          + ", more than the "
          + Words.duration(action.maxLag())
          + " allowed";
    }
    return null;
  }
}
