package it.continuo.health.server;

import it.continuo.health.Finding;
import it.continuo.health.HealthCheck;
import it.continuo.health.Hysteresis;
import it.continuo.health.Reading;
import it.continuo.health.Severity;
import it.continuo.health.Threshold;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Memory or swap: the used ratio against the thresholds. A machine without swap has no finding. */
final class MemoryCheck implements HealthCheck {
  /**
   * @param total bytes there are
   * @param used bytes in use (for memory: not available to new programs, caches excluded)
   */
  record Usage(long total, long used) {
    double ratio() {
      return total <= 0 ? 0 : (double) used / total;
    }
  }

  private final String name;
  private final Supplier<Usage> usage;
  private final Hysteresis levels;

  private MemoryCheck(String name, Supplier<Usage> usage, Threshold threshold) {
    this.name = name;
    this.usage = usage;
    this.levels = new Hysteresis(threshold);
  }

  static MemoryCheck memory(Supplier<Usage> usage, Threshold threshold) {
    return new MemoryCheck("memory", usage, threshold);
  }

  static MemoryCheck swap(Supplier<Usage> usage, Threshold threshold) {
    return new MemoryCheck("swap", usage, threshold);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Sample sample() {
    Usage u = usage.get();
    if (u.total() <= 0) {
      return new Sample(List.of(), List.of());
    }
    Severity level = levels.update("", u.ratio());
    String message =
        name
            + " "
            + Figures.percent(u.ratio())
            + " used ("
            + Figures.bytes(u.used())
            + " of "
            + Figures.bytes(u.total())
            + ")";
    return new Sample(
        List.of(new Finding(name, "", level, message)),
        List.of(
            new Reading(name + "_used_ratio", Map.of(), u.ratio(), "ratio"),
            new Reading(name + "_size_bytes", Map.of(), u.total(), "bytes")));
  }
}
