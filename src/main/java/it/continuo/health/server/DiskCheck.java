package it.continuo.health.server;

import it.continuo.health.Finding;
import it.continuo.health.HealthCheck;
import it.continuo.health.Hysteresis;
import it.continuo.health.Reading;
import it.continuo.health.Severity;
import it.continuo.health.Threshold;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Free space per file system: the used ratio against the thresholds (with hysteresis), and the days
 * until full at the trend of the samples seen so far ({@link FillForecast}). The forecast is told,
 * not judged: the thresholds set the severity.
 */
final class DiskCheck implements HealthCheck {
  /**
   * One mounted file system.
   *
   * @param mount its mount point
   * @param total its size in bytes
   * @param free bytes not in use
   * @param usable bytes an unprivileged user can still write (free minus the reserved blocks)
   */
  record Volume(String mount, long total, long free, long usable) {
    long used() {
      return total - free;
    }

    /** As {@code df} counts it: used of what users can have (reserved blocks left out). */
    double usedRatio() {
      long of = used() + usable;
      return of <= 0 ? 0 : (double) used() / of;
    }
  }

  private final Supplier<List<Volume>> volumes;
  private final List<String> mounts;
  private final Hysteresis levels;
  private final Clock clock;
  private final FillForecast forecast = new FillForecast();

  /**
   * @param volumes the mounted file systems, read at each sample
   * @param mounts the mount points to watch; empty for all of {@code volumes}
   */
  DiskCheck(Supplier<List<Volume>> volumes, List<String> mounts, Threshold threshold, Clock clock) {
    this.volumes = volumes;
    this.mounts = List.copyOf(mounts);
    this.levels = new Hysteresis(threshold);
    this.clock = clock;
  }

  @Override
  public String name() {
    return "disk";
  }

  @Override
  public Sample sample() {
    Instant now = clock.instant();
    Map<String, Volume> byMount = new LinkedHashMap<>();
    for (Volume v : volumes.get()) {
      byMount.put(v.mount(), v);
    }
    List<Finding> findings = new ArrayList<>();
    List<Reading> readings = new ArrayList<>();
    for (String mount : mounts.isEmpty() ? List.copyOf(byMount.keySet()) : mounts) {
      Volume v = byMount.get(mount);
      if (v == null) {
        levels.forget(mount);
        forecast.forget(mount);
        findings.add(
            new Finding(name(), mount, Severity.WARN, mount + " is not mounted (or not a disk)"));
        continue;
      }
      findings.add(judge(v, now));
      Map<String, String> labels = Map.of("mount", mount);
      readings.add(new Reading("disk_used_ratio", labels, v.usedRatio(), "ratio"));
      readings.add(new Reading("disk_used_bytes", labels, v.used(), "bytes"));
      readings.add(new Reading("disk_size_bytes", labels, v.total(), "bytes"));
      forecast
          .untilFull(mount, v.usable())
          .ifPresent(f -> readings.add(new Reading("disk_full_in_days", labels, f.days(), "")));
    }
    return new Sample(findings, readings);
  }

  private Finding judge(Volume v, Instant now) {
    Severity level = levels.update(v.mount(), v.usedRatio());
    forecast.add(v.mount(), now, v.used());
    String message =
        v.mount()
            + " is "
            + Figures.percent(v.usedRatio())
            + " full ("
            + Figures.bytes(v.used())
            + " of "
            + Figures.bytes(v.used() + v.usable())
            + ")";
    Optional<FillForecast.Forecast> full = forecast.untilFull(v.mount(), v.usable());
    if (full.isPresent()) {
      message +=
          String.format(
              Locale.ROOT,
              "; full in about %.0f days at the rate of the last %s",
              full.get().days(),
              Figures.span(full.get().over()));
    }
    return new Finding(name(), v.mount(), level, message);
  }
}
