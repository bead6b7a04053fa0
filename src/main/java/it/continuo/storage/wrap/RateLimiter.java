package it.continuo.storage.wrap;

import java.io.InterruptedIOException;

/**
 * Spaces transfers so that, over any stretch longer than a fraction of a second, no more than the
 * given number of bytes per second pass. Shared by every stream of one target: the limit is the
 * target's, however many uploads and reads run at once.
 */
final class RateLimiter {
  /** How far behind the schedule a quiet spell may leave us, i.e. the largest burst. */
  private static final long BURST_NANOS = 50_000_000L;

  private final double nanosPerByte;
  private long next = System.nanoTime();

  RateLimiter(long bytesPerSecond) {
    if (bytesPerSecond <= 0) {
      throw new IllegalArgumentException("bandwidth must be positive");
    }
    this.nanosPerByte = 1e9 / bytesPerSecond;
  }

  /** Waits until {@code bytes} more may pass. */
  void acquire(long bytes) throws InterruptedIOException {
    long wait;
    synchronized (this) {
      long now = System.nanoTime();
      long start = Math.max(next, now - BURST_NANOS);
      next = start + (long) (bytes * nanosPerByte);
      wait = next - now;
    }
    if (wait > 0) {
      try {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while keeping to the bandwidth limit");
      }
    }
  }
}
