package it.continuo.backup;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.testing.CliResult;
import it.continuo.testing.DroppingProxy;
import it.continuo.testing.RemoteTargets;
import it.continuo.testing.TestServers;
import it.continuo.testing.TreeSnapshot;
import it.continuo.testing.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection to a remote target cut in the middle of a backup, by the real means: the sshd
 * process serving it killed, S3Proxy stopped and restarted, a proxy that drops the TCP stream. The
 * run either retries to a complete, verified run or fails and is never listed; what a failed or
 * killed run left is removed by the next one.
 */
@DisplayName("A connection cut in the middle of a backup")
class ConnectionFaultsIT {
  @TempDir Path tmp;
  TestServers servers;
  Workspace ws;

  @BeforeEach
  void setUp() throws Exception {
    servers = TestServers.require();
    ws = new Workspace(tmp);
    Files.writeString(ws.source.resolve("small.txt"), "piccolo");
    byte[] big = new byte[12 << 20];
    new Random(7).nextBytes(big);
    Files.write(ws.source.resolve("incompressible.bin"), big);
  }

  Path restored(Path to) {
    return to.resolve(ws.source.toString().substring(1));
  }

  void assertRestoresAndVerifies(String target) throws Exception {
    TreeSnapshot source = TreeSnapshot.of(ws.source, true);
    Path to = tmp.resolve("restore-" + target);
    CliResult restore = ws.cli("restore", Workspace.JOB, "--target", target, "--to", to.toString());
    assertThat(restore.exitCode()).as(restore.toString()).isZero();
    assertThat(TreeSnapshot.of(restored(to), true)).isEqualTo(source);
    CliResult verify = ws.cli("verify", Workspace.JOB, "--target", target);
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
  }

  static List<Path> partials(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".partial")).toList();
    }
  }

  /** Runs {@code action} after {@code millis} on another thread. */
  static Thread after(long millis, ThrowingRunnable action) {
    Thread t =
        new Thread(
            () -> {
              try {
                Thread.sleep(millis);
                action.run();
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    t.start();
    return t;
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Nested
  @DisplayName("over SFTP")
  class Sftp {
    @Test
    @DisplayName("a stream dropped after 4 MB is resumed: the run completes and verifies")
    void dropped() throws Exception {
      TestServers.SshHost host = servers.secondary();
      try (DroppingProxy proxy = new DroppingProxy(host.host(), host.port())) {
        String entry =
            RemoteTargets.sftpVia(servers, "secondario", proxy.port(), tmp, ", retryDelay: 200ms");
        ws.useTargets(entry, "secondario");
        proxy.dropAfter(4 << 20);

        CliResult backup = ws.cli("backup", Workspace.JOB);

        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        assertThat(proxy.connections()).as("reconnected after the drop").isGreaterThan(1);
        assertThat(partials(RemoteTargets.sftpDir(entry))).isEmpty();
        assertRestoresAndVerifies("secondario");
      }
    }

    @Test
    @DisplayName("the sshd serving the upload killed: the run reconnects, resumes and verifies")
    void sshdKilled() throws Exception {
      String entry =
          RemoteTargets.sftp(servers, "secondario", ", bandwidth: 24Mbit, retryDelay: 200ms");
      ws.useTargets(entry, "secondario");
      List<Long> before = servers.sshdChildren(servers.secondary());
      java.util.concurrent.atomic.AtomicInteger killed =
          new java.util.concurrent.atomic.AtomicInteger();
      Thread killer =
          after(
              1500,
              () -> {
                for (long pid : servers.sshdChildren(servers.secondary())) {
                  if (!before.contains(pid)) {
                    new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
                    killed.incrementAndGet();
                  }
                }
              });

      CliResult backup = ws.cli("backup", Workspace.JOB);
      killer.join();

      assertThat(killed.get()).as("sshd processes killed mid-upload").isPositive();
      assertThat(backup.exitCode()).as(backup.toString()).isZero();
      assertRestoresAndVerifies("secondario");
    }

    @Test
    @DisplayName("without retries the run fails, is never listed, and the next run cleans up")
    void failedThenCleaned() throws Exception {
      TestServers.SshHost host = servers.secondary();
      try (DroppingProxy proxy = new DroppingProxy(host.host(), host.port())) {
        String entry =
            RemoteTargets.sftpVia(servers, "secondario", proxy.port(), tmp, ", retries: 0");
        ws.useTargets(entry, "secondario");
        proxy.dropAfter(4 << 20);

        CliResult failed = ws.cli("backup", Workspace.JOB);
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(ws.cli("list", Workspace.JOB).out()).contains("no restore points yet");

        CliResult next = ws.cli("backup", Workspace.JOB);
        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(partials(RemoteTargets.sftpDir(entry))).isEmpty();
        assertRestoresAndVerifies("secondario");
      }
    }

    @Test
    @DisplayName(
        "a backup process killed mid-upload leaves a partial file that the next run removes")
    void killedProcess() throws Exception {
      String entry = RemoteTargets.sftp(servers, "secondario", ", bandwidth: 16Mbit");
      ws.useTargets(entry, "secondario");
      Path dir = RemoteTargets.sftpDir(entry);
      Process p =
          ws.process("backup", Workspace.JOB)
              .redirectErrorStream(true)
              .redirectOutput(tmp.resolve("killed.log").toFile())
              .start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (partials(dir).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      Thread.sleep(1000);
      p.destroyForcibly().waitFor();
      assertThat(partials(dir)).as("the killed run left its temporary file").isNotEmpty();
      assertThat(ws.cli("list", Workspace.JOB).out()).contains("no restore points yet");

      CliResult next = ws.cli("backup", Workspace.JOB);

      assertThat(next.exitCode()).as(next.toString()).isZero();
      assertThat(next.err()).contains("was interrupted");
      assertThat(partials(dir)).isEmpty();
      assertRestoresAndVerifies("secondario");
    }

    @Test
    @DisplayName("a wrong host key is refused, naming the host and the key it offered")
    void wrongHostKey() throws Exception {
      String entry = RemoteTargets.sftp(servers, "secondario", "");
      Path impostor = tmp.resolve("impostor_known_hosts");
      String primary = "[" + servers.primary().host() + "]:" + servers.primary().port() + " ";
      String secondary = "[" + servers.secondary().host() + "]:" + servers.secondary().port() + " ";
      StringBuilder lines = new StringBuilder();
      for (String line : Files.readAllLines(servers.knownHosts())) {
        if (line.startsWith(primary)) {
          lines.append(secondary).append(line.substring(primary.length())).append('\n');
        }
      }
      Files.writeString(impostor, lines);
      ws.useTargets(
          entry.replace(servers.knownHostsHashed().toString(), impostor.toString()), "secondario");

      CliResult backup = ws.cli("backup", Workspace.JOB);

      assertThat(backup.exitCode()).isEqualTo(1);
      assertThat(backup.err())
          .contains(servers.secondary().host() + ":" + servers.secondary().port())
          .contains(servers.secondary().fingerprint())
          .containsIgnoringCase("changed");
      assertThat(partials(RemoteTargets.sftpDir(entry))).isEmpty();
    }
  }

  @Nested
  @DisplayName("over S3")
  class S3 {
    @Test
    @DisplayName("S3Proxy stopped and restarted mid-upload: the run resumes its parts and verifies")
    void restarted() throws Exception {
      String entry =
          RemoteTargets.s3(
              servers, "cloud", tmp, ", bandwidth: 24Mbit, retryDelay: 1s, retries: 6");
      ws.useTargets(entry, "cloud");
      Thread restarter = after(1500, servers::restartS3);

      CliResult backup = ws.cli("backup", Workspace.JOB);
      restarter.join();

      assertThat(backup.exitCode()).as(backup.toString()).isZero();
      assertThat(RemoteTargets.incompleteS3Uploads(servers, RemoteTargets.s3Prefix(entry)))
          .isEmpty();
      assertRestoresAndVerifies("cloud");
    }

    @Test
    @DisplayName("a stream dropped after 4 MB is retried: the run completes and verifies")
    void dropped() throws Exception {
      java.net.URI endpoint = servers.s3().endpoint();
      try (DroppingProxy proxy = new DroppingProxy(endpoint.getHost(), endpoint.getPort())) {
        String entry =
            RemoteTargets.s3(servers, "cloud", tmp, ", retryDelay: 200ms")
                .replace(endpoint.toString(), "http://127.0.0.1:" + proxy.port());
        ws.useTargets(entry, "cloud");
        proxy.dropAfter(4 << 20);

        CliResult backup = ws.cli("backup", Workspace.JOB);

        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        assertThat(proxy.connections()).isGreaterThan(1);
        assertRestoresAndVerifies("cloud");
      }
    }

    @Test
    @DisplayName("a backup killed mid-upload leaves a multipart upload that the next run aborts")
    void killedProcess() throws Exception {
      String entry = RemoteTargets.s3(servers, "cloud", tmp, ", bandwidth: 16Mbit");
      ws.useTargets(entry, "cloud");
      String prefix = RemoteTargets.s3Prefix(entry);
      Process p =
          ws.process("backup", Workspace.JOB)
              .redirectErrorStream(true)
              .redirectOutput(tmp.resolve("killed.log").toFile())
              .start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (RemoteTargets.incompleteS3Uploads(servers, prefix).isEmpty()
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      Thread.sleep(500);
      p.destroyForcibly().waitFor();
      assertThat(RemoteTargets.incompleteS3Uploads(servers, prefix))
          .as("the killed run left its multipart upload")
          .isNotEmpty();
      assertThat(ws.cli("list", Workspace.JOB).out()).contains("no restore points yet");

      CliResult next = ws.cli("backup", Workspace.JOB);

      assertThat(next.exitCode()).as(next.toString()).isZero();
      assertThat(RemoteTargets.incompleteS3Uploads(servers, prefix)).isEmpty();
      assertRestoresAndVerifies("cloud");
    }

    @Test
    @DisplayName("a wrong secret is refused with a clear message that does not hold the secret")
    void wrongSecret() throws Exception {
      String entry = RemoteTargets.s3(servers, "cloud", tmp, "");
      Files.writeString(tmp.resolve("cloud.secret"), "not-the-secret-at-all\n");
      ws.useTargets(entry, "cloud");

      CliResult backup = ws.cli("backup", Workspace.JOB);

      assertThat(backup.exitCode()).isEqualTo(1);
      assertThat(backup.err())
          .contains("cloud")
          .contains(servers.s3().bucket())
          .containsIgnoringCase("secret")
          .doesNotContain("not-the-secret-at-all")
          .doesNotContain(servers.s3().secretKey());
    }
  }
}
