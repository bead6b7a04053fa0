package it.continuo.health.ups;

import it.continuo.config.UpsConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * The configured UPSes being watched: one monitor per UPS over a kept upsd connection, each polled
 * by its own daemon thread on its own interval, until {@link #close()}.
 */
public final class UpsWatch implements AutoCloseable {
  /** The longest a connection or a reply may take, whatever the poll interval. */
  static final Duration MAX_TIMEOUT = Duration.ofSeconds(5);

  private final List<UpsMonitor> monitors;
  private final List<UpsSource> sources;
  private final List<UpsPoller> pollers;

  private UpsWatch(List<UpsMonitor> monitors, List<UpsSource> sources, List<UpsPoller> pollers) {
    this.monitors = List.copyOf(monitors);
    this.sources = List.copyOf(sources);
    this.pollers = List.copyOf(pollers);
  }

  /**
   * Starts watching.
   *
   * @param configs the UPSes of {@code health.ups}
   * @param clock the time of events and of the dead time
   * @param listener receives every UPS's events, on the polling threads
   */
  public static UpsWatch start(
      Collection<UpsConfig> configs, Clock clock, Consumer<UpsEvent> listener) {
    List<UpsMonitor> monitors = new ArrayList<>();
    List<UpsSource> sources = new ArrayList<>();
    List<UpsPoller> pollers = new ArrayList<>();
    for (UpsConfig c : configs) {
      UpsSource source =
          new NutUpsSource(
              c.host(),
              c.port(),
              c.ups(),
              c.user(),
              c.password() == null ? null : c.password().reveal(),
              timeout(c));
      UpsMonitor monitor = new UpsMonitor(c.name(), source, c.deadTime(), clock, listener);
      sources.add(source);
      monitors.add(monitor);
      pollers.add(new UpsPoller(List.of(monitor), c.pollInterval()));
    }
    return new UpsWatch(monitors, sources, pollers);
  }

  /** The poll interval, at most {@link #MAX_TIMEOUT}: a reply slower than a poll is not waited. */
  static Duration timeout(UpsConfig c) {
    return c.pollInterval().compareTo(MAX_TIMEOUT) < 0 ? c.pollInterval() : MAX_TIMEOUT;
  }

  /** The monitors, in configuration order. */
  public List<UpsMonitor> monitors() {
    return monitors;
  }

  /** The UPSes as a health check. */
  public UpsCheck check() {
    return new UpsCheck(monitors);
  }

  /** Stops the threads and closes the connections. */
  @Override
  public void close() throws InterruptedException {
    for (UpsPoller p : pollers) {
      p.close();
    }
    for (UpsSource s : sources) {
      s.close();
    }
  }
}
