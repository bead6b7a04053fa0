package it.continuo.replica;

import static it.continuo.replica.ReplicaFixture.lines;
import static it.continuo.replica.ReplicaFixture.replica;
import static it.continuo.replica.ReplicaFixture.write;
import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.cli.Main;
import it.continuo.config.Config;
import it.continuo.config.ReplicaConfig;
import it.continuo.testing.TestServers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("continuo replica check against two real sshd hosts")
class ReplicaCheckIT {
  static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
  static TestServers servers;

  @TempDir Path dir;
  ReplicaFixture fx;
  Path primary;
  Path secondary;

  @BeforeAll
  static void servers() {
    servers = TestServers.require();
  }

  @BeforeEach
  void fixture() {
    fx = new ReplicaFixture(servers, dir);
    primary = dir.resolve("primary");
    secondary = dir.resolve("secondary");
  }

  ReplicaChecker checker() {
    return new ReplicaChecker(Clock.systemUTC(), Duration.ofMinutes(2), dir);
  }

  ReplicaConfig replicaConfig(String primaryHost, String more) throws Exception {
    Config c =
        fx.config(fx.hosts(), replica("uno", primaryHost, primary, "secondario", secondary, more));
    return c.replicas().get("uno");
  }

  int cli(Path config, String... args) {
    StringWriter out = new StringWriter();
    String[] all = new String[args.length + 2];
    all[0] = "-c";
    all[1] = config.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    int code = Main.run(all, new PrintWriter(out, true), new PrintWriter(out, true));
    System.out.println(out);
    return code;
  }

  /** A tree of a few files, all dated T0, and its exact copy (cp -a). */
  void identicalTrees() throws Exception {
    write(primary.resolve("same.txt"), "hello", T0);
    write(primary.resolve("d/inner.txt"), "inner", T0);
    write(primary.resolve("corrupt.bin"), "AAAA", T0);
    write(primary.resolve("mode.txt"), "mode", T0);
    write(primary.resolve("missing.txt"), "gone!", T0);
    write(primary.resolve("extra.txt"), "extra", T0);
    write(primary.resolve("odd name\nwith\ttab\\"), "odd", T0);
    Files.createDirectories(primary.resolve("typechange"));
    Files.createSymbolicLink(primary.resolve("link"), Path.of("same.txt"));
    fx.sh("cp -a \"$1/primary\" \"$1/secondary\"");
  }

  /** The copy made to diverge in every way the check must report, and nothing else. */
  void divergentTrees() throws Exception {
    identicalTrees();
    Files.delete(secondary.resolve("missing.txt"));
    Files.delete(secondary.resolve("odd name\nwith\ttab\\"));
    Files.delete(primary.resolve("extra.txt")); // a deletion not yet copied
    write(secondary.resolve("corrupt.bin"), "BBBB", T0); // same size, same mtime
    Files.setPosixFilePermissions(
        secondary.resolve("mode.txt"), PosixFilePermissions.fromString("rw-------"));
    Files.delete(secondary.resolve("link"));
    Files.createSymbolicLink(secondary.resolve("link"), Path.of("mode.txt"));
    Files.delete(secondary.resolve("typechange"));
    write(secondary.resolve("typechange"), "now a file", T0);
    fx.sh(
        "printf x > \"$1/primary/$(printf 'bad\\377')\"; touch -d @1763625600 \"$1/primary/$(printf 'bad\\377')\"");
  }

  static final List<String> EXPECTED =
      List.of(
          "MISSING bad\uFFFD: file of 1 B on the primary only",
          "CHANGED corrupt.bin: content differs (SHA-256), same size and mtime",
          "EXTRA extra.txt: file of 5 B on the secondary only",
          "CHANGED link: symlink to same.txt on the primary, to mode.txt on the secondary",
          "MISSING missing.txt: file of 5 B on the primary only",
          "CHANGED mode.txt: mode 644 on the primary, 600 on the secondary",
          "MISSING odd name\nwith\ttab\\: file of 3 B on the primary only",
          "CHANGED typechange: a directory on the primary, a file on the secondary");

  @Nested
  @DisplayName("reports each difference exactly, and nothing else")
  class Differences {
    @ParameterizedTest(name = "primary {0}")
    @ValueSource(strings = {"local", "primario"})
    @DisplayName("missing, extra, same-size-same-mtime content, mode, symlink, type, odd names")
    void everyKind(String where) throws Exception {
      divergentTrees();
      ReplicaResult r =
          checker()
              .check(replicaConfig(where.equals("local") ? null : "primario", ""), false, null);
      System.out.println(r.summary());
      assertThat(lines(r.differences())).containsExactlyElementsOf(EXPECTED);
      assertThat(r.state()).isEqualTo(ReplicaState.DIFFERENT);
      assertThat(r.reason()).contains("corrupt.bin: content differs");
      assertThat(r.missing()).isEqualTo(3);
      assertThat(r.extra()).isEqualTo(1);
      assertThat(r.changed()).isEqualTo(4);
      assertThat(r.primaryEntries()).isEqualTo(10);
      assertThat(r.hashedFiles()).isEqualTo(3); // same.txt, d/inner.txt, corrupt.bin
    }

    @Test
    @DisplayName("quick mode does not see a same-size-same-mtime change and hashes nothing")
    void quick() throws Exception {
      divergentTrees();
      ReplicaResult r = checker().check(replicaConfig("primario", ""), true, null);
      assertThat(lines(r.differences()))
          .containsExactlyElementsOf(
              EXPECTED.stream().filter(l -> !l.contains("corrupt.bin")).toList());
      assertThat(r.hashedFiles()).isZero();
      assertThat(r.hashedBytes()).isZero();
      assertThat(r.quick()).isTrue();
    }

    @Test
    @DisplayName("over SFTP (as where no command may run) gives the same differences")
    void sftp() throws Exception {
      divergentTrees();
      ReplicaResult r =
          new ReplicaChecker(Clock.systemUTC(), Duration.ofMinutes(2), dir, true)
              .check(replicaConfig("primario", ""), false, null);
      assertThat(lines(r.differences())).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    @DisplayName("with a key the server allows SFTP only, falls back to SFTP by itself")
    void sftpOnlyKey() throws Exception {
      Path key = servers.sftpOnlyKey().orElse(null);
      Assumptions.assumeTrue(
          key != null, "no sftp-only key: restart the servers with this scripts/test-env");
      divergentTrees();
      String hosts =
          fx.host(
                  "primario",
                  servers.primary().host(),
                  servers.primary().port(),
                  key,
                  servers.knownHosts())
              + fx.host(
                  "secondario",
                  servers.secondary().host(),
                  servers.secondary().port(),
                  key,
                  servers.knownHosts());
      ReplicaConfig c =
          fx.config(hosts, replica("uno", "primario", primary, "secondario", secondary, ""))
              .replicas()
              .get("uno");
      ReplicaResult r = checker().check(c, false, null);
      assertThat(lines(r.differences())).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    @DisplayName("excluded paths are left out on both sides")
    void excludes() throws Exception {
      divergentTrees();
      ReplicaResult r =
          checker()
              .check(
                  replicaConfig(
                      "primario",
                      "exclude: [\"*.txt\", \"corrupt.bin\", link, typechange, \"bad*\", \"odd*\"]"),
                  false,
                  null);
      assertThat(r.differences()).isEmpty();
      assertThat(r.state()).isEqualTo(ReplicaState.IN_SYNC);
    }
  }

  @Nested
  @DisplayName("lag and state")
  class Lag {
    @Test
    @DisplayName("in sync: exit 0 from the CLI")
    void inSync() throws Exception {
      identicalTrees();
      ReplicaResult r = checker().check(replicaConfig("primario", ""), false, null);
      assertThat(r.state()).isEqualTo(ReplicaState.IN_SYNC);
      assertThat(r.lag()).isZero();
      assertThat(r.hashedFiles()).isEqualTo(7); // every file, the odd name's too
      Path config =
          fx.configFile(
              fx.hosts(), replica("uno", "primario", primary, "secondario", secondary, ""));
      assertThat(cli(config, "replica", "check", "uno")).isZero();
      assertThat(cli(config, "replica", "check", "--json")).isZero();
    }

    @Test
    @DisplayName(
        "a change made at a known time gives the lag to the nanosecond; older than maxLag: behind, exit 1")
    void behind() throws Exception {
      identicalTrees();
      Instant changed =
          Instant.ofEpochSecond(
              Instant.now().minus(Duration.ofMinutes(20)).getEpochSecond(), 123_456_789);
      write(primary.resolve("same.txt"), "hello, changed", changed);
      Instant older = changed.plusSeconds(60);
      write(primary.resolve("new.txt"), "new", older);
      ReplicaResult r = checker().check(replicaConfig("primario", ""), false, null);
      assertThat(r.lag()).isEqualTo(Duration.between(changed, r.checkedAt()));
      assertThat(r.state()).isEqualTo(ReplicaState.BEHIND);
      assertThat(lines(r.differences()))
          .hasSize(2)
          .anyMatch(l -> l.startsWith("CHANGED same.txt: size 14 B vs 5 B, modified "));
      Path config =
          fx.configFile(
              fx.hosts(), replica("uno", "primario", primary, "secondario", secondary, ""));
      assertThat(cli(config, "replica", "check", "uno", "--details")).isEqualTo(1);
      try (it.continuo.history.History history =
          it.continuo.history.History.open(fx.dir.resolve("data"))) {
        assertThat(history.lastReplicaChecks())
            .as("the CLI's check is recorded, as evidence for the report and /metrics")
            .singleElement()
            .satisfies(k -> assertThat(k.state()).isEqualTo("BEHIND"))
            .satisfies(k -> assertThat(k.missing() + k.changed()).isEqualTo(2));
      }
    }

    @Test
    @DisplayName(
        "a deletion's lag is the age of the primary directory's mtime; within maxLag: lagging, exit 0")
    void lagging() throws Exception {
      identicalTrees();
      Files.delete(primary.resolve("d/inner.txt"));
      Instant deleted = Instant.ofEpochSecond(Instant.now().minusSeconds(300).getEpochSecond());
      Files.setLastModifiedTime(primary.resolve("d"), FileTime.from(deleted));
      ReplicaResult r = checker().check(replicaConfig(null, ""), true, null);
      assertThat(lines(r.differences()))
          .containsExactly("EXTRA d/inner.txt: file of 5 B on the secondary only");
      assertThat(r.lag()).isEqualTo(Duration.between(deleted, r.checkedAt()));
      assertThat(r.state()).isEqualTo(ReplicaState.LAGGING);
    }

    @Test
    @DisplayName("a probe printing 42 makes the lag at least 42 s; garbage makes the check unknown")
    void probes() throws Exception {
      identicalTrees();
      ReplicaResult r =
          checker()
              .check(
                  replicaConfig(
                      "primario",
                      "probes:\n  - { name: db, command: \"echo 42\", timeout: 5s }\n"
                          + "  - { name: remote, host: secondario, command: \"echo 1.5\", timeout: 5s }"),
                  false,
                  null);
      assertThat(r.lag()).isGreaterThanOrEqualTo(Duration.ofSeconds(42));
      assertThat(r.probes())
          .containsExactly(
              new ProbeResult("db", Duration.ofSeconds(42), null),
              new ProbeResult("remote", Duration.ofMillis(1500), null));
      assertThat(r.state()).isEqualTo(ReplicaState.LAGGING);
      ReplicaResult bad =
          checker()
              .check(
                  replicaConfig(
                      "primario", "probes:\n  - { name: db, command: \"echo soon\", timeout: 5s }"),
                  false,
                  null);
      assertThat(bad.state()).isEqualTo(ReplicaState.UNKNOWN);
      assertThat(bad.reason()).contains("soon").contains("not a number of seconds");
      assertThat(bad.lag()).isNull();
    }
  }

  @Nested
  @DisplayName("unknown, never in sync, with the reason")
  class Unknown {
    void assertUnknown(String hosts, String reason) throws Exception {
      identicalTrees();
      String replicas = replica("uno", "primario", primary, "secondario", secondary, "");
      ReplicaResult r =
          checker().check(fx.config(hosts, replicas).replicas().get("uno"), false, null);
      assertThat(r.state()).isEqualTo(ReplicaState.UNKNOWN);
      assertThat(r.reason()).contains(reason);
      assertThat(r.lag()).isNull();
      assertThat(cli(fx.configFile(hosts, replicas), "replica", "check", "uno")).isEqualTo(1);
    }

    String primario() {
      return fx.host(
          "primario",
          servers.primary().host(),
          servers.primary().port(),
          servers.sshKey(),
          servers.knownHosts());
    }

    @Test
    @DisplayName("an unreachable secondary")
    void unreachable() throws Exception {
      assertUnknown(
          primario()
              + fx.host(
                  "secondario",
                  servers.secondary().host(),
                  2299,
                  servers.sshKey(),
                  servers.knownHosts()),
          "secondario (root@127.0.0.3:2299) unreachable: ");
    }

    @Test
    @DisplayName("a host key that does not match known_hosts")
    void wrongHostKey() throws Exception {
      Path wrong = dir.resolve("known_hosts_wrong");
      String primaryKey =
          Files.readAllLines(servers.knownHosts()).stream()
              .filter(
                  l -> l.startsWith("[" + servers.primary().host() + "]") && l.contains("ed25519"))
              .findFirst()
              .orElseThrow();
      Files.writeString(
          wrong,
          primaryKey.replace(
                  "[" + servers.primary().host() + "]", "[" + servers.secondary().host() + "]")
              + "\n");
      assertUnknown(
          primario()
              + fx.host(
                  "secondario",
                  servers.secondary().host(),
                  servers.secondary().port(),
                  servers.sshKey(),
                  wrong),
          "host key");
    }

    @Test
    @DisplayName("a path that does not exist")
    void noPath() throws Exception {
      identicalTrees();
      secondary = dir.resolve("nowhere");
      ReplicaResult r = checker().check(replicaConfig("primario", ""), false, null);
      assertThat(r.state()).isEqualTo(ReplicaState.UNKNOWN);
      assertThat(r.reason())
          .isEqualTo(secondary + " does not exist on secondario (root@127.0.0.3:2222)");
      Path config =
          fx.configFile(
              fx.hosts(), replica("uno", "primario", primary, "secondario", secondary, ""));
      assertThat(cli(config, "replica", "check")).isEqualTo(1);
    }

    @Test
    @DisplayName("an unknown replica name is a usage error naming the replicas")
    void unknownName() throws Exception {
      Path config =
          fx.configFile(
              fx.hosts(), replica("uno", "primario", primary, "secondario", secondary, ""));
      StringWriter out = new StringWriter();
      int code =
          Main.run(
              new String[] {"-c", config.toString(), "replica", "check", "due"},
              new PrintWriter(out, true),
              new PrintWriter(out, true));
      assertThat(code).isEqualTo(2);
      assertThat(out.toString()).contains("no replica \"due\"").contains("replicas: uno");
    }
  }
}
