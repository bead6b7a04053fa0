package it.continuo.backup;

import static it.continuo.testing.Shell.quote;
import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.testing.CliResult;
import it.continuo.testing.OddTree;
import it.continuo.testing.Shell;
import it.continuo.testing.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A file over 8 GiB")
class LargeFileTest {
  static final long SIZE = 8L * 1024 * 1024 * 1024 + 1;

  @TempDir Path tmp;

  /** OpenSSL's SHA-256 uses the CPU's SHA instructions: several times faster than sha256sum. */
  static String sha256sum(Path file) throws Exception {
    return Shell.bashOk("openssl dgst -sha256 -r " + quote(file), 300).out().split(" ")[0];
  }

  @Test
  @DisplayName("backs up, lists in tar with its size, restores identical and sparse, and verifies")
  void overEightGiB() throws Exception {
    Workspace ws = new Workspace(tmp);
    Path big = OddTree.sparse(ws.source, "disk.img");
    OddTree.write(ws.source.resolve("small.txt"), "beside the big one\n");
    assertThat(Files.size(big)).isEqualTo(SIZE);
    String sha = sha256sum(big);

    CliResult backup = ws.cli("backup", Workspace.JOB);
    assertThat(backup.exitCode()).as(backup.toString()).isZero();
    String run = ws.committedRuns().get(0);

    // GNU tar reads the size from the pax header: the octal field cannot hold it
    CliResult list =
        Shell.bash(
            "set -o pipefail; zstd -dc "
                + quote(ws.jobDir().resolve(run + ".tar.zst"))
                + " | tar -tv",
            600);
    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(list.out()).containsPattern("\\s" + SIZE + "\\s[^\\n]*disk\\.img\\n");

    Path to = tmp.resolve("restore");
    CliResult restore = ws.cli("restore", Workspace.JOB, "--to", to.toString());
    assertThat(restore.exitCode()).as(restore.toString()).isZero();
    Path restored = to.resolve(ws.source.toString().substring(1)).resolve("disk.img");
    assertThat(Files.size(restored)).isEqualTo(SIZE);
    assertThat(sha256sum(restored)).isEqualTo(sha);
    String[] blocks =
        Shell.bashOk("stat -c '%b %B' " + quote(restored), 30).out().trim().split(" ");
    long allocated = Long.parseLong(blocks[0]) * Long.parseLong(blocks[1]);
    assertThat(allocated)
        .as("bytes allocated on disk (holes for zero blocks)")
        .isLessThan(64L << 20);

    CliResult verify = ws.cli("verify", Workspace.JOB);
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    assertThat(verify.out()).contains(run + " ok");
  }
}
