package it.continuo.progress;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of a backup, restore or verification in progress, safe to read from another thread. */
public final class Progress {
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
