package it.continuo.failover;

import it.continuo.config.StepConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** A step that does what the test says and writes what happened in a shared journal. */
final class FakeStep implements Step {
  final StepConfig config;
  final List<String> journal;
  int failures;
  boolean retryable = true;
  Duration runsFor = Duration.ZERO;
  boolean undoable = true;
  boolean undoFails;
  Map<String, String> facts = Map.of();
  int runs;

  FakeStep(StepConfig config, List<String> journal) {
    this.config = config;
    this.journal = journal;
  }

  static List<String> journal() {
    return Collections.synchronizedList(new ArrayList<>());
  }

  @Override
  public String kind() {
    return config.kind();
  }

  @Override
  public String describe() {
    return config.kind() + " " + config.label();
  }

  @Override
  public List<Change> plan(StepContext context) {
    journal.add("plan " + config.label());
    return List.of(Change.change(config.label() + " would change"));
  }

  @Override
  public StepOutcome run(StepContext context) throws StepException, InterruptedException {
    runs++;
    journal.add("run " + config.label());
    if (!runsFor.isZero()) {
      Thread.sleep(runsFor.toMillis());
    }
    if (failures > 0) {
      failures--;
      throw new StepException(config.label() + " broke", retryable);
    }
    return new StepOutcome(List.of(config.label() + " done"), facts);
  }

  @Override
  public boolean undoable() {
    return undoable;
  }

  @Override
  public StepOutcome undo(StepContext context) throws StepException {
    journal.add("undo " + config.label());
    if (undoFails) {
      throw StepException.permanent("undo of " + config.label() + " broke");
    }
    return StepOutcome.of("undone");
  }
}
