package it.continuo.config;

import java.time.Duration;
import java.util.List;

/**
 * What the agent does when a UPS it watches loses mains power ({@code health.ups.NAME.onBattery})
 * and when its battery runs low or the UPS orders a shutdown ({@code onLowBattery}).
 *
 * @param postponeBackups scheduled backups do not start while on battery; they run once the power
 *     is back
 * @param lastChance jobs whose incremental backup runs at once when the power goes, before the
 *     battery runs out, when the UPS says at least {@code minRuntime} is left
 * @param minRuntime the battery runtime a last-chance backup needs
 * @param shutdown commands run in order (each by {@code /bin/sh -c}) on low battery or forced
 *     shutdown, after the running backups were stopped: e.g. stop the management software, then the
 *     operating system's shutdown command
 * @param shutdownTimeout how long each shutdown command may take
 */
public record PowerConfig(
    boolean postponeBackups,
    List<String> lastChance,
    Duration minRuntime,
    List<String> shutdown,
    Duration shutdownTimeout) {

  public static final PowerConfig DEFAULTS =
      new PowerConfig(true, List.of(), Duration.ofMinutes(10), List.of(), Duration.ofMinutes(2));

  public PowerConfig {
    lastChance = List.copyOf(lastChance);
    shutdown = List.copyOf(shutdown);
  }
}
