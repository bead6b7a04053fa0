package it.continuo.schedule;

import java.time.Instant;

/** What the daemon does when a trigger fires; called on a scheduler thread, which it may hold. */
@FunctionalInterface
public interface FireHandler {
  /**
   * @param job the job's name
   * @param task what the trigger asks for
   * @param fireTime when the scheduler fired it (after downtime: when the daemon came back)
   * @param since when the trigger was created: fires before it were never promised
   * @param recovering true when this fire re-runs one that a crash interrupted
   */
  void fire(String job, Task task, Instant fireTime, Instant since, boolean recovering);
}
