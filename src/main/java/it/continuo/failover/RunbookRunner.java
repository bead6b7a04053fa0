package it.continuo.failover;

import it.continuo.config.RunbookConfig;
import it.continuo.config.StepConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs the steps of one runbook in order, each attempt in a thread of its own so that its timeout
 * can be enforced, and undoes them in reverse order. Knows nothing of locks, history or modes'
 * preconditions: {@link Failover} does.
 */
final class RunbookRunner implements AutoCloseable {
  /** Kinds after which the secondary serves: a verify after one of them ends the RTO. */
  private static final Set<String> PROMOTING = Set.of("ssh", "dns", "hosts", "vip");

  /** How long an interrupted attempt is given to finish before the runner moves on without it. */
  private static final Duration GRACE = Duration.ofSeconds(2);

  private final RunbookConfig runbook;
  private final List<Step> steps;
  private final Timeline timeline;
  private final Clock clock;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "failover-step");
            t.setDaemon(true);
            return t;
          });
  private final List<StepRecord> records = new ArrayList<>();

  RunbookRunner(
      RunbookConfig runbook, Function<StepConfig, Step> factory, Timeline timeline, Clock clock) {
    this.runbook = runbook;
    this.steps = runbook.steps().stream().map(factory).toList();
    this.timeline = timeline;
    this.clock = clock;
  }

  List<Step> steps() {
    return steps;
  }

  List<StepRecord> records() {
    return List.copyOf(records);
  }

  /** What the steps run forward ended with. */
  record Forward(
      boolean succeeded, String message, List<Integer> done, Instant verified, Instant lastEnd) {}

  /**
   * Runs every step in order; on a failure stops, and undoes what was done (the failed step first,
   * which may have changed part of what it does) when the runbook says {@code onFailure: undo}.
   */
  Forward forward(StepContext context) throws InterruptedException {
    List<Integer> done = new ArrayList<>();
    boolean promoted = false;
    Instant verified = null;
    Instant lastEnd = null;
    for (int i = 0; i < steps.size(); i++) {
      StepRecord r = attempt(i, StepRecord.Phase.RUN, context);
      lastEnd = r.ended();
      if (r.outcome().succeeded()) {
        done.add(i);
        if (verified == null && promoted && r.kind().equals("verify")) {
          verified = r.ended();
        }
        promoted |= PROMOTING.contains(r.kind());
        continue;
      }
      StepConfig config = runbook.steps().get(i);
      String message =
          config.label()
              + " (step "
              + (i + 1)
              + ") "
              + r.outcome().word()
              + ": "
              + r.error()
              + (r.kind().equals("fence")
                  ? "; the primary may still be serving, so nothing was promoted"
                  : "");
      if (runbook.onFailure() == RunbookConfig.OnFailure.UNDO) {
        timeline.note("undoing the steps done so far, in reverse order");
        String undo = backward(done, i, context);
        if (undo != null) {
          message += "; " + undo;
        }
      } else {
        timeline.note("onFailure: stop; the steps done so far are left as they are");
      }
      return new Forward(false, message, done, verified, lastEnd);
    }
    return new Forward(true, "every step succeeded", done, verified, lastEnd);
  }

  /**
   * Undoes the given steps in reverse order, stopping at the first undo that fails (the steps
   * before it would otherwise be undone around a half-returned service).
   *
   * @return null when every undo succeeded, else why and what is left
   */
  String backward(List<Integer> done, StepContext context) throws InterruptedException {
    return backward(done, -1, context);
  }

  /**
   * Undoes the failed step {@code failed} (it may have changed something before it failed; its undo
   * failing does not stop the others, since it may have changed nothing), then the steps done.
   */
  private String backward(List<Integer> done, int failed, StepContext context)
      throws InterruptedException {
    if (failed >= 0 && steps.get(failed).undoable()) {
      StepRecord r = attempt(failed, StepRecord.Phase.UNDO, context);
      if (!r.outcome().succeeded()) {
        timeline.note(
            "the undo of the failed step did not succeed either; it may have changed nothing");
      }
    }
    List<Integer> order = new ArrayList<>(done);
    java.util.Collections.reverse(order);
    for (int k = 0; k < order.size(); k++) {
      int i = order.get(k);
      if (!steps.get(i).undoable()) {
        continue;
      }
      StepRecord r = attempt(i, StepRecord.Phase.UNDO, context);
      if (!r.outcome().succeeded()) {
        List<String> left = new ArrayList<>();
        for (int j : order.subList(k, order.size())) {
          if (steps.get(j).undoable()) {
            left.add(runbook.steps().get(j).label());
          }
        }
        return "undo of "
            + runbook.steps().get(i).label()
            + " "
            + r.outcome().word()
            + ": "
            + r.error()
            + "; not undone: "
            + String.join(", ", left);
      }
    }
    return null;
  }

  /** One step or undo with its retries and timeout, recorded and reported. */
  StepRecord attempt(int index, StepRecord.Phase phase, StepContext context)
      throws InterruptedException {
    StepConfig config = runbook.steps().get(index);
    Step step = steps.get(index);
    int seq = records.size() + 1;
    String description = phase == StepRecord.Phase.RUN ? step.describe() : step.describeUndo();
    timeline.started(phase, seq, config.label(), description);
    Instant started = clock.instant();
    StepOutcome outcome = null;
    String error = null;
    boolean timedOut = false;
    int attempts = 0;
    while (attempts <= config.retries()) {
      attempts++;
      Instant deadline = clock.instant().plus(config.timeout());
      StepContext attemptContext = context.until(deadline);
      java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
      Future<StepOutcome> f =
          threads.submit(
              () -> {
                try {
                  return phase == StepRecord.Phase.RUN
                      ? step.run(attemptContext)
                      : step.undo(attemptContext);
                } finally {
                  finished.countDown();
                }
              });
      boolean retryable;
      try {
        outcome = f.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        error = null;
        timedOut = false;
        break;
      } catch (TimeoutException e) {
        f.cancel(true);
        // let the interrupted attempt let go before the next one, or the next step, starts
        finished.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        timedOut = true;
        retryable = true;
        error = "no answer within the timeout of " + words(config.timeout()) + " (interrupted)";
      } catch (ExecutionException e) {
        timedOut = false;
        Throwable cause = e.getCause();
        if (cause instanceof StepException se) {
          error = se.getMessage();
          retryable = se.retryable();
        } else if (cause instanceof InterruptedException) {
          error = "interrupted";
          retryable = false;
        } else {
          error = "unexpected error (a bug): " + cause;
          retryable = false;
        }
      } catch (InterruptedException e) {
        f.cancel(true);
        throw e;
      }
      if (!retryable || attempts > config.retries()) {
        break;
      }
      timeline.retrying(seq, attempts, error);
      Thread.sleep(config.retryDelay().toMillis());
    }
    StepRecord.Outcome result;
    if (error == null) {
      result =
          "true".equals(outcome.facts().get(StepOutcome.FORCED))
              ? StepRecord.Outcome.FORCED
              : StepRecord.Outcome.OK;
    } else {
      result = timedOut ? StepRecord.Outcome.TIMED_OUT : StepRecord.Outcome.FAILED;
    }
    StepRecord r =
        new StepRecord(
            seq,
            phase,
            index,
            step.kind(),
            config.label(),
            description,
            started,
            clock.instant(),
            result,
            attempts,
            outcome != null ? outcome.lines() : List.of(),
            outcome != null ? outcome.facts() : Map.of(),
            error);
    records.add(r);
    timeline.ended(r);
    return r;
  }

  /** The facts of the successful run steps, later ones winning. */
  Map<String, String> facts() {
    Map<String, String> facts = new HashMap<>();
    for (StepRecord r : records) {
      if (r.phase() == StepRecord.Phase.RUN && r.outcome().succeeded()) {
        facts.putAll(r.facts());
      }
    }
    return facts;
  }

  static String words(Duration d) {
    long s = d.toSeconds();
    if (d.toMillis() < 1000) {
      return d.toMillis() + " ms";
    }
    return s < 120 ? s + " s" : s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
