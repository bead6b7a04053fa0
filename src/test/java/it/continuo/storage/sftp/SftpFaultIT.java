package it.continuo.storage.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import it.continuo.ssh.Endpoints;
import it.continuo.storage.Target;
import it.continuo.storage.TargetException;
import it.continuo.storage.Upload;
import it.continuo.testing.DroppingProxy;
import it.continuo.testing.TestServers;
import it.continuo.testing.TestServers.SshHost;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The SFTP target, when the connection fails")
class SftpFaultIT {
  static final int MIB = 1024 * 1024;
  static final String KEY = "agent/job/20261123T220000Z-F.tar.zst";

  TestServers servers;
  SshHost primary;
  Path root;
  byte[] content = new byte[40 * MIB];
  @TempDir Path dir;

  @BeforeEach
  void setUp() throws Exception {
    servers = TestServers.require();
    primary = servers.primary();
    root = Files.createTempDirectory(servers.sftpRoot(), "faults-");
    new Random(42).nextBytes(content);
  }

  @AfterEach
  void removeRoot() throws Exception {
    if (root == null) {
      return; // the servers were not there: the test was skipped (or failed, in CI)
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  SftpTarget direct() {
    return new SftpTarget("secondario", Endpoints.of(servers, primary), root.toString());
  }

  List<Path> partials() throws Exception {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".partial")).toList();
    }
  }

  /** Writes from {@code from} in 1 MiB pieces, then commits; returns the failure it meets. */
  TargetException writeUntilFailure(Upload up, int from) {
    return catchThrowableOfType(
        TargetException.class,
        () -> {
          for (int off = from; off < content.length; off += MIB) {
            up.write(content, off, Math.min(MIB, content.length - off));
          }
          up.commit();
        });
  }

  /** Resumes an interrupted upload, sends the rest and checks the stored object. */
  void resumeAndCheck(Target target, Upload interrupted) throws Exception {
    long durable = interrupted.durable();
    assertThat(durable).as("durable bytes").isPositive();
    try (Upload resumed = target.resume(interrupted)) {
      resumed.write(content, (int) durable, content.length - (int) durable);
      resumed.commit();
    }
    interrupted.close(); // finished by the resume: must not delete anything
    try (InputStream in = target.open(KEY)) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
    assertThat(partials()).isEmpty();
  }

  @Nested
  @DisplayName("because the server side died")
  class Killed {
    @Test
    @DisplayName("an upload fails as transient and resume completes it with identical bytes")
    void resumeAfterKill() throws Exception {
      Set<Long> before = Endpoints.sshdProcesses(servers, primary);
      try (SftpTarget target = direct()) {
        Upload up = target.create(KEY);
        up.write(content, 0, 20 * MIB);
        assertThat(Endpoints.killSince(servers, primary, before)).isPositive();

        TargetException failure = writeUntilFailure(up, 20 * MIB);

        assertThat(failure).isNotNull();
        assertThat(failure.kind()).isEqualTo(TargetException.Kind.TRANSIENT);
        assertThat(failure.getMessage()).contains(primary.host() + ":" + primary.port());
        resumeAndCheck(target, up);
      }
    }

    @Test
    @DisplayName("the next operation opens a new session")
    void reconnects() throws Exception {
      Set<Long> before = Endpoints.sshdProcesses(servers, primary);
      try (SftpTarget target = direct()) {
        try (Upload up = target.create("agent/job/a")) {
          up.write(content, 0, 1000);
          up.commit();
        }
        assertThat(Endpoints.killSince(servers, primary, before)).isPositive();
        Thread.sleep(300); // the client sees the connection close

        assertThat(target.stat("agent/job/a")).isPresent();
        assertThat(target.list("agent/")).hasSize(1);
      }
    }

    @Test
    @DisplayName("what the dead upload left is removed by cleanupIncomplete")
    void cleanup() throws Exception {
      Set<Long> before = Endpoints.sshdProcesses(servers, primary);
      try (SftpTarget target = direct()) {
        Upload up = target.create(KEY);
        up.write(content, 0, 10 * MIB);
        up.flush();
        assertThat(Endpoints.killSince(servers, primary, before)).isPositive();
        assertThat(partials()).hasSize(1);
        // The process "dies" too: the upload is never closed.

        target.cleanupIncomplete("agent/job/");

        assertThat(partials()).isEmpty();
        assertThat(target.list("agent/")).isEmpty();
      }
    }
  }

  @Nested
  @DisplayName("because the link dropped")
  class Dropped {
    DroppingProxy proxy;
    SftpTarget target;

    @BeforeEach
    void throughProxy() throws Exception {
      proxy = new DroppingProxy(primary.host(), primary.port());
      Path knownHosts =
          Endpoints.knownHostsWith(servers, dir, primary, "[127.0.0.1]:" + proxy.port());
      target =
          new SftpTarget(
              "secondario",
              Endpoints.of(servers, "127.0.0.1", proxy.port(), servers.sshKey(), knownHosts),
              root.toString());
    }

    /**
     * Forwards everything again. DroppingProxy on test-env stays armed at zero when the cut falls
     * inside a read ({@code allowed < n} skips {@code dropNow()}), which then cuts every new
     * connection at its first byte; re-arming with a count never reached undoes that.
     */
    void heal() {
      proxy.dropAfter(Long.MAX_VALUE);
    }

    @AfterEach
    void close() throws Exception {
      if (target != null) {
        target.close();
      }
      if (proxy != null) {
        proxy.close();
      }
    }

    @Test
    @DisplayName("an upload fails as transient and resume completes it on a new connection")
    void resumeAfterDrop() throws Exception {
      Upload up = target.create(KEY);
      proxy.dropAfter(17 * MIB + 12345);

      TargetException failure = writeUntilFailure(up, 0);

      assertThat(failure).isNotNull();
      assertThat(failure.kind()).isEqualTo(TargetException.Kind.TRANSIENT);
      assertThat(up.durable()).isLessThanOrEqualTo(17L * MIB + 12345);
      heal();
      resumeAndCheck(target, up);
      assertThat(proxy.connections()).isEqualTo(2);
    }

    @Test
    @DisplayName("closing the failed upload removes its temporary file over a new connection")
    void abortAfterDrop() throws Exception {
      Upload up = target.create(KEY);
      proxy.dropAfter(5 * MIB);

      assertThat(writeUntilFailure(up, 0)).isNotNull();
      assertThat(partials()).hasSize(1);
      heal();
      up.close();

      assertThat(partials()).isEmpty();
      assertThat(target.stat(KEY)).isEmpty();
    }
  }
}
