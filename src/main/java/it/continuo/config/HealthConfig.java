package it.continuo.config;

import it.continuo.health.Threshold;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The {@code health} section: how often the daemon samples the server and when a value is bad.
 *
 * @param interval how often the daemon samples every check
 * @param disk used ratio of a file system (0.85 is 85%)
 * @param memory used ratio of the memory, without caches and buffers
 * @param swap used ratio of the swap space
 * @param load the one-minute load average per logical processor
 * @param temperature the CPU temperature in degrees Celsius, where a sensor exists
 * @param filesystems the mount points to watch; empty for every real (disk-backed) one
 * @param mdstat where the Linux software RAID status is read from
 * @param smart whether disks' SMART health is read with {@code smartctl}
 * @param ups the UPSes watched over the NUT protocol, by Continuo's name for each
 */
public record HealthConfig(
    Duration interval,
    Threshold disk,
    Threshold memory,
    Threshold swap,
    Threshold load,
    Threshold temperature,
    List<String> filesystems,
    Path mdstat,
    Smart smart,
    java.util.Map<String, UpsConfig> ups) {

  public HealthConfig {
    filesystems = List.copyOf(filesystems);
    ups = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ups));
  }

  /** When there is no {@code health} section. */
  public static final HealthConfig DEFAULTS =
      new HealthConfig(
          Duration.ofSeconds(60),
          new Threshold(0.85, 0.95, 0.05),
          new Threshold(0.90, 0.98, 0.05),
          new Threshold(0.60, 0.90, 0.05),
          new Threshold(2.0, 4.0, 0.5),
          new Threshold(75, 90, 5),
          List.of(),
          Path.of("/proc/mdstat"),
          Smart.AUTO,
          java.util.Map.of());

  /** {@code health.smart}. */
  public enum Smart {
    /** Read SMART; say once (INFO) when {@code smartctl} is not installed. */
    ON,
    /** Do not read SMART. */
    OFF,
    /** Read SMART where {@code smartctl} is installed, say nothing where it is not. */
    AUTO
  }
}
