package it.continuo.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.continuo.testing.CliResult;
import it.continuo.testing.MixedTree;
import it.continuo.testing.TreeSnapshot;
import it.continuo.testing.Workspace;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills real backup processes with SIGKILL at many moments of a run and checks what the target
 * shows afterwards: the commit protocol of DESIGN.md ("a crash at any moment loses at most the run
 * in progress").
 */
@DisplayName("A backup killed with SIGKILL at any moment")
class CrashSafetyIT {
  private static final String JOB = Workspace.JOB;
  private static final String ARCHIVE = ".tar.zst";
  private static final String MANIFEST = ".manifest.jsonl.zst";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Evenly spaced moments over the duration of a whole backup process, start-up included. */
  private static final int TIMED_MOMENTS = 14;

  /** Between two looks at the job directory: short against an fsync, long enough to leave CPU. */
  private static final long POLL_NANOS = 100_000;

  /** Tries at catching the short window between the archive's rename and the manifest's. */
  private static final int RENAME_WINDOW_TRIES = 8;

  @TempDir static Path tmp;
  static Workspace ws;
  static TreeSnapshot source;
  static long fullArchiveBytes;
  static long fullBackupMillis;
  static final List<Kill> kills = new ArrayList<>();

  /** Where the target was when the process died, judged from what it left. */
  enum Phase {
    BEFORE_WRITING("before anything was written to the target"),
    ARCHIVE_BEING_WRITTEN("while the archive was being written (temporary file)"),
    ARCHIVE_IN_PLACE("after the archive was renamed into place, before the manifest"),
    RUN_COMMITTED("after the manifest was committed");

    final String description;

    Phase(String description) {
      this.description = description;
    }
  }

  /** A planned moment: not before {@code notBeforeMillis}, and once {@code when} holds. */
  record Moment(String name, long notBeforeMillis, Predicate<TargetState> when) {}

  /** One backup process killed (or that finished before its moment came). */
  record Kill(
      String moment, boolean killed, long atMillis, long archivePartialBytes, Phase phase) {}

  /** The job directory (and lock file) as seen at one instant, compared with before the run. */
  record TargetState(
      Set<String> newNames, long archivePartialBytes, boolean lockHeld, List<String> partials) {

    boolean archivePartialExists() {
      return archivePartialBytes >= 0;
    }

    Set<String> runs(String suffix) {
      return newNames.stream()
          .filter(n -> !n.startsWith(".") && n.endsWith(suffix))
          .map(n -> n.substring(0, n.length() - suffix.length()))
          .collect(Collectors.toSet());
    }

    boolean archiveInPlaceWithoutManifest() {
      Set<String> manifests = runs(MANIFEST);
      return runs(ARCHIVE).stream().anyMatch(r -> !manifests.contains(r));
    }

    Phase phase() {
      if (!runs(MANIFEST).isEmpty()) {
        return Phase.RUN_COMMITTED;
      }
      if (!runs(ARCHIVE).isEmpty()) {
        return Phase.ARCHIVE_IN_PLACE;
      }
      if (archivePartialExists()) {
        return Phase.ARCHIVE_BEING_WRITTEN;
      }
      return Phase.BEFORE_WRITING;
    }

    static TargetState read(Set<String> before) throws IOException {
      Set<String> names = new HashSet<>();
      List<String> partials = new ArrayList<>();
      long archivePartial = -1;
      if (Files.isDirectory(ws.jobDir())) {
        try (Stream<Path> files = Files.list(ws.jobDir())) {
          for (Path p : (Iterable<Path>) files::iterator) {
            String n = p.getFileName().toString();
            if (n.endsWith(".partial")) {
              partials.add(n);
              if (n.contains(ARCHIVE + ".")) {
                archivePartial = Math.max(archivePartial, sizeOrZero(p));
              }
            }
            if (!before.contains(n)) {
              names.add(n);
            }
          }
        }
      }
      return new TargetState(names, archivePartial, sizeOrZero(lockFile()) > 0, partials);
    }

    private static long sizeOrZero(Path p) {
      try {
        return Files.size(p);
      } catch (IOException e) {
        return 0; // renamed or removed meanwhile
      }
    }
  }

  @BeforeAll
  static void anEarlierCompleteRun() throws Exception {
    ws = new Workspace(tmp.resolve("ws"));
    MixedTree.populate(ws.source, 2026, 10, 1_500_000, 600);
    source = TreeSnapshot.of(ws.source, true);

    long start = System.nanoTime();
    CliResult first = Workspace.run(ws.process("backup", JOB, "--full"), 120);
    fullBackupMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(first.exitCode()).as(first.toString()).isZero();
    List<String> runs = ws.committedRuns();
    assertThat(runs).hasSize(1);
    fullArchiveBytes = Files.size(ws.jobDir().resolve(runs.get(0) + ARCHIVE));
  }

  @TestFactory
  @DisplayName("never leaves a run that list shows or restore uses, and the next backup succeeds")
  Stream<DynamicTest> killedAtEachMoment() {
    List<Moment> moments = new ArrayList<>();
    for (int i = 0; i < TIMED_MOMENTS; i++) {
      long at = fullBackupMillis * 9 / 10 * i / TIMED_MOMENTS; // the last tenth varies most
      moments.add(new Moment("killed " + at + " ms after the process started", at, s -> true));
    }
    moments.add(new Moment("killed as soon as it holds the job's lock", 0, TargetState::lockHeld));
    moments.add(
        new Moment(
            "killed as soon as the temporary archive appears",
            0,
            TargetState::archivePartialExists));
    for (int percent : new int[] {5, 10, 20, 35, 50, 65, 80, 90, 95}) {
      long bytes = fullArchiveBytes * percent / 100;
      moments.add(
          new Moment(
              "killed when the temporary archive holds " + percent + "% of its bytes",
              0,
              s -> s.archivePartialBytes() >= bytes));
    }
    moments.add(
        new Moment(
            "killed when the temporary archive is complete, before its rename",
            0,
            s -> s.archivePartialBytes() >= fullArchiveBytes));

    Stream<DynamicTest> each =
        moments.stream().map(m -> dynamicTest(m.name(), () -> killAndCheck(m)));
    DynamicTest renameWindow =
        dynamicTest(
            "killed as soon as the archive is renamed into place, before the manifest",
            CrashSafetyIT::killBetweenArchiveAndManifest);
    DynamicTest summary =
        dynamicTest(
            "hit at least twenty distinct moments, one of them while the archive was written",
            CrashSafetyIT::enoughMomentsWereHit);
    return Stream.concat(each, Stream.of(renameWindow, summary));
  }

  static void killBetweenArchiveAndManifest() throws Exception {
    Moment m =
        new Moment(
            "killed as soon as the archive is renamed into place, before the manifest",
            0,
            TargetState::archiveInPlaceWithoutManifest);
    List<Kill> tries = new ArrayList<>();
    for (int attempt = 1; attempt <= RENAME_WINDOW_TRIES; attempt++) {
      Kill k = killAndCheck(m);
      tries.add(k);
      if (k.phase() == Phase.ARCHIVE_IN_PLACE) {
        System.out.println("caught the rename window at attempt " + attempt);
        return;
      }
    }
    throw new AssertionError(
        "never killed between the archive's rename and the manifest's in "
            + RENAME_WINDOW_TRIES
            + " tries: "
            + tries);
  }

  static void enoughMomentsWereHit() {
    StringBuilder table = new StringBuilder("kills:\n");
    for (Kill k : kills) {
      table.append(
          String.format(
              "  %-5s %6d ms  archive.partial=%10d  %-22s %s%n",
              k.killed() ? "KILL" : "done",
              k.atMillis(),
              k.archivePartialBytes(),
              k.phase(),
              k.moment()));
    }
    System.out.println(table);
    Set<String> distinct =
        kills.stream().filter(Kill::killed).map(Kill::moment).collect(Collectors.toSet());
    Map<Phase, Long> byPhase = new EnumMap<>(Phase.class);
    kills.stream().filter(Kill::killed).forEach(k -> byPhase.merge(k.phase(), 1L, Long::sum));
    System.out.println("distinct moments killed: " + distinct.size() + ", by phase " + byPhase);

    assertThat(distinct).as(table.toString()).hasSizeGreaterThanOrEqualTo(20);
    assertThat(byPhase).as(table.toString()).containsKey(Phase.ARCHIVE_BEING_WRITTEN);
  }

  /** Runs {@code backup --full} as a real process, kills it at {@code m}, checks the aftermath. */
  static Kill killAndCheck(Moment m) throws Exception {
    List<String> committedBefore = ws.committedRuns();
    Set<String> namesBefore = names();
    assertThat(Files.exists(lockFile()) ? Files.size(lockFile()) : 0)
        .as("the lock is free before the run")
        .isZero();

    Path log = Files.createTempFile(tmp, "backup", ".log");
    Process p =
        ws.process("backup", JOB, "--full")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(120);
    TargetState seen = null;
    while (p.isAlive() && System.nanoTime() < deadline) {
      long wait = start + TimeUnit.MILLISECONDS.toNanos(m.notBeforeMillis()) - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(Math.min(wait, 1_000_000));
        continue;
      }
      TargetState s = TargetState.read(namesBefore);
      if (m.when().test(s)) {
        p.destroyForcibly(); // SIGKILL
        seen = s;
        break;
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
    long atMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the process ends").isTrue();
    int exit = p.exitValue();
    String output = Files.readString(log, StandardCharsets.UTF_8);
    boolean killed = seen != null && exit == 128 + 9;
    if (!killed) {
      assertThat(exit)
          .as("a backup that was not killed must succeed: %s%n%s", m.name(), output)
          .isZero();
    }

    TargetState left = TargetState.read(namesBefore);
    Kill k =
        new Kill(
            m.name(),
            killed,
            atMillis,
            seen == null ? -1 : seen.archivePartialBytes(),
            killed ? left.phase() : Phase.RUN_COMMITTED);
    kills.add(k);

    checkListShowsOnlyCommittedRuns(committedBefore, left);
    checkRestoreOfLatestPoint();
    checkNextBackup(left.lockHeld() && killed);
    return k;
  }

  /**
   * list --json names exactly the runs with a manifest: the earlier ones and a committed new one.
   */
  static void checkListShowsOnlyCommittedRuns(List<String> committedBefore, TargetState left)
      throws Exception {
    CliResult list = ws.cli("list", JOB, "--json");
    assertThat(list.exitCode()).as(list.toString()).isZero();
    List<String> listed = new ArrayList<>();
    for (JsonNode point : JSON.readTree(list.out())) {
      listed.add(point.get("run").asText());
      assertThat(point.has("damage")).as("run %s is listed as damaged: %s", point, list).isFalse();
    }
    List<String> withManifest = ws.committedRuns();
    assertThat(listed).as("runs listed vs runs with a manifest").isEqualTo(withManifest);
    assertThat(listed).containsAll(committedBefore);

    List<String> added = new ArrayList<>(listed);
    added.removeAll(committedBefore);
    if (left.phase() == Phase.RUN_COMMITTED) {
      assertThat(added).as("the killed run, committed before the kill").hasSize(1);
      CliResult verify = ws.cli("verify", JOB, "--run", added.get(0));
      assertThat(verify.exitCode()).as(verify.toString()).isZero();
      assertThat(verify.out()).contains(added.get(0) + " ok");
    } else {
      assertThat(added).as("runs listed that were not committed: %s", left).isEmpty();
      for (String archive : left.runs(ARCHIVE)) {
        assertThat(listed).doesNotContain(archive);
      }
    }
  }

  /** restore of the latest point gives the source tree, from the newest committed run. */
  static void checkRestoreOfLatestPoint() throws Exception {
    List<String> committed = ws.committedRuns();
    String latest = committed.get(committed.size() - 1);
    Path to = tmp.resolve("restore");
    try {
      CliResult restore = ws.cli("restore", JOB, "--to", to.toString());
      assertThat(restore.exitCode()).as(restore.toString()).isZero();
      assertThat(restore.out()).contains("restored " + JOB + " " + latest + " ");
      Path restored = to.resolve(ws.source.toString().substring(1));
      assertThat(TreeSnapshot.of(restored, true)).isEqualTo(source);
    } finally {
      deleteTree(to);
    }
  }

  /** The next backup succeeds and leaves neither temporary files nor archives without manifest. */
  static void checkNextBackup(boolean killedHoldingTheLock) throws Exception {
    int before = ws.committedRuns().size();
    CliResult next = ws.cli("backup", JOB);
    assertThat(next.exitCode()).as(next.toString()).isZero();
    if (killedHoldingTheLock) {
      assertThat(next.err()).contains("was interrupted");
    }
    List<String> committed = ws.committedRuns();
    assertThat(committed).hasSize(before + 1);
    assertThat(next.out()).contains(committed.get(committed.size() - 1));
    Set<String> names = names();
    assertThat(names).noneMatch(n -> n.endsWith(".partial"));
    for (String n : names) {
      if (n.endsWith(ARCHIVE)) {
        String run = n.substring(0, n.length() - ARCHIVE.length());
        assertThat(names).as("archive %s has its manifest", n).contains(run + MANIFEST);
      }
    }
  }

  static Set<String> names() throws IOException {
    try (Stream<Path> files = Files.list(ws.jobDir())) {
      return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    } catch (NoSuchFileException e) {
      return Set.of();
    }
  }

  static Path lockFile() {
    return ws.data.resolve("locks").resolve(JOB + ".lock");
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }
}
