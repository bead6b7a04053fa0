package it.continuo.health.server;

import it.continuo.config.HealthConfig;
import it.continuo.health.HealthCheck;
import it.continuo.health.HealthReport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks of this server, built from the {@code health} section, and sampled together. Keep one
 * instance for as long as the server is watched: the checks remember earlier samples (hysteresis,
 * the disks' trend, the boot time, the links seen up).
 */
public final class ServerHealth {
  /** How long one {@code smartctl} call may take; a disk that hangs it must not hang the daemon. */
  static final Duration SMARTCTL_TIMEOUT = Duration.ofSeconds(30);

  private final List<HealthCheck> checks;

  /** The server's checks as configured, reading this machine. */
  public ServerHealth(HealthConfig config) {
    this(checks(config, Clock.systemUTC()));
  }

  /** These checks, e.g. the server's and the UPSes'. */
  public ServerHealth(List<HealthCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  /**
   * The server's checks: load, memory, swap, disks, uptime, temperature, network links, software
   * RAID and, unless {@code smart: false}, SMART.
   */
  public static List<HealthCheck> checks(HealthConfig config, Clock clock) {
    Machine machine = new Machine();
    List<HealthCheck> checks = new ArrayList<>();
    checks.add(new LoadCheck(machine::loadPerCore, config.load()));
    checks.add(MemoryCheck.memory(machine::memory, config.memory()));
    checks.add(MemoryCheck.swap(machine::swap, config.swap()));
    checks.add(
        new DiskCheck(
            config.filesystems().isEmpty()
                ? machine::diskVolumes
                : () -> machine.volumesAt(config.filesystems()),
            config.filesystems(),
            config.disk(),
            clock));
    checks.add(new UptimeCheck(machine::boot));
    checks.add(new TemperatureCheck(machine::cpuTemperature, config.temperature()));
    checks.add(new LinkCheck(machine::links));
    checks.add(new RaidCheck(config.mdstat()));
    if (config.smart() != HealthConfig.Smart.OFF) {
      Smartctl smartctl = Smartctl.find().map(p -> new Smartctl(p, SMARTCTL_TIMEOUT)).orElse(null);
      checks.add(new SmartCheck(smartctl, config.smart() == HealthConfig.Smart.ON));
    }
    return checks;
  }

  public List<HealthCheck> checks() {
    return checks;
  }

  /** Samples every check once. */
  public HealthReport sample() {
    return HealthReport.sample(checks);
  }
}
