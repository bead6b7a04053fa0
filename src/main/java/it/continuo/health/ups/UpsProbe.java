package it.continuo.health.ups;

import it.continuo.config.UpsConfig;
import it.continuo.health.HealthCheck;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * One UPS read once, for {@code continuo health}: no dead time to wait for, so a UPS that does not
 * answer is reported unreachable at once.
 */
public final class UpsProbe implements HealthCheck {
  private final UpsConfig config;

  public UpsProbe(UpsConfig config) {
    this.config = config;
  }

  @Override
  public String name() {
    return "ups";
  }

  @Override
  public Sample sample() {
    NutUpsSource source =
        new NutUpsSource(
            config.host(),
            config.port(),
            config.ups(),
            config.user(),
            config.password() == null ? null : config.password().reveal(),
            UpsWatch.timeout(config));
    try {
      UpsMonitor monitor =
          new UpsMonitor(config.name(), source, Duration.ZERO, Clock.systemUTC(), e -> {});
      monitor.poll();
      return new Sample(List.of(monitor.finding()), monitor.readings());
    } finally {
      source.close();
    }
  }
}
