package it.continuo.io;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Code the JIT should compile before the work that needs it: each warm-up runs once per process, on
 * a daemon thread of its own, so that nobody waits for it and the interpreter's slow first rounds
 * happen while the process is still starting.
 */
public final class WarmUp {
  private static final Set<String> STARTED = ConcurrentHashMap.newKeySet();

  private WarmUp() {}

  /** Starts {@code task} on a daemon thread named {@code name}, unless it was started before. */
  public static void once(String name, Runnable task) {
    if (STARTED.add(name)) {
      Thread t = new Thread(task, name);
      t.setDaemon(true);
      t.start();
    }
  }
}
