package it.continuo.storage.wrap;

import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * How often and how long to wait before trying again: {@code retries} more tries after the first,
 * waiting {@code first}, then twice that, and so on, never more than {@link #MAX_DELAY}.
 */
public record Backoff(int retries, Duration first, Sleeper sleeper) {
  static final Duration MAX_DELAY = Duration.ofMinutes(5);

  /** Waits; tests pass one that does not. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedIOException;
  }

  public static final Sleeper REAL_TIME =
      d -> {
        try {
          Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while waiting to retry");
        }
      };

  public Backoff(int retries, Duration first) {
    this(retries, first, REAL_TIME);
  }

  /** The wait before try number {@code attempt + 2} (attempt 0 is the first retry). */
  Duration delay(int attempt) {
    Duration d = first.multipliedBy(1L << Math.min(attempt, 20));
    return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
  }

  void pause(int attempt) throws InterruptedIOException {
    sleeper.sleep(delay(attempt));
  }
}
