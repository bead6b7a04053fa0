package it.continuo.failover;

/** Follows a run as it happens (the CLI prints it live). Every method does nothing by default. */
public interface Timeline {
  Timeline NONE = new Timeline() {};

  /** A step or undo starts. */
  default void started(StepRecord.Phase phase, int seq, String label, String description) {}

  /** An attempt failed and the step will be tried again. */
  default void retrying(int seq, int attempt, String error) {}

  /** A step or undo ended. */
  default void ended(StepRecord step) {}

  /** A line about the run itself, e.g. "failing back", "the lock of pid 1234 was stale". */
  default void note(String line) {}
}
