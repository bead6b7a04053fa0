package it.continuo.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("failover: drillEvery and detection.token")
class FailoverDrillKeysTest {
  @TempDir Path dir;

  @BeforeEach
  void files() throws Exception {
    Files.writeString(dir.resolve("id"), "key");
    Files.writeString(dir.resolve("known_hosts"), "");
  }

  Config load(String top, String detection) throws Exception {
    String keys = "key: " + dir.resolve("id") + ", knownHosts: " + dir.resolve("known_hosts");
    Path file = dir.resolve("continuo.yaml");
    Files.writeString(
        file,
        """
        agent: { name: secondario, dataDir: data }
        hosts:
          primario: { address: 127.0.0.2, port: 2222, user: root, %1$s }
          secondario: { address: 127.0.0.3, port: 2222, user: root, %1$s }
        sources: { uno: { paths: [/srv/uno] } }
        targets: { nas: { type: local, path: /mnt/nas } }
        jobs: { uno-nas: { source: uno, target: nas, full: "0 0 22 ? * SUN", incremental: "0 0 22 ? * MON-SAT" } }
        services:
          - { name: Gestionale Uno, rpo: 1h, rto: 4h, jobs: [uno-nas], runbook: uno }
        failover:
        %2$s
          detection: { watch: ["http://127.0.0.2:8420/health"]%3$s }
          runbooks:
            uno:
              service: Gestionale Uno
              primary: primario
              secondary: secondario
              steps:
                - ssh: { host: secondario, run: "true" }
        """
            .formatted(keys, top, detection));
    return new ConfigLoader(Map.of("PRIMARY_TOKEN", "s3cret-Token")).load(file);
  }

  @Test
  @DisplayName("a drill is due every year unless drillEvery says otherwise")
  void drillEvery() throws Exception {
    assertThat(load("", "").failover().drillEvery()).isEqualTo(Duration.ofDays(365));
    assertThat(load("  drillEvery: 26w", "").failover().drillEvery())
        .isEqualTo(Duration.ofDays(182));
    assertThatThrownBy(() -> load("  drillEvery: 0d", ""))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("failover.drillEvery");
  }

  @Test
  @DisplayName("the primary agent's /health token is read by reference and never printed")
  void token() throws Exception {
    DetectionConfig d =
        load("", ", token: \"${env:PRIMARY_TOKEN}\"").failover().runbook("uno").detection();
    assertThat(d.token().reveal()).isEqualTo("s3cret-Token");
    assertThat(d.toString()).doesNotContain("s3cret-Token");
    assertThat(load("", "").failover().runbook("uno").detection().token()).isNull();
  }
}
