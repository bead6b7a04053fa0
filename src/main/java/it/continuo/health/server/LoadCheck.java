package it.continuo.health.server;

import it.continuo.health.Finding;
import it.continuo.health.HealthCheck;
import it.continuo.health.Hysteresis;
import it.continuo.health.Reading;
import it.continuo.health.Severity;
import it.continuo.health.Threshold;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;

/** CPU load: the one-minute load average per logical processor against the thresholds. */
final class LoadCheck implements HealthCheck {
  private final DoubleSupplier loadPerCore;
  private final Hysteresis levels;

  /**
   * @param loadPerCore the load per core now; negative where the OS keeps no load average
   */
  LoadCheck(DoubleSupplier loadPerCore, Threshold threshold) {
    this.loadPerCore = loadPerCore;
    this.levels = new Hysteresis(threshold);
  }

  @Override
  public String name() {
    return "load";
  }

  @Override
  public Sample sample() {
    double load = loadPerCore.getAsDouble();
    if (load < 0) {
      return new Sample(List.of(), List.of());
    }
    Severity level = levels.update("", load);
    String message = String.format(Locale.ROOT, "load %.2f per core", load);
    return new Sample(
        List.of(new Finding(name(), "", level, message)),
        List.of(new Reading("load_per_core", Map.of(), load, "load")));
  }
}
