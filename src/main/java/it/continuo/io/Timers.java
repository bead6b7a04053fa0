package it.continuo.io;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Timers on a thread of their own that never keeps the JVM alive. */
public final class Timers {
  private Timers() {}

  /** A single-thread scheduler whose daemon thread is called {@code name}. */
  public static ScheduledExecutorService daemon(String name) {
    return Executors.newSingleThreadScheduledExecutor(
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        });
  }
}
