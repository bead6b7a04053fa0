package it.continuo.health.server;

import it.continuo.health.Finding;
import it.continuo.health.HealthCheck;
import it.continuo.health.Reading;
import it.continuo.health.Severity;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Uptime and reboots: INFO "rebooted N minutes ago" while the server has been up less than an hour,
 * or when its boot time changed since the last sample (a reboot the daemon slept through, being
 * itself restarted with the server, is seen by the first rule).
 */
final class UptimeCheck implements HealthCheck {
  static final long RECENT_SECONDS = 3600;

  /** Boot times may wobble by a second or two between reads; a change beyond this is a reboot. */
  private static final long BOOT_TOLERANCE_SECONDS = 60;

  /**
   * @param bootEpochSecond when the server booted, in seconds since the epoch
   * @param uptimeSeconds how long it has been up
   */
  record Boot(long bootEpochSecond, long uptimeSeconds) {}

  private final Supplier<Boot> boot;
  private Long lastBoot;

  UptimeCheck(Supplier<Boot> boot) {
    this.boot = boot;
  }

  @Override
  public String name() {
    return "uptime";
  }

  @Override
  public Sample sample() {
    Boot b = boot.get();
    boolean rebooted =
        b.uptimeSeconds() < RECENT_SECONDS
            || (lastBoot != null
                && Math.abs(b.bootEpochSecond() - lastBoot) > BOOT_TOLERANCE_SECONDS);
    lastBoot = b.bootEpochSecond();
    Finding finding =
        rebooted
            ? new Finding(
                name(), "", Severity.INFO, "rebooted " + b.uptimeSeconds() / 60 + " minutes ago")
            : new Finding(name(), "", Severity.OK, "up " + days(b.uptimeSeconds()));
    return new Sample(
        List.of(finding),
        List.of(new Reading("uptime_seconds", Map.of(), b.uptimeSeconds(), "seconds")));
  }

  private static String days(long seconds) {
    long days = seconds / 86_400;
    return days >= 1 ? days + (days == 1 ? " day" : " days") : seconds / 3600 + " hours";
  }
}
