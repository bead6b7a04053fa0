package it.continuo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.testing.CliResult;
import it.continuo.testing.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("check-config with replicas")
class CheckConfigReplicasTest {
  @TempDir Path dir;

  @Test
  @DisplayName("lists each replica, its sides, lag and schedule, and the service it protects")
  void listsReplicas() throws Exception {
    Files.writeString(dir.resolve("id"), "key");
    Files.writeString(dir.resolve("known_hosts"), "");
    Path config = dir.resolve("continuo.yaml");
    Files.writeString(
        config,
        """
        agent: { name: primario, dataDir: %1$s/data }
        hosts:
          secondario: { address: 10.0.0.2, user: root, key: %1$s/id, knownHosts: %1$s/known_hosts }
        sources: { uno: { paths: [/srv/uno] } }
        targets: { nas: { type: local, path: /mnt/nas } }
        jobs: { uno-nas: { source: uno, target: nas, full: "0 0 22 ? * SUN", incremental: "0 0 22 ? * MON-SAT" } }
        replicas:
          uno:
            primary: { paths: [/srv/uno, /srv/posta] }
            secondary: { host: secondario, paths: [/srv/uno, /srv/posta] }
            maxLag: 15m
            probes: [{ name: db, command: "echo 0" }]
        services:
          - { name: Gestionale Uno, rpo: 1h, rto: 4h, jobs: [uno-nas], replica: uno }
        """
            .formatted(dir));

    CliResult r = Workspace.inProcess("-c", config.toString(), "check-config");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains(
            "replica uno: /srv/uno → secondario:/srv/uno, /srv/posta → secondario:/srv/posta,"
                + " maxLag 15m, checked \"0 0/15 * * * ?\", 1 probe")
        .contains("  replica      uno");
  }
}
