package it.continuo.health.server;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.config.HealthConfig;
import it.continuo.health.Finding;
import it.continuo.health.HealthCheck;
import it.continuo.health.HealthReport;
import it.continuo.health.Reading;
import it.continuo.health.Severity;
import it.continuo.health.Threshold;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The server's checks")
class ServerChecksTest {
  static final long GIB = 1L << 30;

  static Finding only(HealthCheck.Sample s) {
    assertThat(s.findings()).hasSize(1);
    return s.findings().get(0);
  }

  @Nested
  @DisplayName("load")
  class Load {
    @Test
    @DisplayName("judges the load per core, with hysteresis")
    void perCore() {
      double[] load = {1.0};
      LoadCheck check = new LoadCheck(() -> load[0], new Threshold(2.0, 4.0, 0.5));

      assertThat(only(check.sample()))
          .isEqualTo(new Finding("load", "", Severity.OK, "load 1.00 per core"));
      load[0] = 2.1;
      assertThat(only(check.sample()).severity()).isEqualTo(Severity.WARN);
      load[0] = 1.6;
      assertThat(only(check.sample()).severity()).as("above 2.0 - 0.5").isEqualTo(Severity.WARN);
      load[0] = 4.2;
      assertThat(only(check.sample()).severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    @DisplayName("says nothing where the OS keeps no load average")
    void none() {
      assertThat(new LoadCheck(() -> -1, new Threshold(2, 4, 0.5)).sample().findings()).isEmpty();
    }
  }

  @Nested
  @DisplayName("memory and swap")
  class Memory {
    @Test
    @DisplayName("judge the used ratio")
    void usedRatio() {
      MemoryCheck memory =
          MemoryCheck.memory(
              () -> new MemoryCheck.Usage(16 * GIB, 15 * GIB), new Threshold(0.90, 0.98, 0.05));

      HealthCheck.Sample s = memory.sample();

      assertThat(only(s))
          .isEqualTo(
              new Finding("memory", "", Severity.WARN, "memory 94% used (15 GiB of 16 GiB)"));
      assertThat(s.readings())
          .contains(new Reading("memory_used_ratio", Map.of(), 15.0 / 16, "ratio"));
    }

    @Test
    @DisplayName("a machine without swap has no swap finding")
    void noSwap() {
      MemoryCheck swap =
          MemoryCheck.swap(() -> new MemoryCheck.Usage(0, 0), new Threshold(0.6, 0.9, 0.05));

      assertThat(swap.sample().findings()).isEmpty();
    }
  }

  @Nested
  @DisplayName("uptime")
  class Uptime {
    @Test
    @DisplayName("is INFO \"rebooted N minutes ago\" within an hour of boot")
    void recentBoot() {
      UptimeCheck check = new UptimeCheck(() -> new UptimeCheck.Boot(1_700_000_000, 25 * 60));

      assertThat(only(check.sample()))
          .isEqualTo(new Finding("uptime", "", Severity.INFO, "rebooted 25 minutes ago"));
    }

    @Test
    @DisplayName("is INFO when the boot time changed since the last sample, OK otherwise")
    void bootTimeChanged() {
      AtomicReference<UptimeCheck.Boot> boot =
          new AtomicReference<>(new UptimeCheck.Boot(1_700_000_000, 5 * 86_400));
      UptimeCheck check = new UptimeCheck(boot::get);

      assertThat(only(check.sample()))
          .isEqualTo(new Finding("uptime", "", Severity.OK, "up 5 days"));
      boot.set(new UptimeCheck.Boot(1_700_000_001, 5 * 86_400 + 60));
      assertThat(only(check.sample()).severity()).as("a second of jitter").isEqualTo(Severity.OK);
      // the daemon missed the short uptime (e.g. it was stopped): the boot time tells
      boot.set(new UptimeCheck.Boot(1_700_500_000, 2 * 3600));
      assertThat(only(check.sample()))
          .isEqualTo(new Finding("uptime", "", Severity.INFO, "rebooted 120 minutes ago"));
      assertThat(only(check.sample()).severity()).isEqualTo(Severity.OK);
    }
  }

  @Nested
  @DisplayName("temperature")
  class Temperature {
    @Test
    @DisplayName("judges the CPU temperature")
    void judged() {
      TemperatureCheck check = new TemperatureCheck(() -> 91.0, new Threshold(75, 90, 5));

      assertThat(only(check.sample()))
          .isEqualTo(new Finding("temperature", "cpu", Severity.CRITICAL, "CPU at 91 °C"));
    }

    @Test
    @DisplayName("says nothing without a sensor (0 or NaN): not an error")
    void noSensor() {
      assertThat(new TemperatureCheck(() -> 0, new Threshold(75, 90, 5)).sample().findings())
          .isEmpty();
      assertThat(
              new TemperatureCheck(() -> Double.NaN, new Threshold(75, 90, 5)).sample().findings())
          .isEmpty();
    }
  }

  @Nested
  @DisplayName("network links")
  class Links {
    @Test
    @DisplayName("an interface that was up and is now down is WARN; one never up is ignored")
    void upThenDown() {
      Map<String, Boolean> links = new LinkedHashMap<>();
      links.put("eno1", true);
      links.put("eno2", false);
      LinkCheck check = new LinkCheck(() -> Map.copyOf(links));

      assertThat(check.sample().findings())
          .containsExactly(new Finding("link", "eno1", Severity.OK, "eno1 is up"));
      links.put("eno1", false);
      assertThat(check.sample().findings())
          .containsExactly(
              new Finding("link", "eno1", Severity.WARN, "eno1 was up and is now down"));
      links.put("eno1", true);
      assertThat(only(check.sample()).severity()).isEqualTo(Severity.OK);
    }
  }

  @Nested
  @DisplayName("on this machine")
  class ThisMachine {
    @Test
    @DisplayName("read real load, memory, uptime and the root file system")
    void realReadings() {
      HealthReport report =
          new ServerHealth(ServerHealth.checks(HealthConfig.DEFAULTS, Clock.systemUTC())).sample();

      List<String> names = report.readings().stream().map(Reading::name).toList();
      assertThat(names).contains("memory_used_ratio", "uptime_seconds", "disk_used_ratio");
      assertThat(report.readings())
          .filteredOn(r -> r.name().equals("disk_used_ratio"))
          .extracting(r -> r.labels().get("mount"))
          .contains("/")
          .doesNotContain("/dev", "/dev/shm", "/sys/fs/cgroup");
      assertThat(report.findings()).extracting(Finding::check).contains("memory", "uptime", "disk");
    }

    @Test
    @DisplayName("watch a file system named in the configuration even if no disk backs it")
    void namedFileSystem() {
      HealthConfig shm =
          new HealthConfig(
              HealthConfig.DEFAULTS.interval(),
              HealthConfig.DEFAULTS.disk(),
              HealthConfig.DEFAULTS.memory(),
              HealthConfig.DEFAULTS.swap(),
              HealthConfig.DEFAULTS.load(),
              HealthConfig.DEFAULTS.temperature(),
              List.of("/dev/shm"),
              HealthConfig.DEFAULTS.mdstat(),
              HealthConfig.Smart.OFF,
              java.util.Map.of());

      HealthReport report = new ServerHealth(shm).sample();

      assertThat(report.findings())
          .filteredOn(f -> f.check().equals("disk"))
          .singleElement()
          .satisfies(f -> assertThat(f.message()).startsWith("/dev/shm is ").contains("% full"));
    }

    @Test
    @DisplayName("read mount points with spaces from the mount table")
    void mountTableEscapes() {
      assertThat(Machine.unescape("/mnt/nas\\040ufficio")).isEqualTo("/mnt/nas ufficio");
      assertThat(Machine.unescape("/a\\134b\\01")).isEqualTo("/a\\b\\01");
    }

    @Test
    @DisplayName("sampled again, keep their state: the same levels, no new reboot")
    void twice() {
      ServerHealth health = new ServerHealth(HealthConfig.DEFAULTS);
      health.sample();

      HealthReport second = health.sample();

      assertThat(second.findings()).filteredOn(f -> f.check().equals("uptime")).hasSize(1);
    }
  }
}
