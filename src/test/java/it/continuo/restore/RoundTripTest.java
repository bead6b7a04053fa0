package it.continuo.restore;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.testing.CliResult;
import it.continuo.testing.OddTree;
import it.continuo.testing.TreeSnapshot;
import it.continuo.testing.Workspace;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A full backup restores the tree exactly")
class RoundTripTest {
  @TempDir Path tmp;
  Workspace ws;

  @BeforeEach
  void setUp() throws Exception {
    ws = new Workspace(tmp);
    OddTree.populate(ws.source);
  }

  Path restored(Path to) {
    return to.resolve(ws.source.toString().substring(1));
  }

  @Test
  @DisplayName("long and odd names, links, modes, nanosecond mtimes and owners survive")
  void oddTreeRoundTrip() throws Exception {
    TreeSnapshot before = TreeSnapshot.of(ws.source, true);

    CliResult backup = ws.cli("backup", Workspace.JOB);
    assertThat(backup.exitCode()).as(backup.toString()).isZero();

    Path to = tmp.resolve("restore");
    CliResult restore = ws.cli("restore", Workspace.JOB, "--to", to.toString());
    assertThat(restore.exitCode()).as(restore.toString()).isZero();

    assertThat(TreeSnapshot.of(restored(to), true)).isEqualTo(before);
  }
}
