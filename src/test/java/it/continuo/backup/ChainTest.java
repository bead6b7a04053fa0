package it.continuo.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.continuo.catalog.RunId;
import it.continuo.testing.CliResult;
import it.continuo.testing.OddTree;
import it.continuo.testing.TreeSnapshot;
import it.continuo.testing.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One chain, built once: a full and three incrementals, each after a realistic set of changes, with
 * a snapshot of the source taken right before each run. Every test then reads from that chain.
 */
@DisplayName("A full and three incrementals")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChainTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final ZoneId ROME = ZoneId.of("Europe/Rome");

  Path tmp;
  Workspace ws;

  /** The run ids, oldest first: a full and three incrementals. */
  final List<String> runs = new ArrayList<>();

  /** The source as it was right before each run, directory mtimes included. */
  final List<TreeSnapshot> snapshots = new ArrayList<>();

  /** What each backup printed. */
  final List<CliResult> backups = new ArrayList<>();

  int restores;

  @BeforeAll
  void buildChain(@TempDir Path dir) throws Exception {
    tmp = dir;
    ws = new Workspace(tmp.resolve("ws"));
    Path s = ws.source;
    initialTree(s);
    backUp();

    // 1: append, rewrite keeping the size, add, rename a file, chmod, a new empty directory
    Files.writeString(s.resolve("docs/report.txt"), "second draft\n", StandardOpenOption.APPEND);
    byte[] budget = Files.readAllBytes(s.resolve("docs/budget.csv"));
    byte[] sameSize = new String(budget, StandardCharsets.US_ASCII).replace('1', '7').getBytes();
    assertThat(sameSize).hasSameSizeAs(budget).isNotEqualTo(budget);
    try (var ch = Files.newByteChannel(s.resolve("docs/budget.csv"), StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(sameSize));
    }
    OddTree.write(s.resolve("docs/letters/c.txt"), "Dear C,\n");
    Files.move(s.resolve("docs/letters/a.txt"), s.resolve("docs/letters/a-renamed.txt"));
    OddTree.mode(s.resolve("scripts/run.sh"), 0700);
    Files.createDirectories(s.resolve("empty-new"));
    OddTree.write(s.resolve("odd/nomi strani/città è già.txt"), "accenti cambiati\n");
    backUp();

    // 2: rename a directory, delete a file and a whole directory, a new hard link, a symlink
    // retargeted
    Files.move(s.resolve("photos/2025"), s.resolve("photos/2025-archive"));
    Files.delete(s.resolve("notes.md"));
    deleteTree(s.resolve("old"));
    Files.createLink(s.resolve("docs/report-link.txt"), s.resolve("docs/report.txt"));
    Files.delete(s.resolve("link-current"));
    Files.createSymbolicLink(s.resolve("link-current"), Path.of("docs/letters/c.txt"));
    Files.createDirectories(s.resolve("scratch/inner"));
    OddTree.write(s.resolve("scratch/inner/draft.txt"), "draft\n");
    backUp();

    // 3: a file in the once empty directory, a directory chmod, one hard link removed, a change
    // deep in the odd names, an mtime set back into the past
    OddTree.write(s.resolve("empty-new/now-filled.txt"), "not empty any more\n");
    OddTree.mode(s.resolve("docs/letters"), 0750);
    Files.delete(s.resolve("shared/data-link.bin"));
    Files.writeString(s.resolve("odd/nomi strani/日本語のファイル.txt"), "更新\n", StandardOpenOption.APPEND);
    Files.writeString(s.resolve("docs/letters/b.txt"), "B, edited\n");
    Files.setLastModifiedTime(
        s.resolve("docs/letters/b.txt"), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
    // entries that change type: a directory becomes a file, a file becomes a symlink
    deleteTree(s.resolve("scratch"));
    OddTree.write(s.resolve("scratch"), "now a file\n");
    OddTree.write(s.resolve("scripts/run-v2.sh"), "#!/bin/sh\necho v2\n");
    Files.delete(s.resolve("scripts/run.sh"));
    Files.createSymbolicLink(s.resolve("scripts/run.sh"), Path.of("run-v2.sh"));
    backUp();
  }

  static void initialTree(Path s) throws IOException {
    Files.createDirectories(s.resolve("docs/letters"));
    OddTree.write(s.resolve("docs/report.txt"), "first draft\n".repeat(50));
    OddTree.write(s.resolve("docs/budget.csv"), "item,cost\npaper,12\nink,31\nchairs,1100\n");
    OddTree.write(s.resolve("docs/letters/a.txt"), "Dear A,\n");
    OddTree.write(s.resolve("docs/letters/b.txt"), "Dear B,\n");
    Files.createDirectories(s.resolve("photos/2025"));
    Random random = new Random(7);
    for (String name : List.of("img1.jpg", "img2.jpg")) {
      byte[] b = new byte[300_000];
      random.nextBytes(b);
      Files.write(s.resolve("photos/2025").resolve(name), b);
    }
    Files.createDirectories(s.resolve("old/y"));
    OddTree.write(s.resolve("old/x.txt"), "old x\n");
    OddTree.write(s.resolve("old/y/z.txt"), "old z\n");
    Files.createDirectories(s.resolve("scripts"));
    OddTree.mode(OddTree.write(s.resolve("scripts/run.sh"), "#!/bin/sh\necho hi\n"), 0755);
    OddTree.write(s.resolve("notes.md"), "# notes\n");
    Files.createSymbolicLink(s.resolve("link-current"), Path.of("docs/report.txt"));
    Files.createDirectories(s.resolve("shared"));
    OddTree.write(s.resolve("shared/data.bin"), "shared data\n".repeat(1000));
    Files.createLink(s.resolve("shared/data-link.bin"), s.resolve("shared/data.bin"));
    Files.createDirectories(s.resolve("odd"));
    OddTree.populate(s.resolve("odd"));
  }

  void backUp() throws Exception {
    snapshots.add(TreeSnapshot.of(ws.source, true));
    CliResult r = ws.cli("backup", Workspace.JOB);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    backups.add(r);
    List<String> committed = ws.committedRuns();
    assertThat(committed).hasSize(runs.size() + 1);
    runs.add(committed.get(committed.size() - 1));
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(p);
      }
    }
  }

  String sourcePath() {
    return ws.source.toString().substring(1);
  }

  Path newRestoreDir() {
    return tmp.resolve("restore-" + restores++);
  }

  Path restored(Path to) {
    return to.resolve(sourcePath());
  }

  CliResult restore(Path to, String... options) {
    List<String> args = new ArrayList<>(List.of("restore", Workspace.JOB, "--to", to.toString()));
    args.addAll(List.of(options));
    return ws.cli(args.toArray(String[]::new));
  }

  Instant start(int point) {
    return RunId.parse(runs.get(point)).orElseThrow().start();
  }

  @Test
  @DisplayName("are a full followed by three incrementals")
  void levels() {
    assertThat(runs).hasSize(4);
    assertThat(runs.get(0)).endsWith("-F");
    assertThat(runs.subList(1, 4)).allSatisfy(r -> assertThat(r).endsWith("-I"));
    assertThat(backups.get(0).out()).contains(" full to nas: ");
    assertThat(backups.get(3).out()).contains(" incremental to nas: ");
  }

  @Nested
  @DisplayName("restoring each point with --run")
  class EachPoint {
    @Test
    @DisplayName("gives the tree as it was then, byte for byte and by metadata")
    void everyPoint() throws Exception {
      for (int i = 0; i < runs.size(); i++) {
        Path to = newRestoreDir();
        CliResult r = restore(to, "--run", runs.get(i));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("restored " + Workspace.JOB + " " + runs.get(i));
        assertThat(TreeSnapshot.of(restored(to), true))
            .as("point %d (%s)", i, runs.get(i))
            .isEqualTo(snapshots.get(i));
      }
    }

    @Test
    @DisplayName("the points really differ: each change is where it belongs")
    void pointsDiffer() {
      Map<String, TreeSnapshot.State> p0 = snapshots.get(0).entries();
      Map<String, TreeSnapshot.State> p1 = snapshots.get(1).entries();
      Map<String, TreeSnapshot.State> p2 = snapshots.get(2).entries();
      Map<String, TreeSnapshot.State> p3 = snapshots.get(3).entries();
      assertThat(p0).containsKeys("docs/letters/a.txt", "old/y/z.txt", "notes.md");
      assertThat(p1).containsKeys("docs/letters/a-renamed.txt", "empty-new");
      assertThat(p1).doesNotContainKey("docs/letters/a.txt");
      assertThat(p1.get("docs/budget.csv").size()).isEqualTo(p0.get("docs/budget.csv").size());
      assertThat(p1.get("docs/budget.csv").sha256())
          .isNotEqualTo(p0.get("docs/budget.csv").sha256());
      assertThat(p1.get("scripts/run.sh").mode()).isEqualTo(0700);
      assertThat(p2)
          .containsKey("photos/2025-archive/img1.jpg")
          .doesNotContainKeys("old", "notes.md");
      assertThat(p2.get("link-current").target()).isEqualTo("docs/letters/c.txt");
      assertThat(p2.get("docs/report-link.txt").linkGroup()).isEqualTo("docs/report-link.txt");
      assertThat(p2.get("docs/report.txt").linkGroup()).isEqualTo("docs/report-link.txt");
      assertThat(p3).doesNotContainKey("shared/data-link.bin");
      assertThat(p3.get("docs/letters").mode()).isEqualTo(0750);
      assertThat(p3.get("docs/letters/b.txt").mtime()).isEqualTo("2020-01-01T00:00:00Z");
      assertThat(p2.get("scratch").type()).isEqualTo("dir");
      assertThat(p3.get("scratch").type()).isEqualTo("file");
      assertThat(p3.get("scripts/run.sh").type()).isEqualTo("symlink");
    }
  }

  @Nested
  @DisplayName("restoring with --at")
  class At {
    CliResult restoreAt(String time, Path to) {
      return restore(to, "--at", time);
    }

    void assertRestored(String time, int point) throws IOException {
      Path to = newRestoreDir();
      CliResult r = restoreAt(time, to);
      assertThat(r.exitCode()).as("--at %s\n%s", time, r).isZero();
      assertThat(r.out()).as("--at %s", time).contains(" " + runs.get(point) + " into ");
      assertThat(TreeSnapshot.of(restored(to), true)).isEqualTo(snapshots.get(point));
    }

    @Test
    @DisplayName("an ISO time with an offset picks the newest run at or before it")
    void isoWithOffset() throws Exception {
      // a second before the third incremental, written in another offset: the second one
      String before3 =
          DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")
              .format(start(3).minusSeconds(1).atOffset(ZoneOffset.ofHours(-3)));
      assertRestored(before3, 2);
      // exactly the start of the first incremental, in UTC: that run itself
      assertRestored(DateTimeFormatter.ISO_INSTANT.format(start(1)), 1);
    }

    @Test
    @DisplayName("a local time without zone is read in the configured zone (Europe/Rome)")
    void localTimeInConfiguredZone() throws Exception {
      String local =
          DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").format(start(1).atZone(ROME));
      // read as UTC it would be an hour or two later, and pick the latest run instead
      assertRestored(local, 1);
    }

    @Test
    @DisplayName("a bare date means the end of that day")
    void bareDate() throws Exception {
      LocalDate day = start(3).atZone(ROME).toLocalDate();
      assertRestored(day.toString(), 3);
    }

    @Test
    @DisplayName("a time before the first run is refused with one clear line (exit 2)")
    void beforeFirstRun() {
      LocalDate before = start(0).atZone(ROME).toLocalDate().minusDays(1);
      CliResult r = restoreAt(before.toString(), newRestoreDir());
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
      assertThat(r.err().strip()).contains("no restore point").doesNotContain("\n");
    }
  }

  @Nested
  @DisplayName("restoring only some paths")
  class Paths {
    @Test
    @DisplayName("a directory restores that subtree of the point and nothing else")
    void subtree() throws Exception {
      Path to = newRestoreDir();
      CliResult r = restore(to, "--run", runs.get(2), "/" + sourcePath() + "/docs");
      assertThat(r.exitCode()).as(r.toString()).isZero();

      try (Stream<Path> top = Files.list(restored(to))) {
        assertThat(top.map(p -> p.getFileName().toString())).containsExactly("docs");
      }
      Map<String, TreeSnapshot.State> expected = new TreeMap<>();
      snapshots
          .get(2)
          .entries()
          .forEach(
              (k, v) -> {
                if (k.equals("docs") || k.startsWith("docs/")) {
                  expected.put(k, v);
                }
              });
      assertThat(TreeSnapshot.of(restored(to), true).entries()).isEqualTo(expected);
    }

    @Test
    @DisplayName("one hard-linked name alone gets the shared content")
    void oneHardLink() throws Exception {
      Path to = newRestoreDir();
      CliResult r = restore(to, "--run", runs.get(2), sourcePath() + "/shared/data-link.bin");
      assertThat(r.exitCode()).as(r.toString()).isZero();
      Path file = restored(to).resolve("shared/data-link.bin");
      assertThat(TreeSnapshot.sha256(file))
          .isEqualTo(snapshots.get(2).entries().get("shared/data.bin").sha256());
      assertThat(restored(to).resolve("shared/data.bin")).doesNotExist();
    }

    @Test
    @DisplayName("a path the point does not have is refused (exit 2)")
    void missingPath() {
      CliResult r =
          restore(newRestoreDir(), "--run", runs.get(0), sourcePath() + "/docs/report-link.txt");
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
      assertThat(r.err()).contains("matches").doesNotContain("\tat ");
    }
  }

  @Nested
  @DisplayName("list --run RUN --files")
  class ListFiles {
    Set<String> expectedPaths(int point, String under) {
      Set<String> paths = new TreeSet<>();
      if (under.isEmpty()) {
        paths.add(sourcePath());
      }
      for (String k : snapshots.get(point).entries().keySet()) {
        if (under.isEmpty() || k.equals(under) || k.startsWith(under + "/")) {
          paths.add(sourcePath() + "/" + k);
        }
      }
      return paths;
    }

    List<JsonNode> jsonLines(CliResult r) throws IOException {
      List<JsonNode> nodes = new ArrayList<>();
      for (String line : r.out().split("\n")) {
        JsonNode n = JSON.readTree(line);
        assertThat(n.isObject()).as("line %s", line).isTrue();
        nodes.add(n);
      }
      return nodes;
    }

    @Test
    @DisplayName("--json gives one JSON object per entry of that point, and only those")
    void json() throws Exception {
      for (int i = 0; i < runs.size(); i++) {
        CliResult r = ws.cli("list", Workspace.JOB, "--run", runs.get(i), "--files", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        Set<String> paths = new TreeSet<>();
        for (JsonNode n : jsonLines(r)) {
          paths.add(n.get("path").asText());
        }
        assertThat(paths).as("point %d", i).isEqualTo(expectedPaths(i, ""));
      }
    }

    @Test
    @DisplayName("entries carry their type, size, mode and link target")
    void entryFields() throws Exception {
      CliResult r = ws.cli("list", Workspace.JOB, "--run", runs.get(2), "--files", "--json");
      Map<String, JsonNode> byPath = new TreeMap<>();
      for (JsonNode n : jsonLines(r)) {
        byPath.put(n.get("path").asText().substring(sourcePath().length()), n);
      }
      JsonNode link = byPath.get("/link-current");
      assertThat(link.get("type").asText()).isEqualToIgnoringCase("symlink");
      assertThat(link.get("target").asText()).isEqualTo("docs/letters/c.txt");
      JsonNode script = byPath.get("/scripts/run.sh");
      assertThat(script.get("type").asText()).isEqualToIgnoringCase("file");
      assertThat(script.get("mode").asInt()).isEqualTo(0700);
      assertThat(script.get("size").asLong())
          .isEqualTo(snapshots.get(2).entries().get("scripts/run.sh").size());
      assertThat(byPath.get("/empty-new").get("type").asText()).isEqualToIgnoringCase("dir");
    }

    @Test
    @DisplayName("a PATH limits the listing to that subtree")
    void pathFilter() throws Exception {
      CliResult r =
          ws.cli(
              "list",
              Workspace.JOB,
              "--run",
              runs.get(1),
              "--files",
              "--json",
              sourcePath() + "/docs/letters");
      assertThat(r.exitCode()).as(r.toString()).isZero();
      Set<String> paths = new TreeSet<>();
      for (JsonNode n : jsonLines(r)) {
        paths.add(n.get("path").asText());
      }
      assertThat(paths).isEqualTo(expectedPaths(1, "docs/letters"));
      assertThat(paths).contains(sourcePath() + "/docs/letters/a-renamed.txt");
    }

    @Test
    @DisplayName("as text, names every file of that point and none of a later one")
    void text() {
      CliResult r = ws.cli("list", Workspace.JOB, "--run", runs.get(1), "--files");
      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.out())
          .contains(sourcePath() + "/docs/letters/a-renamed.txt")
          .contains(sourcePath() + "/old/y/z.txt")
          .contains(sourcePath() + "/link-current -> docs/report.txt")
          .doesNotContain("report-link.txt")
          .doesNotContain("2025-archive");
      for (String k : snapshots.get(1).entries().keySet()) {
        if (!k.contains("\n")) {
          assertThat(r.out()).contains(sourcePath() + "/" + k);
        }
      }
    }
  }

  @Nested
  @DisplayName("the backup summary line")
  class Summary {
    @Test
    @DisplayName("counts new, changed, unchanged and deleted files for a known change set")
    void counts() throws Exception {
      Workspace w = new Workspace(tmp.resolve("summary"));
      for (int i = 1; i <= 6; i++) {
        OddTree.write(w.source.resolve("f" + i + ".txt"), "file " + i + "\n");
      }
      CliResult full = w.cli("backup", Workspace.JOB);
      assertThat(full.exitCode()).as(full.toString()).isZero();
      assertThat(full.out()).contains(": 6 new, 0 changed, 0 unchanged, 0 deleted; ");

      Files.writeString(w.source.resolve("f1.txt"), "more\n", StandardOpenOption.APPEND);
      OddTree.mode(w.source.resolve("f2.txt"), 0600);
      Files.delete(w.source.resolve("f3.txt"));
      Files.delete(w.source.resolve("f4.txt"));
      OddTree.write(w.source.resolve("g1.txt"), "new 1\n");
      OddTree.write(w.source.resolve("g2.txt"), "new 2\n");
      OddTree.write(w.source.resolve("g3.txt"), "new 3\n");
      CliResult inc = w.cli("backup", Workspace.JOB);
      assertThat(inc.exitCode()).as(inc.toString()).isZero();
      assertThat(inc.out())
          .contains(" incremental to nas: 3 new, 2 changed, 2 unchanged, 2 deleted; ");
    }

    @Test
    @DisplayName(
        "counts files alone, also when a directory and symlinks go: files before = changed +"
            + " unchanged + deleted, files now = new + changed + unchanged")
    void countsFilesWhenDirectoriesGo() throws Exception {
      Workspace w = new Workspace(tmp.resolve("summary-dirs"));
      Path s = w.source;
      Files.createDirectories(s.resolve("old/y"));
      OddTree.write(s.resolve("old/x.txt"), "x\n");
      OddTree.write(s.resolve("old/y/z.txt"), "z\n");
      OddTree.write(s.resolve("keep.txt"), "keep\n");
      OddTree.write(s.resolve("move-me.txt"), "moving\n");
      Files.createSymbolicLink(s.resolve("link"), Path.of("keep.txt"));
      CliResult full = w.cli("backup", Workspace.JOB);
      assertThat(full.exitCode()).as(full.toString()).isZero();
      assertThat(full.out()).contains(": 4 new, 0 changed, 0 unchanged, 0 deleted; ");

      // 4 files before: old/x.txt and old/y/z.txt go, move-me.txt is renamed, keep.txt stays
      deleteTree(s.resolve("old"));
      Files.delete(s.resolve("link"));
      Files.createSymbolicLink(s.resolve("other-link"), Path.of("keep.txt"));
      Files.move(s.resolve("move-me.txt"), s.resolve("moved.txt"));
      CliResult inc = w.cli("backup", Workspace.JOB);
      assertThat(inc.exitCode()).as(inc.toString()).isZero();
      assertThat(inc.out())
          .contains(" incremental to nas: 1 new, 0 changed, 1 unchanged, 3 deleted; ");
    }
  }
}
