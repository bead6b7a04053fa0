package it.continuo.failover.step;

import it.continuo.config.StepConfig;
import it.continuo.failover.Change;
import it.continuo.failover.StepContext;
import it.continuo.health.ups.NutClient;
import it.continuo.health.ups.NutErrorException;
import it.continuo.health.ups.NutException;
import it.continuo.health.ups.NutProtocolException;
import java.time.Duration;
import java.util.List;

/**
 * Fences by a NUT instant command (e.g. {@code outlet.1.load.off}) that cuts the primary's power.
 * upsd answers OK once the driver has the command, so success means "sent and accepted"; a
 * following {@code unreachable} method in the chain can prove the effect.
 */
final class UpsFencing implements Fencing {
  /** How long connecting, and then each reply, may take at most. */
  private static final Duration NUT_TIMEOUT = Duration.ofSeconds(10);

  private final StepConfig.FenceUps config;

  UpsFencing(StepConfig.FenceUps config) {
    this.config = config;
  }

  @Override
  public String describe() {
    return "ups "
        + config.ups()
        + "@"
        + config.host()
        + ":"
        + config.port()
        + " "
        + config.command();
  }

  @Override
  public List<Change> plan(StepContext context) throws InterruptedException {
    return List.of(
        Change.change(
            "would send INSTCMD "
                + config.ups()
                + " "
                + config.command()
                + " as NUT user "
                + config.user()
                + " (password "
                + config.password().reference()
                + ")"),
        Change.note(
            "NUT server " + TcpProbe.now(config.host(), config.port(), Duration.ofSeconds(2))));
  }

  @Override
  public void fence(StepContext context) throws FencingFailed, InterruptedException {
    Duration timeout = min(NUT_TIMEOUT, context.remaining());
    try (NutClient nut = NutClient.connect(config.host(), config.port(), timeout)) {
      nut.authenticate(config.user(), config.password().reveal());
      nut.instcmd(config.ups(), config.command());
      try {
        nut.logout();
      } catch (NutException e) {
        // the command was accepted; a failed goodbye changes nothing
      }
    } catch (NutErrorException e) {
      throw new FencingFailed(
          describe() + ": " + NutErrorException.meaning(e.code()) + " (ERR " + e.code() + ")",
          e.stale());
    } catch (NutProtocolException e) {
      throw new FencingFailed(describe() + ": " + e.getMessage(), false);
    } catch (NutException e) {
      if (Thread.interrupted()) {
        throw new InterruptedException(describe() + " interrupted");
      }
      throw new FencingFailed(describe() + ": " + e.getMessage(), true);
    }
  }

  private static Duration min(Duration a, Duration b) {
    Duration d = a.compareTo(b) <= 0 ? a : b;
    return d.isZero() ? Duration.ofMillis(1) : d;
  }
}
