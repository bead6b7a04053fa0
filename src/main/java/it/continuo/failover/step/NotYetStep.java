package it.continuo.failover.step;

import it.continuo.config.StepConfig;
import it.continuo.failover.Change;
import it.continuo.failover.StepContext;
import it.continuo.failover.StepException;
import it.continuo.failover.StepOutcome;
import java.util.List;

/**
 * A kind whose step is not written yet: the plan says so and running it fails, so that a runbook
 * using it stops before anything after it (a missing fence never counts as a fence).
 */
final class NotYetStep extends OneWayStep {
  private final StepConfig config;

  NotYetStep(StepConfig config) {
    this.config = config;
  }

  @Override
  public String kind() {
    return config.kind();
  }

  @Override
  public String describe() {
    return config.kind() + " (not implemented yet)";
  }

  @Override
  public List<Change> plan(StepContext context) {
    return List.of(Change.refusal("the " + config.kind() + " step is not implemented yet"));
  }

  @Override
  public StepOutcome run(StepContext context) throws StepException {
    throw StepException.permanent("the " + config.kind() + " step is not implemented yet");
  }
}
