package it.continuo.failover;

import it.continuo.alert.Channel;
import it.continuo.config.Config;
import it.continuo.config.ConfigException;
import it.continuo.config.RunbookConfig;
import it.continuo.config.StepConfig;
import it.continuo.failover.step.Steps;
import it.continuo.history.History;
import it.continuo.history.HistoryException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs the runbooks of one configuration: {@link #plan}, {@link #drill}, {@link #execute}, {@link
 * #failback}. Callable in-process (the CLI and the daemon's detection use it the same way); each
 * run returns its {@link FailoverRun}, also recorded in the history when one is given.
 */
public final class Failover {
  private final Config config;
  private final ReplicaGate replicaGate;
  private final Map<String, Channel> channels;
  private final History history;
  private final Clock clock;
  private final Timeline timeline;
  private final Function<StepConfig, Step> steps;
  private final Consumer<FailoverRun> afterRun;

  private Failover(Builder b) {
    this.config = b.config;
    this.replicaGate = b.replicaGate;
    this.channels = b.channels;
    this.history = b.history;
    this.clock = b.clock;
    this.timeline = b.timeline;
    this.steps = b.steps;
    this.afterRun = b.afterRun;
  }

  public static Builder builder(Config config) {
    return new Builder(config);
  }

  /**
   * How a run is asked for.
   *
   * @param by who asks: a user name, or "detection"
   * @param force pass over a failed safety check ({@code check-replica}), recording it
   * @param failback for a drill: fail back at the end (the default); false stays on the secondary
   */
  public record Options(String by, boolean force, boolean failback) {
    public static Options by(String by) {
      return new Options(by, false, true);
    }

    public Options forced(boolean force) {
      return new Options(by, force, failback);
    }

    public Options failingBack(boolean failback) {
      return new Options(by, force, failback);
    }
  }

  /** Every step resolved and what it would change; nothing is touched and no lock is taken. */
  public RunbookPlan plan(String name) throws ConfigException, InterruptedException {
    RunbookConfig runbook = config.failover().runbook(name);
    List<RunbookPlan.Planned> planned = new ArrayList<>();
    try (StepContext context = context(runbook, Mode.PLAN, false);
        RunbookRunner runner = new RunbookRunner(runbook, steps, timeline, clock)) {
      for (int i = 0; i < runbook.steps().size(); i++) {
        StepConfig c = runbook.steps().get(i);
        Step step = runner.steps().get(i);
        List<Change> changes;
        try {
          changes = step.plan(context.until(clock.instant().plus(c.timeout())));
        } catch (StepException e) {
          changes = List.of(Change.refusal(e.getMessage()));
        }
        planned.add(
            new RunbookPlan.Planned(
                i,
                c.label(),
                c.kind(),
                step.describe(),
                c.timeout(),
                c.retries(),
                step.undoable() ? step.describeUndo() : null,
                changes));
      }
    }
    return new RunbookPlan(
        runbook.name(),
        runbook.service().name(),
        targets(runbook),
        runbook.onFailure().name().toLowerCase(java.util.Locale.ROOT),
        planned);
  }

  /** Runs the runbook for real, then fails back unless {@code options.failback()} is false. */
  public FailoverRun drill(String name, Options options)
      throws ConfigException, InterruptedException {
    return forward(config.failover().runbook(name), Mode.DRILL, options);
  }

  /** The real failover; the caller has had it confirmed. */
  public FailoverRun execute(String name, Options options)
      throws ConfigException, InterruptedException {
    return forward(config.failover().runbook(name), Mode.EXECUTE, options.failingBack(false));
  }

  /**
   * Back to the primary: refuses unless the primary answers over SSH and the data written on the
   * secondary meanwhile is back on the primary (the replica checked the other way round, quick),
   * then undoes every undoable step in reverse order.
   */
  public FailoverRun failback(String name, Options options)
      throws ConfigException, InterruptedException {
    RunbookConfig runbook = config.failover().runbook(name);
    Instant declared = clock.instant();
    try (FailoverLock lock = lock(runbook);
        StepContext context = context(runbook, Mode.FAILBACK, options.force());
        RunbookRunner runner = new RunbookRunner(runbook, steps, timeline, clock)) {
      String refusal = new FailbackCheck(runbook, replicaGate, timeline).refusal(context);
      if (refusal != null && !options.force()) {
        return record(refused(runbook, Mode.FAILBACK, options, declared, refusal));
      }
      if (refusal != null) {
        timeline.note("forced past: " + refusal);
      }
      List<Integer> all = new ArrayList<>();
      for (int i = 0; i < runbook.steps().size(); i++) {
        all.add(i);
      }
      String undo = runner.backward(all, context);
      FailoverRun.Outcome outcome =
          undo == null ? FailoverRun.Outcome.SUCCEEDED : FailoverRun.Outcome.FAILED;
      return record(
          new FailoverRun(
              0,
              runbook.name(),
              runbook.service().name(),
              Mode.FAILBACK,
              options.by(),
              declared,
              clock.instant(),
              outcome,
              null,
              null,
              runbook.service().rpo(),
              runbook.service().rto(),
              runbook.secondary().name() + " → " + runbook.primary().name(),
              refusal != null,
              null,
              undo == null ? "back on " + runbook.primary().name() : undo,
              runner.records()));
    } catch (FailoverException e) {
      return record(refused(runbook, Mode.FAILBACK, options, declared, e.getMessage()));
    }
  }

  private FailoverRun forward(RunbookConfig runbook, Mode mode, Options options)
      throws InterruptedException {
    Instant declared = clock.instant();
    try (FailoverLock lock = lock(runbook);
        StepContext context = context(runbook, mode, options.force());
        RunbookRunner runner = new RunbookRunner(runbook, steps, timeline, clock)) {
      timeline.note(mode.word() + " of runbook " + runbook.name() + " declared by " + options.by());
      RunbookRunner.Forward f = runner.forward(context);
      Map<String, String> facts = runner.facts();
      Duration rpo =
          facts.containsKey(StepOutcome.RPO_SECONDS)
              ? Duration.ofSeconds(Long.parseLong(facts.get(StepOutcome.RPO_SECONDS)))
              : null;
      Duration rto = null;
      if (f.succeeded()) {
        rto = Duration.between(declared, f.verified() != null ? f.verified() : f.lastEnd());
      }
      FailoverRun.Outcome failback = null;
      String message = f.message();
      if (f.succeeded() && mode == Mode.DRILL && options.failback()) {
        timeline.note("failing back: the undos in reverse order");
        String undo = runner.backward(f.done(), context);
        failback = undo == null ? FailoverRun.Outcome.SUCCEEDED : FailoverRun.Outcome.FAILED;
        message += undo == null ? "; failed back to " + runbook.primary().name() : "; " + undo;
      }
      boolean forced =
          runner.records().stream().anyMatch(r -> r.outcome() == StepRecord.Outcome.FORCED);
      return record(
          new FailoverRun(
              0,
              runbook.name(),
              runbook.service().name(),
              mode,
              options.by(),
              declared,
              clock.instant(),
              f.succeeded() ? FailoverRun.Outcome.SUCCEEDED : FailoverRun.Outcome.FAILED,
              rpo,
              rto,
              runbook.service().rpo(),
              runbook.service().rto(),
              runbook.primary().name() + " → " + runbook.secondary().name(),
              forced,
              failback,
              message,
              runner.records()));
    } catch (FailoverException e) {
      return record(refused(runbook, mode, options, declared, e.getMessage()));
    }
  }

  private FailoverRun refused(
      RunbookConfig runbook, Mode mode, Options options, Instant declared, String why) {
    timeline.note("refused: " + why);
    return new FailoverRun(
        0,
        runbook.name(),
        runbook.service().name(),
        mode,
        options.by(),
        declared,
        clock.instant(),
        FailoverRun.Outcome.REFUSED,
        null,
        null,
        runbook.service().rpo(),
        runbook.service().rto(),
        mode == Mode.FAILBACK
            ? runbook.secondary().name() + " → " + runbook.primary().name()
            : runbook.primary().name() + " → " + runbook.secondary().name(),
        false,
        null,
        why,
        List.of());
  }

  private FailoverLock lock(RunbookConfig runbook) throws FailoverException {
    return FailoverLock.acquire(config.agent().dataDir(), runbook.name(), timeline);
  }

  private StepContext context(RunbookConfig runbook, Mode mode, boolean force) {
    return StepContext.builder(runbook)
        .mode(mode)
        .clock(clock)
        .force(force)
        .replicaGate(replicaGate)
        .channels(channels)
        .agent(config.agent().name())
        .log(timeline::note)
        .build();
  }

  private FailoverRun record(FailoverRun run) {
    FailoverRun recorded = run;
    if (history != null) {
      try {
        recorded = run.withId(history.recordFailover(FailoverRecords.toHistory(run)));
      } catch (HistoryException e) {
        timeline.note("the run could not be recorded in the history: " + e.getMessage());
      }
    }
    try {
      afterRun.accept(recorded);
    } catch (RuntimeException e) {
      // the run is over and recorded: what follows it (its report) must not change its outcome
      timeline.note("after the run: " + e);
    }
    return recorded;
  }

  static String targets(RunbookConfig runbook) {
    return runbook.primary().name()
        + " ("
        + runbook.primary().address()
        + ") → "
        + runbook.secondary().name()
        + " ("
        + runbook.secondary().address()
        + ")";
  }

  /** Builds a {@link Failover}. */
  public static final class Builder {
    private final Config config;
    private ReplicaGate replicaGate;
    private Map<String, Channel> channels = Map.of();
    private History history;
    private Clock clock = Clock.systemUTC();
    private Timeline timeline = Timeline.NONE;
    private Function<StepConfig, Step> steps = Steps::create;
    private Consumer<FailoverRun> afterRun = run -> {};

    private Builder(Config config) {
      this.config = config;
    }

    /** The replica check ({@code it.continuo.replica.ReplicaChecker}); none fails check-replica. */
    public Builder replicaGate(ReplicaGate gate) {
      this.replicaGate = gate;
      return this;
    }

    public Builder channels(Map<String, Channel> channels) {
      this.channels = channels;
      return this;
    }

    /** Where runs are recorded; null records nothing. */
    public Builder history(History history) {
      this.history = history;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder timeline(Timeline timeline) {
      this.timeline = timeline;
      return this;
    }

    /** Makes the steps (tests give fakes); {@link Steps#create} by default. */
    public Builder steps(Function<StepConfig, Step> steps) {
      this.steps = steps;
      return this;
    }

    /**
     * What to do with each run once it is over and recorded (drill, execute, failback; refused ones
     * included), e.g. write and mail its report; a failure is a timeline note, never the run's.
     */
    public Builder afterRun(Consumer<FailoverRun> afterRun) {
      this.afterRun = afterRun;
      return this;
    }

    public Failover build() {
      return new Failover(this);
    }
  }
}
