package it.continuo.backup;

import static it.continuo.testing.Shell.quote;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.continuo.lock.JobLock;
import it.continuo.testing.CliResult;
import it.continuo.testing.OddTree;
import it.continuo.testing.Shell;
import it.continuo.testing.TreeSnapshot;
import it.continuo.testing.Workspace;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A backup run")
class BackupBehaviourTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  Workspace ws;

  /** Real processes a test started; killed (by pid, with their children) if still alive. */
  final List<Process> started = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    ws = new Workspace(tmp.resolve("ws"));
  }

  @AfterEach
  void stopProcesses() throws Exception {
    for (Process p : started) {
      kill(p);
    }
  }

  static void kill(Process p) throws InterruptedException {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly(); // SIGKILL
    p.waitFor(30, TimeUnit.SECONDS);
  }

  Process start(ProcessBuilder pb) throws IOException {
    Path log = Files.createTempFile(tmp, "process", ".log");
    Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    started.add(p);
    return p;
  }

  static void await(String what, Duration timeout, java.util.concurrent.Callable<Boolean> done)
      throws Exception {
    Instant end = Instant.now().plus(timeout);
    while (!done.call()) {
      if (Instant.now().isAfter(end)) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  String path(String relative) {
    return ws.source.toString().substring(1) + "/" + relative;
  }

  Path restored(Path to) {
    return to.resolve(ws.source.toString().substring(1));
  }

  JsonNode backupJson(String... options) throws IOException {
    List<String> args = new ArrayList<>(List.of("backup", Workspace.JOB, "--json"));
    args.addAll(List.of(options));
    CliResult r = ws.cli(args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return JSON.readTree(r.out());
  }

  /** The paths in the manifest of the latest point, relative to the source. */
  Set<String> manifestPaths() throws IOException {
    CliResult r = ws.cli("list", Workspace.JOB, "--files", "--json");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    Set<String> paths = new TreeSet<>();
    String prefix = ws.source.toString().substring(1);
    for (String line : r.out().split("\n")) {
      String p = JSON.readTree(line).path("path").asText();
      paths.add(p.equals(prefix) ? "" : p.substring(prefix.length() + 1));
    }
    return paths;
  }

  /** The manifest lines of {@code run}, as zstd prints them. */
  List<JsonNode> manifest(String run) throws Exception {
    CliResult r =
        Shell.bashOk("zstd -dc " + quote(ws.jobDir().resolve(run + ".manifest.jsonl.zst")), 60);
    List<JsonNode> lines = new ArrayList<>();
    for (String line : r.out().split("\n")) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  static Map<String, String> readEnv(Path file) throws IOException {
    Map<String, String> env = new HashMap<>();
    for (String line : Files.readAllLines(file)) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        env.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return env;
  }

  void smallTree() throws IOException {
    Files.createDirectories(ws.source.resolve("docs"));
    OddTree.write(ws.source.resolve("docs/a.txt"), "alpha\n");
    OddTree.write(ws.source.resolve("docs/b.txt"), "beta\n".repeat(1000));
    OddTree.write(ws.source.resolve("c.txt"), "gamma\n");
  }

  @Nested
  @DisplayName("holds the job's lock")
  class Lock {
    @Test
    @DisplayName("a second run of the same job in another process exits 11 at once")
    void secondProcessRun() throws Exception {
      smallTree();
      try (JobLock held = JobLock.acquire(ws.data, Workspace.JOB, "backup held by the test")) {
        Instant t0 = Instant.now();
        CliResult r = Workspace.run(ws.process("backup", Workspace.JOB), 60);
        Duration took = Duration.between(t0, Instant.now());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(11);
        assertThat(r.err()).contains("already running").doesNotContain("\tat ");
        assertThat(took)
            .as("a locked run fails at once, never waits")
            .isLessThan(Duration.ofSeconds(20));
      }
      assertThat(ws.committedRuns()).isEmpty();
    }

    @Test
    @DisplayName("a run while a real backup process is running exits 11, and the first completes")
    void whileAnotherRuns() throws Exception {
      smallTree();
      Path gate = tmp.resolve("gate");
      Path inHook = tmp.resolve("in-hook");
      ws.writeConfig(
          "",
          "hooks:\n  pre:\n    - 'touch "
              + inHook
              + "; while [ ! -e "
              + gate
              + " ]; do sleep 0.1; done'\n  timeout: 2m");
      Process first = start(ws.process("backup", Workspace.JOB));
      await(
          "the first run to reach its pre-hook",
          Duration.ofSeconds(60),
          () -> Files.exists(inHook));

      CliResult second = ws.cli("backup", Workspace.JOB);
      assertThat(second.exitCode()).as(second.toString()).isEqualTo(11);
      assertThat(second.err()).contains("already running").contains("pid " + first.pid());

      Files.createFile(gate);
      assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(first.exitValue()).isZero();
      assertThat(ws.committedRuns()).hasSize(1);
    }

    @Test
    @DisplayName("a lock left by a killed run does not block the next, which warns of it")
    void killedRun() throws Exception {
      // sparse, so it costs no disk but takes the backup many seconds to read
      try (RandomAccessFile f =
          new RandomAccessFile(ws.source.resolve("huge.img").toFile(), "rw")) {
        f.setLength(64L << 30);
      }
      OddTree.write(ws.source.resolve("small.txt"), "small\n");
      Process p = start(ws.process("backup", Workspace.JOB));
      await(
          "the backup to start writing its archive",
          Duration.ofSeconds(60),
          () -> partials().size() >= 1);
      Thread.sleep(500);
      assertThat(p.isAlive()).as("still running when killed").isTrue();
      kill(p);
      assertThat(p.exitValue()).isEqualTo(137); // 128 + SIGKILL
      assertThat(partials()).as("what the killed run left").isNotEmpty();

      Files.delete(ws.source.resolve("huge.img"));
      CliResult next = ws.cli("backup", Workspace.JOB);
      assertThat(next.exitCode()).as(next.toString()).isZero();
      assertThat(next.err())
          .contains("previous run of " + Workspace.JOB + " was interrupted")
          .contains("pid " + p.pid());
      assertThat(partials()).as("left-overs are cleaned up").isEmpty();
      assertThat(ws.committedRuns()).hasSize(1);

      CliResult after = ws.cli("backup", Workspace.JOB);
      assertThat(after.exitCode()).as(after.toString()).isZero();
      assertThat(after.err()).as("a clean run leaves no note behind").doesNotContain("interrupted");
    }

    List<Path> partials() throws IOException {
      if (!Files.isDirectory(ws.jobDir())) {
        return List.of();
      }
      try (Stream<Path> s = Files.list(ws.jobDir())) {
        return s.filter(f -> f.getFileName().toString().endsWith(".partial")).toList();
      }
    }
  }

  @Nested
  @DisplayName("runs hooks")
  class Hooks {
    Path env = null;

    void hooks(String pre, String post, String timeout) throws IOException {
      StringBuilder y = new StringBuilder("hooks:\n");
      if (pre != null) {
        y.append("  pre:\n    - ").append(yamlQuote(pre)).append('\n');
      }
      if (post != null) {
        y.append("  post:\n    - ").append(yamlQuote(post)).append('\n');
      }
      y.append("  timeout: ").append(timeout);
      ws.writeConfig("", y.toString());
    }

    String yamlQuote(String s) {
      return "'" + s.replace("'", "''") + "'";
    }

    String dumpEnv(String name) {
      return "env > " + quote(tmp.resolve(name));
    }

    @Test
    @DisplayName("a failing pre-hook fails the run: exit 1, nothing listed, nothing on the target")
    void failingPreHook() throws Exception {
      smallTree();
      hooks("echo checking; exit 7", null, "30s");
      CliResult r = ws.cli("backup", Workspace.JOB);
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
      assertThat(r.err()).contains("pre hook").contains("exit code 7").doesNotContain("\tat ");
      assertThat(ws.committedRuns()).isEmpty();
      CliResult list = ws.cli("list", Workspace.JOB);
      assertThat(list.out()).contains("no restore points");
      if (Files.isDirectory(ws.jobDir())) {
        try (Stream<Path> s = Files.list(ws.jobDir())) {
          assertThat(s.toList()).isEmpty();
        }
      }
    }

    @Test
    @DisplayName("a run stopped by its pre-hook reports no run id in --json: it never started")
    void failingPreHookJson() throws Exception {
      smallTree();
      hooks("exit 7", null, "30s");
      CliResult r = ws.cli("backup", Workspace.JOB, "--json");
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
      JsonNode result = JSON.readTree(r.out());
      assertThat(result.path("outcome").asText()).isEqualToIgnoringCase("failed");
      assertThat(result.path("error").asText()).contains("exit code 7");
      assertThat(result.path("run").isMissingNode() || result.path("run").isNull())
          .as("\"run\" in %s (BackupResult: null when a pre-hook failed)", r.out())
          .isTrue();
    }

    @Test
    @DisplayName("a pre-hook that hangs is stopped at its timeout and fails the run")
    void hangingPreHook() throws Exception {
      smallTree();
      hooks("sleep 30", null, "1s");
      Instant t0 = Instant.now();
      CliResult r = ws.cli("backup", Workspace.JOB);
      assertThat(Duration.between(t0, Instant.now())).isLessThan(Duration.ofSeconds(20));
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
      assertThat(r.err()).contains("did not finish within 1 s");
      assertThat(ws.committedRuns()).isEmpty();
    }

    @Test
    @DisplayName("pre- and post-hooks of a successful run see the job, run and result")
    void success() throws Exception {
      smallTree();
      // the flow shape of the documentation: hooks: { pre: ["cmd"], post: ["cmd"], timeout: 30s }
      ws.writeConfig(
          "",
          "hooks: { pre: [\""
              + dumpEnv("pre.env")
              + "\"], post: [\""
              + dumpEnv("post.env")
              + "\"], timeout: 30s }");
      CliResult r = ws.cli("backup", Workspace.JOB);
      assertThat(r.exitCode()).as(r.toString()).isZero();
      String run = ws.committedRuns().get(0);

      Map<String, String> pre = readEnv(tmp.resolve("pre.env"));
      assertThat(pre)
          .containsEntry("CONTINUO_JOB", Workspace.JOB)
          .containsEntry("CONTINUO_TARGET", "nas")
          .containsEntry("CONTINUO_LEVEL", "full")
          .containsEntry("CONTINUO_RUN", run)
          .doesNotContainKey("CONTINUO_RESULT");
      Map<String, String> post = readEnv(tmp.resolve("post.env"));
      assertThat(post)
          .containsEntry("CONTINUO_JOB", Workspace.JOB)
          .containsEntry("CONTINUO_RUN", run)
          .containsEntry("CONTINUO_RESULT", "success")
          .containsEntry("CONTINUO_EXIT_CODE", "0")
          .containsEntry("CONTINUO_ERROR", "")
          .containsEntry("CONTINUO_FILES_NEW", "3")
          .containsEntry("CONTINUO_FILES_UNREADABLE", "0");
    }

    @Test
    @DisplayName("the post-hook of a partial run sees it partial, with the unreadable count")
    void partial() throws Exception {
      smallTree();
      OddTree.mode(OddTree.write(ws.source.resolve("locked.txt"), "locked\n"), 0000);
      hooks(null, dumpEnv("post.env"), "30s");
      CliResult r =
          Workspace.run(Shell.withoutDacOverride(ws.process("backup", Workspace.JOB)), 120);
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
      Map<String, String> post = readEnv(tmp.resolve("post.env"));
      assertThat(post)
          .containsEntry("CONTINUO_RESULT", "partial")
          .containsEntry("CONTINUO_EXIT_CODE", "3")
          .containsEntry("CONTINUO_FILES_UNREADABLE", "1")
          .containsEntry("CONTINUO_RUN", ws.committedRuns().get(0));
    }

    @Test
    @DisplayName("the post-hook of a failed run sees it failed, with the error")
    void failed() throws Exception {
      hooks(null, dumpEnv("post.env"), "30s");
      Files.delete(ws.source);
      CliResult r = ws.cli("backup", Workspace.JOB);
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
      Map<String, String> post = readEnv(tmp.resolve("post.env"));
      assertThat(post)
          .containsEntry("CONTINUO_JOB", Workspace.JOB)
          .containsEntry("CONTINUO_RESULT", "failed")
          .containsEntry("CONTINUO_EXIT_CODE", "1");
      assertThat(post.get("CONTINUO_ERROR"))
          .contains(ws.source.toString())
          .contains("does not exist");
      assertThat(ws.committedRuns()).isEmpty();
    }

    @Test
    @DisplayName("the post-hook of a run whose target is missing (NAS not mounted) sees it failed")
    void failedOnMissingTarget() throws Exception {
      smallTree();
      hooks(null, dumpEnv("post.env"), "30s");
      Files.delete(ws.nas);
      CliResult r = ws.cli("backup", Workspace.JOB);
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
      assertThat(tmp.resolve("post.env"))
          .as("the post-hook ran (it is how failures alert)")
          .exists();
      Map<String, String> post = readEnv(tmp.resolve("post.env"));
      assertThat(post)
          .containsEntry("CONTINUO_JOB", Workspace.JOB)
          .containsEntry("CONTINUO_RESULT", "failed")
          .containsEntry("CONTINUO_EXIT_CODE", "1");
      assertThat(post.get("CONTINUO_ERROR")).contains(ws.nas.toString());
    }

    @Test
    @DisplayName("a failing post-hook is a warning; the run keeps its outcome")
    void failingPostHook() throws Exception {
      smallTree();
      hooks(null, "exit 4", "30s");
      CliResult r = ws.cli("backup", Workspace.JOB);
      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.err()).contains("post hook").contains("exit code 4");
      assertThat(ws.committedRuns()).hasSize(1);
    }
  }

  @Nested
  @DisplayName("with unreadable files (run without DAC override)")
  class Unreadable {
    @Test
    @DisplayName("is partial (exit 3), names them, is marked partial, and the rest restores")
    void partialRun() throws Exception {
      smallTree();
      OddTree.write(ws.source.resolve("docs/secret.txt"), "secret\n");
      Path lockedDir = Files.createDirectories(ws.source.resolve("vault"));
      OddTree.write(lockedDir.resolve("inside.txt"), "inside\n");
      OddTree.mode(ws.source.resolve("docs/secret.txt"), 0000);
      OddTree.mode(lockedDir, 0000);
      TreeSnapshot before = TreeSnapshot.of(ws.source, true);

      CliResult r =
          Workspace.run(Shell.withoutDacOverride(ws.process("backup", Workspace.JOB)), 120);
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
      assertThat(r.out())
          .contains("2 entries could not be read")
          .contains(path("docs/secret.txt"))
          .contains(path("vault"))
          .contains("(PARTIAL)");

      CliResult list = ws.cli("list", Workspace.JOB);
      assertThat(list.out()).contains("full*").contains("partial");
      CliResult json = ws.cli("list", Workspace.JOB, "--json");
      assertThat(JSON.readTree(json.out()).get(0).path("unreadable").asLong()).isEqualTo(2);

      Path to = tmp.resolve("restore");
      CliResult restore = ws.cli("restore", Workspace.JOB, "--to", to.toString());
      assertThat(restore.exitCode()).as(restore.toString()).isZero();
      assertThat(restore.out()).contains(path("docs/secret.txt"));
      Map<String, TreeSnapshot.State> expected = new HashMap<>(before.entries());
      expected.remove("docs/secret.txt");
      expected.remove("vault/inside.txt");
      assertThat(TreeSnapshot.of(restored(to), true).entries()).isEqualTo(expected);
    }
  }

  @Nested
  @DisplayName("with special files")
  class SpecialFiles {
    @Test
    @DisplayName("skips a FIFO and a UNIX socket with a note and succeeds (exit 0)")
    void fifoAndSocket() throws Exception {
      smallTree();
      Shell.bashOk("mkfifo " + quote(ws.source.resolve("docs/pipe")), 10);
      Path socket = ws.source.resolve("docs/sock");
      try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
        server.bind(UnixDomainSocketAddress.of(socket));
        TreeSnapshot before = TreeSnapshot.of(ws.source, true);

        CliResult r = ws.cli("backup", Workspace.JOB);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out())
            .contains("2 entries skipped")
            .contains(path("docs/pipe") + " (FIFO)")
            .contains(path("docs/sock") + " (socket)");
        assertThat(manifestPaths()).doesNotContain("docs/pipe", "docs/sock").contains("docs/a.txt");

        Path to = tmp.resolve("restore");
        CliResult restore = ws.cli("restore", Workspace.JOB, "--to", to.toString());
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        Map<String, TreeSnapshot.State> expected = new HashMap<>(before.entries());
        expected.remove("docs/pipe");
        expected.remove("docs/sock");
        assertThat(TreeSnapshot.of(restored(to), true).entries()).isEqualTo(expected);
      }
    }
  }

  @Nested
  @DisplayName("detects changes")
  class ChangeDetection {
    @BeforeEach
    void full() throws Exception {
      smallTree();
      JsonNode full = backupJson();
      assertThat(full.path("level").asText()).isEqualTo("full");
    }

    @Test
    @DisplayName("an incremental with no changes reads 0 bytes and finds every file unchanged")
    void nothingChanged() throws Exception {
      JsonNode r = backupJson();
      assertThat(r.path("level").asText()).isEqualTo("incremental");
      assertThat(r.path("bytesRead").asLong()).isZero();
      assertThat(r.path("unchangedFiles").asLong()).isEqualTo(3);
      assertThat(r.path("newFiles").asLong()).isZero();
      assertThat(r.path("changedFiles").asLong()).isZero();
      assertThat(r.path("deleted").asLong()).isZero();

      CliResult text = ws.cli("backup", Workspace.JOB);
      assertThat(text.out()).contains("0 new, 0 changed, 3 unchanged, 0 deleted; read 0 B");
    }

    @Test
    @DisplayName("touching a file's mtime makes it changed, and only it is read")
    void touched() throws Exception {
      Path b = ws.source.resolve("docs/b.txt");
      Files.setLastModifiedTime(b, FileTime.from(Instant.parse("2024-05-06T07:08:09Z")));
      JsonNode r = backupJson();
      assertThat(r.path("changedFiles").asLong()).isEqualTo(1);
      assertThat(r.path("unchangedFiles").asLong()).isEqualTo(2);
      assertThat(r.path("bytesRead").asLong()).isEqualTo(Files.size(b));
    }

    @Test
    @DisplayName("content rewritten with the same size and the old mtime put back is seen (ctime)")
    void sameSizeSameMtime() throws Exception {
      Path a = ws.source.resolve("docs/a.txt");
      FileTime mtime = Files.getLastModifiedTime(a);
      Files.writeString(a, "ALPHA\n");
      Files.setLastModifiedTime(a, mtime);
      JsonNode r = backupJson();
      assertThat(r.path("changedFiles").asLong()).isEqualTo(1);

      Path to = tmp.resolve("restore");
      CliResult restore = ws.cli("restore", Workspace.JOB, "--to", to.toString());
      assertThat(restore.exitCode()).as(restore.toString()).isZero();
      assertThat(restored(to).resolve("docs/a.txt")).hasContent("ALPHA");
    }

    @Test
    @DisplayName("--full forces a full that reads everything, and the next run builds on it")
    void forcedFull() throws Exception {
      JsonNode r = backupJson("--full");
      assertThat(r.path("level").asText()).isEqualTo("full");
      assertThat(r.path("run").asText()).endsWith("-F");
      assertThat(r.path("unchangedFiles").asLong()).isZero();
      assertThat(r.path("bytesRead").asLong()).isEqualTo(6 + 5000 + 6);

      JsonNode next = backupJson();
      assertThat(next.path("level").asText()).isEqualTo("incremental");
      CliResult list = ws.cli("list", Workspace.JOB, "--json");
      JsonNode points = JSON.readTree(list.out());
      assertThat(points).hasSize(3);
      assertThat(points.get(2).path("parent").asText()).isEqualTo(r.path("run").asText());
    }
  }

  @Nested
  @DisplayName("with excludes")
  class Excludes {
    @Test
    @DisplayName("leaves names matching *.tmp and cache out of the manifest, wherever they are")
    void excluded() throws Exception {
      ws.writeConfig("exclude: [\"*.tmp\", \"cache\"]", "");
      Path s = ws.source;
      Files.createDirectories(s.resolve("sub/cache"));
      Files.createDirectories(s.resolve("cache/deep"));
      Files.createDirectories(s.resolve("notcache"));
      for (String f :
          List.of(
              "a.txt",
              "b.tmp",
              "sub/c.tmp",
              "sub/d.txt",
              "sub/cache/e.txt",
              "cache/deep/f.txt",
              "cache.txt",
              "tmp.txt",
              "notcache/g.txt",
              "x.tmp.txt")) {
        OddTree.write(s.resolve(f), f + "\n");
      }
      CliResult r = ws.cli("backup", Workspace.JOB);
      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(manifestPaths())
          .containsExactlyInAnyOrder(
              "",
              "a.txt",
              "sub",
              "sub/d.txt",
              "cache.txt",
              "tmp.txt",
              "notcache",
              "notcache/g.txt",
              "x.tmp.txt");
    }
  }

  @Nested
  @DisplayName("when a file changes while it is read")
  class ChangedWhileRead {
    @Test
    @DisplayName("flags it in the manifest and the output, and reads it again next time")
    void growingFile() throws Exception {
      Path log = ws.source.resolve("growing.log");
      try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
        f.setLength(256L << 20); // long enough to read that appends land while it is read
      }
      OddTree.write(ws.source.resolve("quiet.txt"), "quiet\n");
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong appended = new AtomicLong();
      Thread appender =
          new Thread(
              () -> {
                try (FileChannel ch = FileChannel.open(log, StandardOpenOption.APPEND)) {
                  while (!stop.get()) {
                    ch.write(ByteBuffer.wrap("line\n".getBytes()));
                    appended.incrementAndGet();
                    Thread.sleep(1);
                  }
                } catch (IOException | InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              },
              "appender");
      CliResult r;
      appender.start();
      try {
        r = Workspace.run(ws.process("backup", Workspace.JOB), 300);
      } finally {
        stop.set(true);
        appender.join(10_000);
      }
      assertThat(appended.get()).isPositive();
      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.out())
          .contains("1 entry changed while being read")
          .contains(path("growing.log"));

      String run = ws.committedRuns().get(0);
      JsonNode entry = null;
      JsonNode quiet = null;
      for (JsonNode n : manifest(run)) {
        if (n.path("path").asText().equals(path("growing.log"))) {
          entry = n;
        } else if (n.path("path").asText().equals(path("quiet.txt"))) {
          quiet = n;
        }
      }
      assertThat(entry).isNotNull();
      assertThat(entry.path("changed").asBoolean()).as(entry.toString()).isTrue();
      assertThat(quiet.has("changed")).as(quiet.toString()).isFalse();
      CliResult files = ws.cli("list", Workspace.JOB, "--files", path("growing.log"));
      assertThat(files.out()).contains("[changed while read]");

      JsonNode next = backupJson();
      assertThat(next.path("changedFiles").asLong()).as("read again").isEqualTo(1);
      assertThat(next.path("unchangedFiles").asLong()).isEqualTo(1);
      assertThat(next.path("changedWhileRead").size()).isZero();
    }
  }
}
