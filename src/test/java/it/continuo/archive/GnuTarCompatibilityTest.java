package it.continuo.archive;

import static it.continuo.testing.Shell.quote;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.continuo.testing.CliResult;
import it.continuo.testing.OddTree;
import it.continuo.testing.Shell;
import it.continuo.testing.TreeSnapshot;
import it.continuo.testing.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The format promise: a sysadmin with GNU tar and zstd, and no Continuo, gets the files back. A
 * chain (a full and two incrementals) is made over an odd tree once; the tests only use the
 * command-line tools on what is on the NAS.
 */
@DisplayName("GNU tar and zstd alone")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GnuTarCompatibilityTest {
  static final ObjectMapper JSON = new ObjectMapper();

  Path tmp;
  Workspace ws;
  final List<String> runs = new ArrayList<>();

  @BeforeAll
  void buildChain(@TempDir Path dir) throws Exception {
    tmp = dir;
    ws = new Workspace(tmp.resolve("ws"));
    Path s = ws.source;
    OddTree.populate(s);
    backUp();

    Files.writeString(s.resolve("random.bin"), "appended\n", StandardOpenOption.APPEND);
    OddTree.write(s.resolve("nomi strani/nuovo file.txt"), "nuovo\n");
    Files.move(s.resolve("nomi strani/файл.txt"), s.resolve("nomi strani/файл-2.txt"));
    Files.delete(s.resolve("zero"));
    OddTree.mode(s.resolve("modes/private"), 0640);
    Files.delete(s.resolve("links/relative"));
    Files.createSymbolicLink(s.resolve("links/relative"), Path.of("../random.bin"));
    backUp();

    Files.writeString(s.resolve("hard/original"), "more shared\n", StandardOpenOption.APPEND);
    Files.createLink(s.resolve("hard/a-new-link"), s.resolve("hard/original"));
    Files.move(s.resolve("empty/nested"), s.resolve("empty/moved"));
    Files.createDirectories(s.resolve("fresh/dir"));
    OddTree.write(s.resolve("fresh/dir/file"), "fresh\n");
    OddTree.write(s.resolve("nomi strani/città è già.txt"), "same size\n".substring(0, 8));
    backUp();
  }

  void backUp() {
    CliResult r = ws.cli("backup", Workspace.JOB);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    runs.add(r.out().split(" ")[2]);
  }

  Path archive(String run) {
    return ws.jobDir().resolve(run + ".tar.zst");
  }

  Path manifest(String run) {
    return ws.jobDir().resolve(run + ".manifest.jsonl.zst");
  }

  static CliResult extract(Path archive, Path into) throws Exception {
    Files.createDirectories(into);
    return Shell.bash(
        "set -o pipefail; zstd -dc " + quote(archive) + " | tar -x -C " + quote(into), 120);
  }

  @Test
  @DisplayName("the chain is a full and two incrementals, each with its archive and manifest")
  void chain() {
    assertThat(runs).hasSize(3);
    assertThat(runs.get(0)).endsWith("-F");
    assertThat(runs.get(2)).endsWith("-I");
    for (String run : runs) {
      assertThat(archive(run)).isRegularFile();
      assertThat(manifest(run)).isRegularFile();
    }
  }

  @Test
  @DisplayName("extract every archive on its own into an empty directory (tar exits 0)")
  void everyArchiveAlone() throws Exception {
    for (String run : runs) {
      CliResult r = extract(archive(run), tmp.resolve("alone-" + run));
      assertThat(r.exitCode()).as("archive %s: %s", run, r).isZero();
    }
  }

  @Test
  @DisplayName("extract without a single warning from tar or zstd")
  void noWarnings() throws Exception {
    for (String run : runs) {
      CliResult r = extract(archive(run), tmp.resolve("quiet-" + run));
      assertThat(r.err()).as("archive %s", run).isEmpty();
    }
  }

  @Test
  @DisplayName(
      "extracting a chain's archives in order gives the latest point's file contents and links"
          + " (files deleted in between may remain)")
  void chainInOrder() throws Exception {
    Path into = tmp.resolve("in-order");
    for (String run : runs) {
      CliResult r = extract(archive(run), into);
      assertThat(r.exitCode()).as("archive %s: %s", run, r).isZero();
    }
    Path extracted = into.resolve(ws.source.toString().substring(1));
    Map<String, TreeSnapshot.State> latest = TreeSnapshot.of(ws.source, false).entries();
    int files = 0;
    for (Map.Entry<String, TreeSnapshot.State> e : latest.entrySet()) {
      Path p = extracted.resolve(e.getKey());
      switch (e.getValue().type()) {
        case "file" -> {
          files++;
          assertThat(p).as(e.getKey()).isRegularFile();
          assertThat(TreeSnapshot.sha256(p)).as(e.getKey()).isEqualTo(e.getValue().sha256());
        }
        case "symlink" -> {
          assertThat(p).as(e.getKey()).isSymbolicLink();
          assertThat(Files.readSymbolicLink(p).toString())
              .as(e.getKey())
              .isEqualTo(e.getValue().target());
        }
        case "dir" -> assertThat(p).as(e.getKey()).isDirectory();
        default -> {}
      }
    }
    assertThat(files).isGreaterThan(20);
    // the hard links of the latest point share one inode after extraction, as in the source
    assertThat(
            Files.isSameFile(extracted.resolve("hard/original"), extracted.resolve("hard/second")))
        .isTrue();
    assertThat(
            Files.isSameFile(
                extracted.resolve("hard/original"), extracted.resolve("hard/a-new-link")))
        .isTrue();
  }

  @Test
  @DisplayName("tar -t lists every file of the full with its size")
  void tarList() throws Exception {
    CliResult r =
        Shell.bash("set -o pipefail; zstd -dc " + quote(archive(runs.get(0))) + " | tar -tv", 60);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("random.bin")
        .contains(Long.toString(3 * 1024 * 1024 + 17))
        .contains("città è già.txt")
        .contains("f".repeat(240) + ".txt");
  }

  @Test
  @DisplayName("zstd -dc of a manifest prints JSON Lines: a header, the entries, a footer")
  void manifestIsJsonLines() throws Exception {
    for (String run : runs) {
      CliResult r = Shell.bash("zstd -dc " + quote(manifest(run)), 60);
      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.out()).endsWith("\n");
      String[] lines = r.out().split("\n");
      assertThat(lines.length).isGreaterThan(3);
      List<JsonNode> nodes = new ArrayList<>();
      for (String line : lines) {
        JsonNode n = JSON.readTree(line);
        assertThat(n.isObject()).as("line %s", line).isTrue();
        nodes.add(n);
      }
      JsonNode header = nodes.get(0);
      assertThat(header.path("run").asText()).isEqualTo(run);
      assertThat(header.path("job").asText()).isEqualTo(Workspace.JOB);
      assertThat(header.path("level").asText()).isIn("full", "incremental");
      JsonNode footer = nodes.get(nodes.size() - 1).path("footer");
      assertThat(footer.isObject()).as("last line %s", lines[lines.length - 1]).isTrue();
      assertThat(footer.path("run").asText()).isEqualTo(run);
      List<JsonNode> entries = nodes.subList(1, nodes.size() - 1);
      assertThat(footer.path("entries").asLong()).isEqualTo(entries.size());
      assertThat(entries).allSatisfy(e -> assertThat(e.hasNonNull("path")).isTrue());
      assertThat(footer.path("archive").path("sha256").asText())
          .isEqualTo(Shell.bashOk("sha256sum " + quote(archive(run)), 60).out().split(" ")[0]);
      assertThat(footer.path("archive").path("size").asLong()).isEqualTo(Files.size(archive(run)));
    }
  }
}
