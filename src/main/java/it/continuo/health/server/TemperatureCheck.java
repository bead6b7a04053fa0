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

/**
 * The CPU temperature against the thresholds, where a sensor exists: OSHI answers 0 or NaN where it
 * has none (virtual machines, many containers), which is no finding rather than an error.
 */
final class TemperatureCheck implements HealthCheck {
  private final DoubleSupplier celsius;
  private final Hysteresis levels;

  TemperatureCheck(DoubleSupplier celsius, Threshold threshold) {
    this.celsius = celsius;
    this.levels = new Hysteresis(threshold);
  }

  @Override
  public String name() {
    return "temperature";
  }

  @Override
  public Sample sample() {
    double c = celsius.getAsDouble();
    if (!(c > 0)) {
      return new Sample(List.of(), List.of());
    }
    Severity level = levels.update("cpu", c);
    return new Sample(
        List.of(new Finding(name(), "cpu", level, String.format(Locale.ROOT, "CPU at %.0f °C", c))),
        List.of(new Reading("temperature_celsius", Map.of("sensor", "cpu"), c, "celsius")));
  }
}
