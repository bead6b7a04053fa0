package it.continuo.replica;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.config.Config;
import it.continuo.config.ConfigLoader;
import it.continuo.testing.TestServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Trees and configurations for replica checks against the test sshd hosts: both run on this
 * machine, so a directory made here is the same directory on 127.0.0.2 and 127.0.0.3.
 */
final class ReplicaFixture {
  final TestServers servers;
  final Path dir;

  ReplicaFixture(TestServers servers, Path dir) {
    this.servers = servers;
    this.dir = dir;
  }

  /** Runs {@code script} by {@code sh -c} with {@code $1} = {@code dir}; fails on an error. */
  void sh(String script) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("sh", "-ec", script, "sh", dir.toString()).inheritIO().start();
    assertThat(p.waitFor()).as(script).isZero();
  }

  static void write(Path file, String content, Instant mtime) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
    Files.setLastModifiedTime(file, FileTime.from(mtime));
  }

  /** A host entry of {@code hosts:}. */
  String host(String name, String address, int port, Path key, Path knownHosts) {
    return "  %s: { address: %s, port: %d, user: %s, key: %s, knownHosts: %s, connectTimeout: 5s }\n"
        .formatted(name, address, port, servers.sshUser(), key, knownHosts);
  }

  /** The usual hosts: primario (127.0.0.2) and secondario (127.0.0.3). */
  String hosts() {
    return host(
            "primario",
            servers.primary().host(),
            servers.primary().port(),
            servers.sshKey(),
            servers.knownHosts())
        + host(
            "secondario",
            servers.secondary().host(),
            servers.secondary().port(),
            servers.sshKey(),
            servers.knownHosts());
  }

  /** Writes a configuration file with {@code hosts} and the {@code replicas:} section. */
  Path configFile(String hosts, String replicas) throws IOException {
    Path file = Files.createTempFile(dir, "continuo", ".yaml");
    Files.writeString(
        file,
        "agent: { name: primario, dataDir: %s }\nhosts:\n%sreplicas:\n%s"
            .formatted(dir.resolve("data"), hosts, replicas));
    return file;
  }

  Config config(String hosts, String replicas) throws Exception {
    return new ConfigLoader(Map.of()).load(configFile(hosts, replicas));
  }

  /** One replica's entry; {@code primaryHost} null for this machine. */
  static String replica(
      String name,
      String primaryHost,
      Path primary,
      String secondaryHost,
      Path secondary,
      String more) {
    return "  %s:\n    primary: { %spath: %s }\n    secondary: { host: %s, path: %s }\n    maxLag: 15m\n%s"
        .formatted(
            name,
            primaryHost == null ? "" : "host: " + primaryHost + ", ",
            primary,
            secondaryHost,
            secondary,
            more.isEmpty() ? "" : more.indent(4));
  }

  static List<String> lines(List<Difference> ds) {
    return ds.stream().map(d -> d.kind() + " " + d.path() + ": " + d.detail()).toList();
  }
}
