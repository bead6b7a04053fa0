package it.continuo.failover.step;

import it.continuo.config.StepConfig;
import it.continuo.failover.Change;
import it.continuo.failover.StepContext;
import it.continuo.failover.StepException;
import it.continuo.failover.StepOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code wait} and {@code verify}: one check ({@link Probes}) polled until it answers or the step's
 * time is nearly up; then it fails with the last reason, a little before the runner would have to
 * interrupt it.
 */
final class ProbeStep extends OneWayStep {
  /** The longest one try may take. */
  private static final Duration TRY = Duration.ofSeconds(5);

  private final StepConfig.Probe action;

  ProbeStep(StepConfig.Probe action) {
    this.action = action;
  }

  @Override
  public String kind() {
    return action.kind();
  }

  @Override
  public String describe() {
    return action.kind() + " " + Probes.describe(action.check());
  }

  @Override
  public List<Change> plan(StepContext context) throws InterruptedException {
    if (action.check() instanceof StepConfig.CommandCheck) {
      // an administrator's command may change things: the plan does not run it
      return List.of(Change.note("would poll the command (not run by plan)"));
    }
    try {
      String answer = Probes.once(action.check(), context, TRY);
      return List.of(Change.note("answers now: " + answer));
    } catch (StepException e) {
      return List.of(
          Change.note("does not answer now (expected before the failover): " + e.getMessage()));
    }
  }

  @Override
  public StepOutcome run(StepContext context) throws StepException, InterruptedException {
    Instant started = context.now();
    Duration margin =
        min(Duration.ofSeconds(1), Duration.between(started, context.deadline()).dividedBy(10));
    Instant giveUp = context.deadline().minus(margin);
    int tries = 0;
    String last = null;
    while (true) {
      tries++;
      Duration left = Duration.between(context.now(), giveUp);
      try {
        String answer = Probes.once(action.check(), context, min(TRY, positive(left)));
        return StepOutcome.of(
            "answered after "
                + tries
                + (tries == 1 ? " try" : " tries")
                + " in "
                + Words.duration(Duration.between(started, context.now()))
                + ": "
                + answer);
      } catch (StepException e) {
        last = e.getMessage();
      }
      Duration pause = action.interval();
      if (Duration.between(context.now(), giveUp).compareTo(pause) <= 0) {
        throw new StepException(
            Probes.describe(action.check())
                + " did not answer in "
                + Words.duration(Duration.between(started, context.now()))
                + " ("
                + tries
                + " tries): "
                + last,
            true);
      }
      Thread.sleep(pause.toMillis());
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration positive(Duration d) {
    return d.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : d;
  }
}
