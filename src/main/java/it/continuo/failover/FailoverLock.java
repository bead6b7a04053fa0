package it.continuo.failover;

import it.continuo.lock.JobLock;
import it.continuo.lock.LockHeldException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The one lock of every failover run on this agent ({@code locks/failover.lock} in the data
 * directory): two failovers at once are refused. The operating system releases it when its process
 * dies, so a dead run's lock is taken over, and said so.
 */
final class FailoverLock implements AutoCloseable {
  static final String NAME = "failover";

  private final JobLock lock;

  private FailoverLock(JobLock lock) {
    this.lock = lock;
  }

  static FailoverLock acquire(Path dataDir, String runbook, Timeline timeline)
      throws FailoverException {
    try {
      JobLock lock = JobLock.acquire(dataDir, NAME, "failover runbook " + runbook);
      lock.interruptedHolder()
          .ifPresent(
              h ->
                  timeline.note(
                      "a previous failover died without finishing ("
                          + h
                          + "); its lock is taken over"));
      return new FailoverLock(lock);
    } catch (LockHeldException e) {
      String holder;
      try {
        holder = JobLock.holder(dataDir, NAME).map(p -> " (pid " + p.pid() + ")").orElse("");
      } catch (IOException ignored) {
        holder = "";
      }
      throw new FailoverException(
          "another failover is running" + holder + "; two at once are refused");
    } catch (IOException e) {
      throw new FailoverException("cannot take the failover lock under " + dataDir + ": " + e, e);
    }
  }

  @Override
  public void close() {
    try {
      lock.close();
    } catch (IOException e) {
      // the process's end releases it anyway; the note left in the file says it was not clean
    }
  }
}
