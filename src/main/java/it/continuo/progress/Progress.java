package it.continuo.progress;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of a backup, restore or verification in progress, safe to read from another thread; also
 * how another thread asks the run to stop (a daemon shutting down).
 */
public final class Progress {
  private volatile String cancelled;

  private final AtomicLong entries = new AtomicLong();
  private final AtomicLong bytesRead = new AtomicLong();
  private final AtomicLong bytesWritten = new AtomicLong();

  public void entry() {
    entries.incrementAndGet();
  }

  public void read(long bytes) {
    bytesRead.addAndGet(bytes);
  }

  public void written(long total) {
    bytesWritten.set(total);
  }

  /**
   * Asks the run to stop at its next entry or buffer: it then fails with {@link
   * CancelledException}, through the same path as any failure, so nothing it wrote is committed.
   */
  public void cancel(String why) {
    cancelled = why;
  }

  /** Throws when the run was asked to stop. */
  public void checkCancelled() throws CancelledException {
    String why = cancelled;
    if (why != null) {
      throw new CancelledException(why);
    }
  }

  /**
   * Sets the counters to those of a run that goes on elsewhere (the daemon's, shown by the command
   * that asked for it).
   */
  public void show(long entries, long bytesRead) {
    this.entries.set(entries);
    this.bytesRead.set(bytesRead);
  }

  public long entries() {
    return entries.get();
  }

  public long bytesRead() {
    return bytesRead.get();
  }

  public long bytesWritten() {
    return bytesWritten.get();
  }
}
