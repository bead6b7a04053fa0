package it.continuo.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.continuo.backup.BackupEngine;
import it.continuo.backup.BackupResult;
import it.continuo.catalog.JobStore;
import it.continuo.catalog.Level;
import it.continuo.catalog.RestorePoint;
import it.continuo.catalog.RunId;
import it.continuo.config.Config;
import it.continuo.config.ConfigLoader;
import it.continuo.config.JobConfig;
import it.continuo.config.VerificationConfig;
import it.continuo.history.NightlyCheck;
import it.continuo.history.NightlyCheck.TestRestore;
import it.continuo.progress.CancelledException;
import it.continuo.progress.Listener;
import it.continuo.progress.Progress;
import it.continuo.storage.ObjectInfo;
import it.continuo.storage.Target;
import it.continuo.storage.TargetException;
import it.continuo.storage.Targets;
import it.continuo.storage.wrap.ForwardingTarget;
import it.continuo.testing.MixedTree;
import it.continuo.testing.TestClock;
import it.continuo.testing.Workspace;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly verification of real backups on a local target, night after night with a clock the
 * test moves: backups at 22:00, the check at 03:00 the next morning.
 */
@DisplayName("The nightly verification")
class NightlyVerifierTest {
  static final ZoneId ROME = ZoneId.of("Europe/Rome");

  /** A Sunday: fulls on Sundays, incrementals on the other days. */
  static final LocalDateTime FIRST_BACKUP = LocalDateTime.parse("2026-11-01T22:00");

  /** 1 MiB of random bytes, in every full: the middle of a full's archive lies inside it. */
  static final String BIG = "m-big.bin";

  @TempDir Path tmp;
  Workspace ws;
  Config config;
  JobConfig job;
  TestClock clock;
  Path scratch;
  Random random = new Random(11);
  int day;

  @BeforeEach
  void workspace() throws Exception {
    ws = new Workspace(tmp.resolve("ws"));
    config = new ConfigLoader().load(ws.config);
    job = config.job(Workspace.JOB);
    clock = new TestClock(Instant.EPOCH);
    scratch = tmp.resolve("scratch");
    Files.createDirectories(ws.source.resolve("docs"));
    for (int i = 0; i < 12; i++) {
      MixedTree.writeText(ws.source.resolve("docs/doc-" + i + ".txt"), random, 2_000 + 500 * i);
    }
    MixedTree.writeRandom(ws.source.resolve(BIG), random, 1 << 20);
  }

  VerificationConfig settings(int days, int sampleFiles, long sampleBytes) {
    return new VerificationConfig(null, days, sampleFiles, sampleBytes, scratch);
  }

  VerificationConfig settings() {
    return settings(7, 5, 64L << 20);
  }

  /** Backs up the source as it is on the next day at 22:00, after a change of the day. */
  String nextBackup() throws Exception {
    LocalDateTime at = FIRST_BACKUP.plusDays(day++);
    Files.writeString(ws.source.resolve("day-" + day + ".txt"), "written on " + at + "\n");
    MixedTree.writeText(ws.source.resolve("docs/changing.txt"), random, 3_000);
    clock.set(at.atZone(ROME).toInstant());
    Level level = at.getDayOfWeek() == DayOfWeek.SUNDAY ? Level.FULL : Level.INCREMENTAL;
    BackupResult r =
        new BackupEngine(config, clock, "test").backup(job, level, Listener.NONE, new Progress());
    assertThat(r.run()).as(r.toString()).isNotNull();
    return r.run();
  }

  /** The morning after the last backup, at 03:00: the nightly check. */
  NightlyCheck night(VerificationConfig settings) throws Exception {
    clock.set(FIRST_BACKUP.plusDays(day - 1).plusHours(5).atZone(ROME).toInstant());
    return check(settings, t -> t);
  }

  NightlyCheck check(VerificationConfig settings, Function<Target, Target> wrap) throws Exception {
    try (Target target = wrap.apply(Targets.open(config.targetOf(job, null)))) {
      JobStore store = new JobStore(target, Workspace.AGENT, Workspace.JOB);
      return new NightlyVerifier(clock, settings)
          .check(Workspace.JOB, "nas", store, Listener.NONE, new Progress())
          .check();
    }
  }

  List<RestorePoint> points() throws Exception {
    try (Target target = Targets.open(config.targetOf(job, null))) {
      return new JobStore(target, Workspace.AGENT, Workspace.JOB).withVerifications();
    }
  }

  long archiveSize(String run) throws IOException {
    return Files.size(ws.jobDir().resolve(run + ".tar.zst"));
  }

  long storedSize(String run) throws IOException {
    return archiveSize(run) + Files.size(ws.jobDir().resolve(run + ".manifest.jsonl.zst"));
  }

  @Nested
  @DisplayName("new runs")
  class NewRuns {
    @Test
    @DisplayName(
        "are all read back the first night, recorded beside each run, and count as covered")
    void readBack() throws Exception {
      List<String> runs = List.of(nextBackup(), nextBackup(), nextBackup());

      NightlyCheck c = night(settings());

      assertThat(c.error()).isNull();
      assertThat(c.ok()).isTrue();
      assertThat(c.runsChecked()).isEqualTo(3);
      assertThat(c.damagedRuns()).isZero();
      assertThat(c.problems()).isEmpty();
      long stored = 0;
      for (String run : runs) {
        stored += storedSize(run);
        assertThat(ws.jobDir().resolve(run + ".verify.json")).exists();
      }
      assertThat(c.bytesChecked()).isEqualTo(stored);
      assertThat(c.storedRuns()).isEqualTo(3);
      assertThat(c.storedBytes()).isEqualTo(stored);
      assertThat(c.coveredBytes()).isEqualTo(stored);
      assertThat(c.coverage()).isEqualTo(1.0);
      assertThat(c.coverageDays()).isEqualTo(7);
      assertThat(c.job()).isEqualTo(Workspace.JOB);
      assertThat(c.target()).isEqualTo("nas");
      assertThat(c.started()).isEqualTo(clock.instant());
    }

    @Test
    @DisplayName("make the newest point the verified one: its start, and the archives it needs")
    void verifiedPoint() throws Exception {
      List<String> runs = List.of(nextBackup(), nextBackup(), nextBackup());

      NightlyCheck c = night(settings());

      String latest = runs.get(2);
      assertThat(c.verifiedRun()).isEqualTo(latest);
      assertThat(c.verifiedPoint()).isEqualTo(RunId.parse(latest).orElseThrow().start());
      RestorePoint p = points().get(2);
      long needed = 0;
      Set<String> needs = new HashSet<>(p.footer().needs());
      needs.add(latest);
      for (String run : needs) {
        needed += archiveSize(run);
      }
      assertThat(c.verifiedPointBytes()).isEqualTo(needed);
    }

    @Test
    @DisplayName("the next night, the new run is read with only a share of the older ones")
    void nextNight() throws Exception {
      for (int i = 0; i < 5; i++) {
        nextBackup();
      }
      night(settings());
      String newest = nextBackup();

      NightlyCheck c = night(settings());

      Map<String, Instant> verifiedAt = new HashMap<>();
      for (RestorePoint p : points()) {
        verifiedAt.put(p.run(), p.verification().at());
      }
      assertThat(verifiedAt.get(newest)).isEqualTo(clock.instant());
      assertThat(c.runsChecked()).isGreaterThan(1).isLessThan(c.storedRuns());
      assertThat(verifiedAt.values().stream().filter(clock.instant()::equals).count())
          .isEqualTo(c.runsChecked());
    }
  }

  @Nested
  @DisplayName("three weeks of nightly backups with fullCoverageDays: 7")
  class ThreeWeeks {
    @Test
    @DisplayName(
        "every night covers every stored byte, reads only part of it, and no run's last"
            + " verification is older than the window")
    void coverage() throws Exception {
      List<NightlyCheck> nights = new ArrayList<>();
      for (int n = 0; n < 21; n++) {
        nextBackup();
        NightlyCheck c = night(settings(7, 2, 64L << 20));
        nights.add(c);
        assertThat(c.ok()).as("night %d: %s", n + 1, c).isTrue();
        assertThat(c.coverage()).as("night %d", n + 1).isEqualTo(1.0);
        assertThat(c.storedRuns()).isEqualTo(n + 1);
        for (RestorePoint p : points()) {
          assertThat(p.verification().at())
              .as("night %d, run %s", n + 1, p.run())
              .isAfter(clock.instant().minus(Duration.ofDays(7)));
        }
      }
      for (NightlyCheck c : nights.subList(7, nights.size())) {
        assertThat(c.runsChecked()).as("from the 8th night: %s", c).isLessThan(c.storedRuns());
        assertThat(c.bytesChecked()).isLessThan(c.storedBytes());
      }
    }

    @Test
    @DisplayName("a run last verified long ago is read again the first night, whatever the budget")
    void overdue() throws Exception {
      for (int i = 0; i < 4; i++) {
        nextBackup();
      }
      clock.set(FIRST_BACKUP.plusDays(3).plusHours(5).atZone(ROME).toInstant());
      check(settings(), t -> t);
      // thirty days later, no backup meanwhile: every run would leave the window tomorrow
      clock.advance(Duration.ofDays(30));

      NightlyCheck c = check(settings(), t -> t);

      assertThat(c.runsChecked()).isEqualTo(4);
      assertThat(c.coverage()).isEqualTo(1.0);
    }
  }

  @Nested
  @DisplayName("a byte flipped inside a stored full archive")
  class FlippedByte {
    List<String> runs = new ArrayList<>();

    @BeforeEach
    void twoChainsVerified() throws Exception {
      for (int i = 0; i < 9; i++) {
        runs.add(nextBackup());
        assertThat(night(settings()).ok()).isTrue();
      }
      assertThat(runs.get(7)).endsWith("-F");
      Path archive = ws.jobDir().resolve(runs.get(7) + ".tar.zst");
      Damage.flipByte(archive, Files.size(archive) / 2);
    }

    @Test
    @DisplayName(
        "is found within the coverage window; the check names the run and the verified point"
            + " falls back to the newest intact one")
    void found() throws Exception {
      NightlyCheck found = null;
      for (int n = 0; n < 7 && found == null; n++) {
        runs.add(nextBackup());
        NightlyCheck c = night(settings());
        if (c.damagedRuns() > 0) {
          found = c;
        }
      }
      assertThat(found).as("damage found within 7 nights").isNotNull();
      assertThat(found.ok()).isFalse();
      assertThat(found.problems()).isNotEmpty();
      assertThat(found.problems()).anyMatch(p -> p.startsWith(runs.get(7) + ": "));
      assertThat(found.problems()).anyMatch(p -> p.contains(BIG));
      assertThat(found.verifiedRun())
          .as("the last run before the damaged full")
          .isEqualTo(runs.get(6));
      assertThat(found.testRestore()).isNotNull();
      assertThat(found.testRestore().run()).isEqualTo(runs.get(6));
      assertThat(found.testRestore().ok()).isTrue();
    }

    @Test
    @DisplayName("once found, is read again every night until it is gone")
    void readAgain() throws Exception {
      NightlyCheck c = night(settings());
      for (int n = 0; n < 7 && c.damagedRuns() == 0; n++) {
        runs.add(nextBackup());
        c = night(settings());
      }
      assertThat(c.damagedRuns()).isPositive();

      runs.add(nextBackup());
      NightlyCheck next = night(settings());

      assertThat(next.damagedRuns()).isPositive();
      assertThat(next.ok()).isFalse();
      assertThat(next.problems()).anyMatch(p -> p.startsWith(runs.get(7) + ": "));
    }
  }

  @Nested
  @DisplayName("the test restore")
  class TestRestores {
    @Test
    @DisplayName(
        "restores the sample from the verified point, compares it, measures its throughput and"
            + " leaves the scratch directory empty")
    void restores() throws Exception {
      nextBackup();
      String latest = nextBackup();

      NightlyCheck c = night(settings(7, 5, 64L << 20));

      TestRestore t = c.testRestore();
      assertThat(t).isNotNull();
      assertThat(t.run()).isEqualTo(latest);
      assertThat(t.files()).isEqualTo(5);
      assertThat(t.bytes()).isPositive();
      assertThat(t.ok()).as(String.valueOf(t.problems())).isTrue();
      assertThat(t.problems()).isEmpty();
      assertThat(t.archiveBytesRead()).isPositive();
      assertThat(t.archiveBytesRead())
          .isLessThanOrEqualTo(archiveSize(points().get(0).run()) + archiveSize(latest));
      assertThat(t.millis()).isPositive();
      assertThat(t.bytesPerSecond()).isPositive();
      assertThat(scratch).isDirectory();
      try (Stream<Path> left = Files.list(scratch)) {
        assertThat(left).isEmpty();
      }
    }

    @Test
    @DisplayName(
        "that restores a file other than the manifest says fails, naming the file and its run")
    void difference() throws Exception {
      String full = nextBackup();

      // the verification reads the archive intact; the restore, right after, reads it damaged
      NightlyCheck c = check(settings(7, 100, 64L << 20), SecondReadDamaged::new);

      assertThat(c.damagedRuns()).isZero();
      assertThat(c.verifiedRun()).isEqualTo(full);
      TestRestore t = c.testRestore();
      assertThat(t.ok()).isFalse();
      assertThat(t.problems())
          .anyMatch(p -> p.contains(BIG + " (run " + full + "): not restored: content does not"));
      assertThat(c.ok()).isFalse();
      try (Stream<Path> left = Files.list(scratch)) {
        assertThat(left).isEmpty();
      }
    }

    @Test
    @DisplayName("stops adding files once their content passes sampleBytes")
    void sampleBytes() throws Exception {
      nextBackup();

      NightlyCheck c = night(settings(7, 10, 1));

      assertThat(c.testRestore().files()).isEqualTo(1);
    }

    @Test
    @DisplayName("tests other files on other nights, the same files on the same night")
    void rotates() throws Exception {
      nextBackup();
      List<RestorePoint> points = points();
      Set<String> seen = new HashSet<>();
      List<String> first = null;
      for (int n = 0; n < 7; n++) {
        clock.set(FIRST_BACKUP.plusDays(n + 1).atZone(ROME).toInstant());
        List<String> sample = sample(points);
        assertThat(sample).hasSize(3).isEqualTo(sample(points));
        first = first == null ? sample : first;
        seen.addAll(sample);
      }
      assertThat(seen).hasSizeGreaterThan(6);
    }

    private List<String> sample(List<RestorePoint> points) throws Exception {
      try (Target target = Targets.open(config.targetOf(job, null))) {
        JobStore store = new JobStore(target, Workspace.AGENT, Workspace.JOB);
        return new TestRestoreRun(clock, store, points, Map.of())
            .sample(points.get(0), 3, Long.MAX_VALUE).stream().map(e -> e.path()).toList();
      }
    }

    @Test
    @DisplayName("is not made when sampleFiles is 0")
    void none() throws Exception {
      nextBackup();

      NightlyCheck c = night(settings(7, 0, 64L << 20));

      assertThat(c.testRestore()).isNull();
      assertThat(c.ok()).isTrue();
      assertThat(c.verifiedRun()).isNotNull();
    }

    @Test
    @DisplayName("that cannot write its scratch directory fails, saying where")
    void scratchUnusable() throws Exception {
      nextBackup();
      Files.writeString(scratch, "a file where the scratch directory should be");

      NightlyCheck c = night(settings());

      assertThat(c.testRestore().ok()).isFalse();
      assertThat(c.testRestore().problems()).anyMatch(p -> p.contains(scratch.toString()));
      assertThat(c.ok()).isFalse();
    }
  }

  @Nested
  @DisplayName("a target that cannot be read")
  class Unreadable {
    @Test
    @DisplayName("because its directory is gone gives a check with the error, not an exception")
    void gone() throws Exception {
      nextBackup();
      FileUtils.deleteDirectory(ws.nas.toFile());

      NightlyCheck c =
          new NightlyVerifier(clock, settings())
              .check(
                  Workspace.AGENT,
                  Workspace.JOB,
                  config.targetOf(job, null),
                  null,
                  Listener.NONE,
                  new Progress())
              .check();

      assertThat(c.error()).contains("nas").contains("does not exist");
      assertThat(c.ok()).isFalse();
      assertThat(c.testRestore()).isNull();
      assertThat(c.coverageDays()).isEqualTo(7);
    }

    @Test
    @DisplayName("because listing it fails gives a check with the error, not an exception")
    void listingFails() throws Exception {
      nextBackup();

      NightlyCheck c = check(settings(), Unlistable::new);

      assertThat(c.error()).contains("cannot read target nas").contains("injected");
      assertThat(c.ok()).isFalse();
    }
  }

  /** A target that gives every archive intact the first time and with a byte flipped after. */
  static final class SecondReadDamaged extends ForwardingTarget {
    private final Map<String, Integer> reads = new HashMap<>();

    SecondReadDamaged(Target inner) {
      super(inner);
    }

    @Override
    public InputStream open(String key) throws IOException {
      InputStream in = super.open(key);
      if (!key.endsWith(".tar.zst") || reads.merge(key, 1, Integer::sum) == 1) {
        return in;
      }
      long flip = inner.stat(key).orElseThrow().size() / 2;
      return new FilterInputStream(in) {
        long position;

        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          int n = super.read(b, off, len);
          if (n > 0 && position <= flip && flip < position + n) {
            int i = off + (int) (flip - position);
            b[i] = (byte) ~b[i];
          }
          position += Math.max(n, 0);
          return n;
        }
      };
    }
  }

  /** A target whose listing fails, as an unmounted share or a revoked credential makes it. */
  static final class Unlistable extends ForwardingTarget {
    Unlistable(Target inner) {
      super(inner);
    }

    @Override
    public List<ObjectInfo> list(String prefix) throws IOException {
      throw new TargetException(TargetException.Kind.PERMANENT, "injected: permission denied");
    }
  }

  @Test
  @DisplayName("stops when asked to, with CancelledException, before reading anything")
  void cancelled() throws Exception {
    nextBackup();
    Progress progress = new Progress();
    progress.cancel("daemon stopping");

    try (Target target = Targets.open(config.targetOf(job, null))) {
      JobStore store = new JobStore(target, Workspace.AGENT, Workspace.JOB);
      assertThatThrownBy(
              () ->
                  new NightlyVerifier(clock, settings())
                      .check(Workspace.JOB, "nas", store, Listener.NONE, progress))
          .isInstanceOf(CancelledException.class);
    }
    assertThat(points().get(0).verification()).isNull();
  }
}
