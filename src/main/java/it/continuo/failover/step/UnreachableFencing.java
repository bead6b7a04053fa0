package it.continuo.failover.step;

import it.continuo.config.HostConfig;
import it.continuo.config.StepConfig;
import it.continuo.failover.Change;
import it.continuo.failover.StepContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Fences by proof of absence: the primary's port must refuse, reset or ignore every TCP connection,
 * one attempted each {@link #INTERVAL}, from the start of the period to its end (both included).
 *
 * <p>One accepted connection fails the method at once; it does not restart the clock. A primary
 * that answers, even once, is alive or coming back: waiting for a new quiet period could last until
 * the step's timeout and would hide a flapping primary, the split brain a fence exists to prevent.
 * The failure is transient, so the runner's retries (if any) start a new period.
 */
final class UnreachableFencing implements Fencing {
  static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final Duration MIN_PROBE = Duration.ofMillis(200);

  private final HostConfig host;
  private final int port;
  private final Duration period;

  UnreachableFencing(StepConfig.FenceUnreachable config) {
    this.host = config.host();
    this.port = config.port();
    this.period = config.period();
  }

  private String where() {
    return host.name() + " " + host.address() + ":" + port;
  }

  @Override
  public String describe() {
    return "unreachable " + where() + " for " + seconds(period);
  }

  @Override
  public List<Change> plan(StepContext context) throws InterruptedException {
    return List.of(
        Change.note(
            "would check that "
                + host.address()
                + ":"
                + port
                + " refuses or ignores every connection for "
                + seconds(period)
                + " (one attempt a second; one answer fails it)"),
        Change.note(host.name() + " " + TcpProbe.now(host.address(), port, INTERVAL)));
  }

  @Override
  public void fence(StepContext context) throws FencingFailed, InterruptedException {
    InetSocketAddress address = new InetSocketAddress(host.address(), port);
    if (address.isUnresolved()) {
      // a name the agent cannot resolve proves nothing about the primary
      throw new FencingFailed(describe() + ": cannot resolve " + host.address(), true);
    }
    if (context.remaining().compareTo(period) < 0) {
      throw new FencingFailed(
          describe()
              + ": the step's timeout leaves "
              + seconds(context.remaining())
              + ", less than the period",
          false);
    }
    Instant start = context.now();
    Instant end = start.plus(period);
    int attempts = 0;
    while (true) {
      Instant tick = context.now();
      Duration left = Duration.between(tick, end);
      Duration timeout = left.compareTo(INTERVAL) > 0 ? INTERVAL : left;
      timeout = timeout.compareTo(MIN_PROBE) < 0 ? MIN_PROBE : timeout;
      if (TcpProbe.probe(address, timeout) == TcpProbe.Answer.ANSWERS) {
        throw new FencingFailed(
            where()
                + " still answers (attempt "
                + (attempts + 1)
                + " of the "
                + seconds(period)
                + " period)",
            true);
      }
      attempts++;
      Instant now = context.now();
      if (!now.isBefore(end)) {
        break;
      }
      Instant next = tick.plus(INTERVAL).isBefore(end) ? tick.plus(INTERVAL) : end;
      long sleep = Duration.between(now, next).toMillis();
      if (sleep > 0) {
        Thread.sleep(sleep);
      }
    }
    context.log(
        "fence: " + where() + " did not answer " + attempts + " attempts in " + seconds(period));
  }

  static String seconds(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0
        ? millis / 1000 + " s"
        : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
