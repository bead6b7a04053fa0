package it.continuo.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("hosts: and replicas:")
class HostsAndReplicasTest {
  @TempDir Path dir;
  String keys;

  @BeforeEach
  void files() throws Exception {
    Files.writeString(dir.resolve("id_ed25519"), "key");
    Files.writeString(dir.resolve("known_hosts"), "");
    keys = "key: " + dir.resolve("id_ed25519") + ", knownHosts: " + dir.resolve("known_hosts");
  }

  Config load(String more) throws Exception {
    return load("", more);
  }

  Config load(String target, String more) throws Exception {
    Path file = dir.resolve("continuo.yaml");
    Files.writeString(
        file,
        """
        agent: { name: primario, dataDir: data }
        hosts:
          secondario: { address: 10.0.0.2, port: 2222, user: continuo, %s }
        sources:
          uno: { paths: [/srv/uno] }
        targets:
          nas: { type: local, path: /mnt/nas }
          %s
        jobs:
          uno-nas: { source: uno, target: nas, full: "0 0 22 ? * SUN", incremental: "0 0 22 ? * MON-SAT" }
        %s"""
            .formatted(keys, target, more));
    return new ConfigLoader(Map.of()).load(file);
  }

  String error(String more) {
    return error("", more);
  }

  String error(String target, String more) {
    try {
      load(target, more);
    } catch (ConfigException e) {
      return e.getMessage();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected a configuration error");
  }

  @Test
  @DisplayName("a host is named once and an SFTP target uses it by name")
  void sftpByHostName() throws Exception {
    Config c = load("remoto: { type: sftp, host: secondario, path: backup }", "");
    SftpTargetConfig remoto = (SftpTargetConfig) c.targets().get("remoto");
    assertThat(remoto.host()).isSameAs(c.hosts().get("secondario"));
    assertThat(remoto.path()).isEqualTo("backup");
    assertThat(c.hosts().get("secondario").endpoint().toString())
        .isEqualTo("continuo@10.0.0.2:2222");
  }

  @Test
  @DisplayName("a replica reads its sides, lag, schedule, budget and probes")
  void replica() throws Exception {
    Config c =
        load(
            """
            replicas:
              uno:
                primary: { path: /srv/uno/ }
                secondary: { host: secondario, path: /srv/uno }
                exclude: ["*.tmp"]
                maxLag: 15m
                hashBudget: 64MiB
                probes:
                  - { name: db, host: secondario, command: "psql -Atc 'select 3'", timeout: 5s }
            services:
              - { name: Gestionale Uno, rpo: 1h, rto: 4h, jobs: [uno-nas], replica: uno }
            """);
    ReplicaConfig r = c.replicas().get("uno");
    assertThat(r.primary().host()).isNull();
    assertThat(r.primary().paths()).containsExactly("/srv/uno");
    assertThat(r.secondary().describe(0)).isEqualTo("secondario:/srv/uno");
    assertThat(r.maxLag()).isEqualTo(Duration.ofMinutes(15));
    assertThat(r.schedule()).isEqualTo(ReplicaConfig.DEFAULT_SCHEDULE);
    assertThat(r.hashBudget()).isEqualTo(64L << 20);
    assertThat(r.exclude()).isEqualTo(List.of("*.tmp"));
    assertThat(r.probes())
        .singleElement()
        .satisfies(p -> assertThat(p.host().name()).isEqualTo("secondario"));
    assertThat(c.services().get(0).replica()).isEqualTo("uno");
  }

  @Test
  @DisplayName("an unknown host is an error naming the path, the line and the known hosts")
  void unknownHost() {
    assertThat(
            error(
                """
                replicas:
                  uno:
                    primary: { path: /srv/uno }
                    secondary: { host: terziario, path: /srv/uno }
                    maxLag: 15m
                """))
        .contains("replicas.uno.secondary.host")
        .contains("unknown host \"terziario\"")
        .contains("hosts: secondario")
        .contains("line 14");
  }

  @Test
  @DisplayName("an SFTP target naming no known host nor giving its keys says which hosts exist")
  void sftpUnknownHost() {
    String message = error("x: { type: sftp, host: terziario, path: b }", "");
    assertThat(message)
        .contains("targets.x.host")
        .contains("unknown host \"terziario\"; hosts: secondario");
  }

  @Test
  @DisplayName("the secondary needs a host, paths pair up, paths are absolute")
  void sides() {
    assertThat(
            error(
                """
                replicas:
                  uno: { primary: { path: /a }, secondary: { path: /b }, maxLag: 1m }
                """))
        .contains("replicas.uno.secondary")
        .contains("host is required");
    assertThat(
            error(
                """
                replicas:
                  uno:
                    primary: { paths: [/a, /b] }
                    secondary: { host: secondario, path: /a }
                    maxLag: 1m
                """))
        .contains("the secondary has 1 paths and the primary 2");
    assertThat(
            error(
                """
                replicas:
                  uno: { primary: { path: a }, secondary: { host: secondario, path: /a }, maxLag: 1m }
                """))
        .contains("replicas.uno.primary.path")
        .contains("absolute");
  }

  @Test
  @DisplayName("a service naming an unknown replica is an error")
  void serviceReplica() {
    assertThat(
            error(
                """
                services:
                  - { name: Uno, rpo: 1h, rto: 4h, jobs: [uno-nas], replica: due }
                """))
        .contains("services[0].replica")
        .contains("unknown replica \"due\"");
  }
}
