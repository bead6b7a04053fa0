package it.continuo.daemon;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Who may run now: runs that share a target run one at a time (each target is a one-permit
 * semaphore, taken in name order so two runs never wait on each other), and at most {@code
 * maxConcurrent} runs go at once.
 */
final class RunGate {
  private final Map<String, Semaphore> targets = new ConcurrentHashMap<>();
  private final Semaphore slots;

  RunGate(int maxConcurrent) {
    this.slots = new Semaphore(maxConcurrent, true);
  }

  /** What {@link #enter} gives: closing it lets the next run in. */
  interface Pass extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Waits until the run may go, or returns null as soon as {@code stop} says to give up.
   *
   * @param targetNames the targets the run writes to
   */
  Pass enter(List<String> targetNames, BooleanSupplier stop) throws InterruptedException {
    List<Semaphore> locks =
        targetNames.stream()
            .sorted()
            .map(t -> targets.computeIfAbsent(t, k -> new Semaphore(1, true)))
            .toList();
    int held = 0;
    try {
      for (Semaphore lock : locks) {
        while (!lock.tryAcquire(200, TimeUnit.MILLISECONDS)) {
          if (stop.getAsBoolean()) {
            return null;
          }
        }
        held++;
      }
      while (!slots.tryAcquire(200, TimeUnit.MILLISECONDS)) {
        if (stop.getAsBoolean()) {
          return null;
        }
      }
      held = -1;
      return () -> {
        slots.release();
        locks.forEach(Semaphore::release);
      };
    } finally {
      if (held > 0) {
        locks.subList(0, held).forEach(Semaphore::release);
      }
    }
  }
}
