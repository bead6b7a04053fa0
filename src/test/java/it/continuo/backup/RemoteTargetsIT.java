package it.continuo.backup;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.testing.CliResult;
import it.continuo.testing.OddTree;
import it.continuo.testing.RemoteTargets;
import it.continuo.testing.TestServers;
import it.continuo.testing.TreeSnapshot;
import it.continuo.testing.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chain of a full and two incrementals stored at once on the secondary server over SFTP (real
 * sshd) and in a bucket (real S3Proxy), then every point restored from each and verified.
 */
@DisplayName("Backups to SFTP and S3, end to end")
class RemoteTargetsIT {
  @TempDir Path tmp;
  TestServers servers;
  Workspace ws;

  @BeforeEach
  void setUp() throws Exception {
    servers = TestServers.require();
    ws = new Workspace(tmp);
    OddTree.populate(ws.source);
    byte[] big = new byte[12 << 20];
    new Random(5).nextBytes(big);
    Files.write(ws.source.resolve("incompressible.bin"), big);
  }

  Path restored(Path to) {
    return to.resolve(ws.source.toString().substring(1));
  }

  static String runOf(CliResult backup) {
    return backup.out().split(" ")[2];
  }

  @Test
  @DisplayName(
      "full and incrementals on both; each point restores identically from each; verify ok")
  void chainOnBoth() throws Exception {
    ws.useTargets(
        RemoteTargets.sftp(servers, "secondario", "")
            + "\n"
            + RemoteTargets.s3(servers, "cloud", tmp, ""),
        "secondario",
        "cloud");
    List<String> runs = new ArrayList<>();
    List<TreeSnapshot> trees = new ArrayList<>();
    for (int step = 0; step < 3; step++) {
      if (step == 1) {
        Files.writeString(ws.source.resolve("new-after-full.txt"), "nuovo");
        Files.write(ws.source.resolve("incompressible.bin"), new byte[] {1, 2, 3});
      } else if (step == 2) {
        Files.delete(ws.source.resolve("new-after-full.txt"));
        Files.createDirectories(ws.source.resolve("protocollo/2026"));
        Files.writeString(ws.source.resolve("protocollo/2026/n-1.txt"), "protocollo 1");
      }
      trees.add(TreeSnapshot.of(ws.source, true));
      CliResult backup = ws.cli("backup", Workspace.JOB);
      assertThat(backup.exitCode()).as(backup.toString()).isZero();
      assertThat(backup.out())
          .contains(step == 0 ? " full " : " incremental ")
          .contains("secondario: stored")
          .contains("cloud: stored");
      runs.add(runOf(backup));
    }

    for (String target : List.of("secondario", "cloud")) {
      CliResult list = ws.cli("list", Workspace.JOB, "--target", target);
      assertThat(list.out()).as(list.toString()).contains(runs);
      for (int i = 0; i < runs.size(); i++) {
        Path to = tmp.resolve("restore-" + target + "-" + i);
        CliResult restore =
            ws.cli(
                "restore",
                Workspace.JOB,
                "--target",
                target,
                "--run",
                runs.get(i),
                "--to",
                to.toString());
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(TreeSnapshot.of(restored(to), true))
            .as(target + " " + runs.get(i))
            .isEqualTo(trees.get(i));
      }
      CliResult verify = ws.cli("verify", Workspace.JOB, "--all", "--target", target);
      assertThat(verify.exitCode()).as(verify.toString()).isZero();
    }
  }
}
