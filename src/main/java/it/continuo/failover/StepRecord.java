package it.continuo.failover;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One step of a run as it happened: a line of the timeline.
 *
 * @param seq its place in the run's timeline, from 1 (undos come after the steps)
 * @param phase whether it ran the step or its undo
 * @param index the step's place in the runbook, from 0
 * @param kind the step's kind
 * @param label the file's name for it, or its kind
 * @param description what it does, every value resolved
 * @param started when the first attempt started
 * @param ended when the last attempt ended
 * @param outcome how it ended
 * @param attempts how many attempts were made
 * @param lines what was done, from the step's outcome or its failure
 * @param facts the step's facts (see {@link StepOutcome})
 * @param error why it failed, or null
 */
public record StepRecord(
    int seq,
    Phase phase,
    int index,
    String kind,
    String label,
    String description,
    Instant started,
    Instant ended,
    Outcome outcome,
    int attempts,
    List<String> lines,
    Map<String, String> facts,
    String error) {

  public StepRecord {
    lines = List.copyOf(lines);
    facts = Map.copyOf(facts);
  }

  /** Whether the step ran or was undone. */
  public enum Phase {
    RUN,
    UNDO;

    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** How a step ended. */
  public enum Outcome {
    /** It did what it says. */
    OK,
    /** It failed (after its retries). */
    FAILED,
    /** Its last attempt overran the timeout and was interrupted. */
    TIMED_OUT,
    /** A safety check failed and {@code --force} passed over it. */
    FORCED;

    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    public boolean succeeded() {
      return this == OK || this == FORCED;
    }
  }

  public Duration duration() {
    return Duration.between(started, ended);
  }
}
