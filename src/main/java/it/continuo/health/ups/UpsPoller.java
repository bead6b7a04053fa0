package it.continuo.health.ups;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's poll driver: one daemon thread that polls every monitor, then sleeps the poll
 * interval, until {@link #close()}. A slow UPS delays the others by at most its client timeout.
 */
public final class UpsPoller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UpsPoller.class);

  private final Thread thread;
  private volatile boolean running = true;

  /**
   * Starts polling at once.
   *
   * @param monitors the UPSes to poll
   * @param interval the pause between two rounds
   */
  public UpsPoller(List<UpsMonitor> monitors, Duration interval) {
    List<UpsMonitor> all = List.copyOf(monitors);
    this.thread =
        new Thread(
            () -> {
              while (running) {
                for (UpsMonitor m : all) {
                  try {
                    m.poll();
                  } catch (RuntimeException e) {
                    // a listener's bug must not stop the watch over the UPS
                    LOG.error("UPS {}: polling failed", m.name(), e);
                  }
                }
                try {
                  Thread.sleep(interval.toMillis());
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "ups-poller");
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops polling and waits for the thread (at most a few seconds). */
  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(10_000);
  }

  /** Whether the thread still runs. */
  public boolean alive() {
    return thread.isAlive();
  }
}
