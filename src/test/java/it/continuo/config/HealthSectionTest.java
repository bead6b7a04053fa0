package it.continuo.config;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.health.Threshold;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

@DisplayName("The health section")
class HealthSectionTest {
  final List<String> warnings = new ArrayList<>();

  /** Reads {@code yaml}, a document whose root has the {@code health} key. */
  HealthConfig read(String yaml) throws ConfigException {
    YamlNode.Environment env =
        new YamlNode.Environment() {
          @Override
          public String variable(String name) {
            return null;
          }

          @Override
          public Path baseDir() {
            return Path.of("/etc/continuo");
          }
        };
    YamlNode root =
        new YamlNode(
            new Yaml(new SafeConstructor(new LoaderOptions()))
                .compose(new java.io.StringReader(yaml)),
            "",
            env);
    return HealthSection.read(root.map().get("health"), warnings);
  }

  String error(String yaml) {
    try {
      read(yaml);
    } catch (ConfigException e) {
      return e.getMessage();
    }
    throw new AssertionError("no error for " + yaml);
  }

  @Nested
  @DisplayName("reads")
  class Reads {
    @Test
    @DisplayName("every setting")
    void everything() throws Exception {
      HealthConfig h =
          read(
              """
              health:
                interval: 2m
                disk: { warn: 80%, critical: 90%, clear: 3% }
                memory: { warn: 85%, critical: 95% }
                swap: { warn: 50% }
                load: { warn: 1.5, critical: 3.0 }
                temperature: { warn: 70, critical: 85, clear: 4 }
                filesystems: [/, /srv]
                mdstat: /tmp/mdstat
                smart: true
              """);

      assertThat(h.interval()).isEqualTo(Duration.ofMinutes(2));
      assertThat(h.disk()).isEqualTo(new Threshold(0.80, 0.90, 0.03));
      assertThat(h.memory()).isEqualTo(new Threshold(0.85, 0.95, 0.05));
      assertThat(h.swap()).isEqualTo(new Threshold(0.50, 0.90, 0.05));
      assertThat(h.load()).isEqualTo(new Threshold(1.5, 3.0, 0.5));
      assertThat(h.temperature()).isEqualTo(new Threshold(70, 85, 4));
      assertThat(h.filesystems()).containsExactly("/", "/srv");
      assertThat(h.mdstat()).isEqualTo(Path.of("/tmp/mdstat"));
      assertThat(h.smart()).isEqualTo(HealthConfig.Smart.ON);
      assertThat(warnings).isEmpty();
    }

    @Test
    @DisplayName("defaults for what it leaves out: 60s, disk 85/95/5, all file systems, smart auto")
    void defaults() throws Exception {
      HealthConfig h = read("health: { smart: auto }");

      assertThat(h).isEqualTo(HealthConfig.DEFAULTS);
      assertThat(h.interval()).isEqualTo(Duration.ofSeconds(60));
      assertThat(h.disk()).isEqualTo(new Threshold(0.85, 0.95, 0.05));
      assertThat(h.filesystems()).isEmpty();
      assertThat(h.mdstat()).isEqualTo(Path.of("/proc/mdstat"));
    }

    @Test
    @DisplayName("an empty section as the defaults")
    void empty() throws Exception {
      assertThat(read("health:\n")).isEqualTo(HealthConfig.DEFAULTS);
    }

    @Test
    @DisplayName("the ups key, left to the UPS section")
    void upsAccepted() throws Exception {
      HealthConfig h =
          read(
              """
              health:
                disk: { warn: 90% }
                ups:
                  sala-server: { host: 127.0.0.1, ups: dummy }
              """);

      assertThat(h.disk().warn()).isEqualTo(0.90);
    }

    @Test
    @DisplayName("a relative mdstat path against the configuration's directory")
    void relativeMdstat() throws Exception {
      assertThat(read("health: { mdstat: fixtures/mdstat }").mdstat())
          .isEqualTo(Path.of("/etc/continuo/fixtures/mdstat"));
    }

    @Test
    @DisplayName("a warn threshold below the default margin with half of it as margin")
    void tinyWarn() throws Exception {
      assertThat(read("health: { disk: { warn: 1% } }").disk())
          .isEqualTo(new Threshold(0.01, 0.95, 0.005));
    }

    @Test
    @DisplayName("smart: false, and warns of an interval longer than an hour")
    void smartOffAndSlowInterval() throws Exception {
      HealthConfig h = read("health:\n  smart: false\n  interval: 2h\n");

      assertThat(h.smart()).isEqualTo(HealthConfig.Smart.OFF);
      assertThat(warnings).singleElement().asString().startsWith("health.interval (line 3)");
    }
  }

  @Nested
  @DisplayName("rejects with the YAML path and line")
  class Rejects {
    @Test
    void unknownKey() {
      assertThat(error("health:\n  disks: { warn: 80% }\n"))
          .startsWith("health.disks: unknown key; expected one of: interval, disk,")
          .endsWith("(line 2)");
    }

    @Test
    void badPercentage() {
      assertThat(error("health:\n  disk:\n    warn: lots\n"))
          .isEqualTo("health.disk.warn: expected a percentage such as 85%, not \"lots\" (line 3)");
      assertThat(error("health:\n  disk: { warn: 0.85 }\n"))
          .as("a bare number is ambiguous")
          .isEqualTo("health.disk.warn: expected a percentage such as 85%, not \"0.85\" (line 2)");
      assertThat(error("health:\n  disk: { critical: 120% }\n"))
          .isEqualTo("health.disk.critical: must be between 0% and 100% (line 2)");
    }

    @Test
    void warnAboveCritical() {
      assertThat(error("health:\n  load: { warn: 5, critical: 4 }\n"))
          .isEqualTo("health.load: warn must not be above critical (line 2)");
    }

    @Test
    void clearNotBelowWarn() {
      assertThat(error("health:\n  disk: { warn: 10%, clear: 10% }\n"))
          .isEqualTo(
              "health.disk.clear: must be smaller than warn, or a warning would never clear (line 2)");
    }

    @Test
    void badSmartAndInterval() {
      assertThat(error("health: { smart: maybe }"))
          .isEqualTo("health.smart: expected true, false or auto, not \"maybe\" (line 1)");
      assertThat(error("health: { interval: 1s }"))
          .isEqualTo("health.interval: must be at least 5s (line 1)");
    }

    @Test
    void relativeMountPoint() {
      assertThat(error("health:\n  filesystems: [srv]\n"))
          .isEqualTo(
              "health.filesystems[0]: a mount point must be an absolute path, not \"srv\" (line 2)");
    }
  }

  @Test
  @DisplayName("is read by the configuration loader into Config.health")
  void wired(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path file = dir.resolve("continuo.yaml");
    java.nio.file.Files.writeString(
        file,
        """
        agent: { name: srv, dataDir: data, timezone: Europe/Rome }
        health:
          disk: { warn: 70% }
        """);

    Config c = new ConfigLoader(Map.of()).load(file);

    assertThat(c.health().disk().warn()).isEqualTo(0.70);
  }
}
