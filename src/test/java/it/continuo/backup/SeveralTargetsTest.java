package it.continuo.backup;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.testing.CliResult;
import it.continuo.testing.MixedTree;
import it.continuo.testing.Tmpfs;
import it.continuo.testing.TreeSnapshot;
import it.continuo.testing.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A job with several targets")
class SeveralTargetsTest {
  @TempDir Path tmp;
  Workspace ws;
  Path second;

  @BeforeEach
  void setUp() throws Exception {
    ws = new Workspace(tmp);
    MixedTree.populate(ws.source, 1, 2, 200_000, 300);
    second = Files.createDirectories(tmp.resolve("second"));
    ws.useTargets("second: { type: local, path: \"" + second + "\" }", "nas", "second");
  }

  Path restored(Path to) {
    return to.resolve(ws.source.toString().substring(1));
  }

  static String runOf(CliResult backup) {
    return backup.out().split(" ")[2];
  }

  static long runsIn(Path jobDir) throws Exception {
    if (!Files.isDirectory(jobDir)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(jobDir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".manifest.jsonl.zst")).count();
    }
  }

  @Test
  @DisplayName("stores the same run on each, and each restores the tree")
  void sameRunOnEach() throws Exception {
    CliResult full = ws.cli("backup", Workspace.JOB);
    assertThat(full.exitCode()).as(full.toString()).isZero();
    Files.writeString(ws.source.resolve("added.txt"), "after the full");
    TreeSnapshot before = TreeSnapshot.of(ws.source, true);
    CliResult incremental = ws.cli("backup", Workspace.JOB);
    assertThat(incremental.exitCode()).as(incremental.toString()).isZero();
    assertThat(incremental.out())
        .contains("incremental")
        .contains("nas: stored")
        .contains("second: stored");

    for (String target : new String[] {"nas", "second"}) {
      CliResult list = ws.cli("list", Workspace.JOB, "--target", target);
      assertThat(list.out()).contains(runOf(full)).contains(runOf(incremental));
      Path to = tmp.resolve("restore-" + target);
      CliResult restore =
          ws.cli("restore", Workspace.JOB, "--target", target, "--to", to.toString());
      assertThat(restore.exitCode()).as(restore.toString()).isZero();
      assertThat(TreeSnapshot.of(restored(to), true)).isEqualTo(before);
      CliResult verify = ws.cli("verify", Workspace.JOB, "--target", target);
      assertThat(verify.exitCode()).as(verify.toString()).isZero();
    }
  }

  @Test
  @DisplayName("a target that cannot be reached does not stop the others; it gets a full later")
  void unreachableTarget() throws Exception {
    Path away = tmp.resolve("second-away");
    Files.move(second, away);
    CliResult first = ws.cli("backup", Workspace.JOB);
    assertThat(first.exitCode()).as(first.toString()).isEqualTo(1);
    assertThat(first.out()).contains("nas: stored").contains("second: NOT STORED");
    assertThat(first.err()).contains("not stored on second").contains("does not exist");
    assertThat(runsIn(ws.jobDir())).isEqualTo(1);

    Files.move(away, second);
    Files.writeString(ws.source.resolve("added.txt"), "while second was away");
    CliResult next = ws.cli("backup", Workspace.JOB);
    assertThat(next.exitCode()).as(next.toString()).isZero();
    assertThat(next.out())
        .as("second lacks the first run, so both get a new full")
        .contains(" full ");
    assertThat(runsIn(second.resolve(Workspace.AGENT).resolve(Workspace.JOB))).isEqualTo(1);

    Files.writeString(ws.source.resolve("added-2.txt"), "both in step again");
    CliResult third = ws.cli("backup", Workspace.JOB);
    assertThat(third.out()).contains(" incremental ");
  }

  @Test
  @DisplayName("a target that fails in the middle of the run is dropped; the other run is whole")
  void failsMidRun() throws Exception {
    byte[] big = new byte[6 << 20];
    new Random(3).nextBytes(big);
    Files.write(ws.source.resolve("incompressible.bin"), big);
    TreeSnapshot before = TreeSnapshot.of(ws.source, true);
    try (Tmpfs small = Tmpfs.mount(second, "size=2m")) {
      CliResult r = ws.cli("backup", Workspace.JOB);
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
      assertThat(r.out()).contains("nas: stored").contains("second: NOT STORED");
      assertThat(runsIn(second.resolve(Workspace.AGENT).resolve(Workspace.JOB))).isZero();
      CliResult list = ws.cli("list", Workspace.JOB, "--target", "second");
      assertThat(list.out()).doesNotContain("-F");

      Path to = tmp.resolve("restore");
      CliResult restore =
          ws.cli("restore", Workspace.JOB, "--target", "nas", "--to", to.toString());
      assertThat(restore.exitCode()).as(restore.toString()).isZero();
      assertThat(TreeSnapshot.of(restored(to), true)).isEqualTo(before);
    }
  }
}
