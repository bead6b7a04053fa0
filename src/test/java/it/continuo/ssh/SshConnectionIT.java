package it.continuo.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.continuo.testing.TestServers;
import it.continuo.testing.TestServers.SshHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("An SSH connection")
class SshConnectionIT {
  static TestServers servers;
  static SshHost primary;

  @TempDir Path dir;

  @BeforeAll
  static void servers() {
    servers = TestServers.require();
    primary = servers.primary();
  }

  static SshEndpoint endpoint(Path key, Path knownHosts) {
    return Endpoints.of(servers, primary.host(), primary.port(), key, knownHosts);
  }

  static ExecResult whoami(SshConnection c) throws Exception {
    return c.exec("id -un", Duration.ofSeconds(10));
  }

  @Nested
  @DisplayName("logs in with a key")
  class Login {
    @Test
    @DisplayName("ed25519")
    void ed25519() throws Exception {
      try (SshConnection c = SshConnection.open(endpoint(servers.sshKey(), servers.knownHosts()))) {
        assertThat(c.isOpen()).isTrue();
        assertThat(whoami(c).stdout().strip()).isEqualTo(servers.sshUser());
      }
    }

    @Test
    @DisplayName("RSA, signing with SHA-2")
    void rsa() throws Exception {
      try (SshConnection c =
          SshConnection.open(endpoint(servers.sshRsaKey(), servers.knownHosts()))) {
        assertThat(whoami(c).stdout().strip()).isEqualTo(servers.sshUser());
      }
    }

    @Test
    @DisplayName("a key the server does not know is refused, permanently")
    void unknownKey() throws Exception {
      Path key = dir.resolve("stranger");
      Process p =
          new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
              .redirectErrorStream(true)
              .start();
      assertThat(p.waitFor()).isZero();

      assertThatThrownBy(() -> SshConnection.open(endpoint(key, servers.knownHosts())))
          .isInstanceOfSatisfying(
              SshException.class,
              e -> {
                assertThat(e.isTransient()).isFalse();
                assertThat(e.getMessage())
                    .contains("authentication refused", primary.host() + ":" + primary.port())
                    .contains(key.toString());
              });
    }

    @Test
    @DisplayName("a missing key file is a permanent error naming it")
    void missingKey() {
      Path key = dir.resolve("nothing-here");
      assertThatThrownBy(() -> SshConnection.open(endpoint(key, servers.knownHosts())))
          .isInstanceOfSatisfying(
              SshException.class,
              e -> {
                assertThat(e.isTransient()).isFalse();
                assertThat(e.getMessage()).contains(key.toString());
              });
    }
  }

  @Nested
  @DisplayName("verifies the host key")
  class HostKeys {
    @Test
    @DisplayName("against hashed known_hosts entries")
    void hashed() throws Exception {
      assertThat(Files.readString(servers.knownHostsHashed())).startsWith("|1|");
      try (SshConnection c =
          SshConnection.open(endpoint(servers.sshKey(), servers.knownHostsHashed()))) {
        assertThat(whoami(c).exitCode()).isZero();
      }
    }

    @Test
    @DisplayName("against a host known by its RSA key only")
    void rsaHostKey() throws Exception {
      String prefix = "[" + primary.host() + "]:" + primary.port() + " ssh-rsa ";
      Path knownHosts =
          Files.write(
              dir.resolve("known_hosts"),
              Files.readAllLines(servers.knownHosts()).stream()
                  .filter(l -> l.startsWith(prefix))
                  .toList());
      assertThat(Files.readAllLines(knownHosts)).hasSize(1);
      try (SshConnection c = SshConnection.open(endpoint(servers.sshKey(), knownHosts))) {
        assertThat(whoami(c).exitCode()).isZero();
      }
    }

    @Test
    @DisplayName("refuses a changed key, naming the address, the offered fingerprint and the file")
    void changed() throws Exception {
      String address = "[" + primary.host() + "]:" + primary.port();
      Path knownHosts = Endpoints.knownHostsWith(servers, dir, servers.secondary(), address);

      assertThatThrownBy(() -> SshConnection.open(endpoint(servers.sshKey(), knownHosts)))
          .isInstanceOfSatisfying(
              SshException.class,
              e -> {
                assertThat(e.isTransient()).isFalse();
                assertThat(e.getMessage())
                    .contains(primary.host() + ":" + primary.port())
                    .contains("ssh-ed25519")
                    .contains(primary.fingerprint())
                    .contains("CHANGED", "man-in-the-middle")
                    .contains(knownHosts.toString())
                    .doesNotContain("ssh-keyscan");
              });
    }

    @Test
    @DisplayName("refuses an unknown host, with the fingerprint and how to add it")
    void unknown() throws Exception {
      Path knownHosts =
          Endpoints.knownHostsWith(servers, dir, servers.secondary(), "[192.0.2.1]:2222");

      assertThatThrownBy(() -> SshConnection.open(endpoint(servers.sshKey(), knownHosts)))
          .isInstanceOfSatisfying(
              SshException.class,
              e -> {
                assertThat(e.isTransient()).isFalse();
                assertThat(e.getMessage())
                    .contains(primary.host() + ":" + primary.port() + " is unknown")
                    .contains(primary.fingerprint())
                    .contains("ssh-keyscan -p " + primary.port() + " " + primary.host())
                    .contains(knownHosts.toString())
                    .doesNotContain("CHANGED");
              });
    }

    @Test
    @DisplayName("an empty known_hosts file accepts nothing")
    void empty() throws Exception {
      Path knownHosts = Files.createFile(dir.resolve("known_hosts"));
      assertThatThrownBy(() -> SshConnection.open(endpoint(servers.sshKey(), knownHosts)))
          .isInstanceOfSatisfying(
              SshException.class, e -> assertThat(e.getMessage()).contains("is unknown"));
    }
  }

  @Nested
  @DisplayName("runs commands")
  class Exec {
    @Test
    @DisplayName("returning the exit code, standard output and standard error")
    void output() throws Exception {
      try (SshConnection c = SshConnection.open(Endpoints.of(servers, primary))) {
        ExecResult r = c.exec("echo out; echo err >&2; exit 3", Duration.ofSeconds(10));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.succeeded()).isFalse();
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
        assertThat(c.exec("true", Duration.ofSeconds(10)).succeeded()).isTrue();
      }
    }

    @Test
    @DisplayName("giving up, as transient, on a command that outlives its timeout")
    void timeout() throws Exception {
      try (SshConnection c = SshConnection.open(Endpoints.of(servers, primary))) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> c.exec("sleep 20", Duration.ofMillis(500)))
            .isInstanceOfSatisfying(SshException.class, e -> assertThat(e.isTransient()).isTrue());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(c.exec("echo still here", Duration.ofSeconds(10)).stdout())
            .isEqualTo("still here\n");
      }
    }
  }

  @Nested
  @DisplayName("when the connection dies")
  class Dead {
    @Test
    @DisplayName("notices, fails the next command as transient, and a new connection works")
    void killed() throws Exception {
      Set<Long> before = Endpoints.sshdProcesses(servers, primary);
      SshConnection c = SshConnection.open(Endpoints.of(servers, primary));
      assertThat(Endpoints.killSince(servers, primary, before)).isPositive();

      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (c.isOpen() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(c.isOpen()).isFalse();
      assertThatThrownBy(() -> c.exec("true", Duration.ofSeconds(5)))
          .isInstanceOfSatisfying(SshException.class, e -> assertThat(e.isTransient()).isTrue());
      c.close();

      try (SshConnection again = SshConnection.open(Endpoints.of(servers, primary))) {
        assertThat(whoami(again).exitCode()).isZero();
      }
    }

    @Test
    @DisplayName("a server that does not listen is a transient error")
    void refused() {
      SshEndpoint closed =
          Endpoints.of(servers, primary.host(), 1, servers.sshKey(), servers.knownHosts());
      assertThatThrownBy(() -> SshConnection.open(closed))
          .isInstanceOfSatisfying(
              SshException.class,
              e -> {
                assertThat(e.isTransient()).isTrue();
                assertThat(e.getMessage()).contains(primary.host() + ":1");
              });
    }
  }
}
