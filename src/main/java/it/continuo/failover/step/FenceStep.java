package it.continuo.failover.step;

import it.continuo.config.StepConfig;
import it.continuo.failover.Change;
import it.continuo.failover.Step;
import it.continuo.failover.StepContext;
import it.continuo.failover.StepException;
import it.continuo.failover.StepOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code fence}: makes sure the old primary no longer serves before anything is promoted, by a
 * chain of methods tried in order until one succeeds: {@code ssh} (a command that stops its
 * service), {@code ups} (a NUT instant command that cuts its power), {@code unreachable} (its port
 * refuses or ignores every connection for a period).
 *
 * <p>Changes: whatever the succeeding method does to the primary (nothing, for {@code
 * unreachable}). Every attempt is written to the timeline. When every method fails the step fails
 * with each method's reason, retryable only when every failure was transient.
 *
 * <p>Undo: none. Failback brings the primary back by its own steps once it is healthy; powering it
 * on or restarting its service is not the reverse of a fence that a runner may do on its own.
 *
 * <p>Plan reads: which method would be tried first and what it would do, and whether the primary
 * answers now (a TCP connection, nothing sent); it never runs the command nor the instant command.
 */
final class FenceStep implements Step {
  private final List<Fencing> chain;

  FenceStep(List<Fencing> chain) {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a fence needs at least one method");
    }
    this.chain = List.copyOf(chain);
  }

  static FenceStep of(StepConfig.Fence config) {
    List<Fencing> chain = new ArrayList<>();
    for (StepConfig.FenceMethod m : config.methods()) {
      if (m instanceof StepConfig.FenceSsh s) {
        chain.add(new SshFencing(s));
      } else if (m instanceof StepConfig.FenceUps u) {
        chain.add(new UpsFencing(u));
      } else {
        chain.add(new UnreachableFencing((StepConfig.FenceUnreachable) m));
      }
    }
    return new FenceStep(chain);
  }

  @Override
  public String kind() {
    return "fence";
  }

  @Override
  public String describe() {
    return "fence " + chain.stream().map(Fencing::describe).collect(Collectors.joining(", else "));
  }

  @Override
  public List<Change> plan(StepContext context) throws InterruptedException {
    List<Change> changes = new ArrayList<>();
    changes.add(Change.note("tried first: " + chain.get(0).describe()));
    changes.addAll(chain.get(0).plan(context));
    for (Fencing next : chain.subList(1, chain.size())) {
      changes.add(Change.note("if it fails: " + next.describe()));
      changes.addAll(next.plan(context));
    }
    return changes;
  }

  @Override
  public StepOutcome run(StepContext context) throws StepException, InterruptedException {
    List<String> reasons = new ArrayList<>();
    boolean allTransient = true;
    for (Fencing method : chain) {
      context.log("fence: trying " + method.describe());
      try {
        method.fence(context);
      } catch (FencingFailed e) {
        context.log("fence: failed: " + e.getMessage());
        reasons.add(e.getMessage());
        allTransient &= e.isTransient();
        continue;
      }
      context.log("fence: done by " + method.describe());
      List<String> lines = new ArrayList<>();
      reasons.forEach(r -> lines.add("failed: " + r));
      lines.add("fenced by " + method.describe());
      return new StepOutcome(lines, java.util.Map.of());
    }
    throw new StepException("fence failed: " + String.join("; ", reasons), allTransient);
  }

  @Override
  public boolean undoable() {
    return false;
  }

  @Override
  public String describeUndo() {
    return "fence has no undo (failback brings the primary back)";
  }

  @Override
  public StepOutcome undo(StepContext context) {
    return StepOutcome.of("fence has no undo");
  }
}
