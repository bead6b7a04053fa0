package it.continuo.verify;

import it.continuo.catalog.JobStore;
import it.continuo.catalog.RestorePoint;
import it.continuo.history.NightlyCheck.TestRestore;
import it.continuo.io.Sha256;
import it.continuo.io.Trees;
import it.continuo.manifest.EntryType;
import it.continuo.manifest.ManifestEntry;
import it.continuo.manifest.ManifestReader;
import it.continuo.progress.CancelledException;
import it.continuo.progress.Listener;
import it.continuo.progress.Progress;
import it.continuo.restore.RestoreEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The test restore of one night: a sample of the files of a verified point, restored into a fresh
 * scratch directory with the restore engine, each file then compared with the manifest on its own,
 * and the directory deleted again whatever happened.
 */
final class TestRestoreRun {
  static final int LISTED = 20;

  private final Clock clock;
  private final JobStore store;
  private final List<RestorePoint> points;
  private final Map<String, StoredRun> byRun;

  TestRestoreRun(
      Clock clock, JobStore store, List<RestorePoint> points, Map<String, StoredRun> byRun) {
    this.clock = clock;
    this.store = store;
    this.points = points;
    this.byRun = byRun;
  }

  /**
   * Restores a sample of {@code point} into a new directory under {@code scratch} and compares it.
   *
   * @return the test restore, or null when the point holds no file to restore
   */
  TestRestore run(
      RestorePoint point,
      int sampleFiles,
      long sampleBytes,
      Path scratch,
      String name,
      Listener listener,
      Progress progress)
      throws IOException {
    List<ManifestEntry> sample = sample(point, sampleFiles, sampleBytes);
    if (sample.isEmpty()) {
      return null;
    }
    long bytes = 0;
    Set<String> runs = new HashSet<>();
    List<String> paths = new ArrayList<>();
    for (ManifestEntry e : sample) {
      bytes += e.size();
      runs.add(e.run());
      paths.add(e.path());
    }
    long archiveBytes = 0;
    for (String r : runs) {
      StoredRun s = byRun.get(r);
      archiveBytes += s == null ? 0 : s.archiveBytes();
    }
    Path dir = scratch.resolve(name + "-" + clock.millis());
    List<String> problems = new ArrayList<>();
    long millis = 0;
    try {
      Files.createDirectories(scratch);
      long t0 = System.nanoTime();
      List<String> damaged = List.of();
      try {
        damaged =
            new RestoreEngine(clock)
                .restore(store, points, point, dir, paths, false, listener, progress)
                .damaged();
      } catch (CancelledException e) {
        throw e;
      } catch (IOException e) {
        add(problems, "the restore of " + point.run() + " failed: " + e.getMessage());
      }
      // rounded up: a restore that took any time at all took at least a millisecond
      millis = Math.max(1, (System.nanoTime() - t0 + 999_999) / 1_000_000);
      for (ManifestEntry e : sample) {
        progress.checkCancelled();
        compare(dir, e, damaged, problems);
      }
    } catch (CancelledException e) {
      throw e;
    } catch (IOException e) {
      add(problems, "cannot make the test restore in " + scratch + ": " + e.getMessage());
    } finally {
      delete(dir, listener);
    }
    return new TestRestore(
        point.run(),
        sample.size(),
        bytes,
        archiveBytes,
        millis,
        problems.isEmpty(),
        List.copyOf(problems));
  }

  /**
   * The files a night restores: those of {@code point} whose content is stored, in the order of a
   * hash of their path and the day's date, so that each night tests other files; at most {@code
   * files} of them, and no more once their content passes {@code bytes}. Reads the manifest once,
   * keeping only the {@code files} first in that order.
   */
  List<ManifestEntry> sample(RestorePoint point, int files, long bytes) throws IOException {
    if (files <= 0) {
      return List.of();
    }
    long seed = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toEpochDay();
    Comparator<Ranked> order = Comparator.comparingLong(Ranked::rank).thenComparing(Ranked::path);
    PriorityQueue<Ranked> lowest = new PriorityQueue<>(order.reversed());
    try (ManifestReader m = store.openManifest(point)) {
      for (ManifestEntry e = m.next(); e != null; e = m.next()) {
        if (e.type() != EntryType.FILE || e.run() == null || e.sha256() == null) {
          continue;
        }
        lowest.add(new Ranked(rank(seed, e.path()), e));
        if (lowest.size() > files) {
          lowest.poll();
        }
      }
    }
    List<Ranked> ranked = new ArrayList<>(lowest);
    ranked.sort(order);
    List<ManifestEntry> sample = new ArrayList<>();
    long total = 0;
    for (Ranked r : ranked) {
      if (total > bytes) {
        break;
      }
      sample.add(r.entry());
      total += r.entry().size();
    }
    return sample;
  }

  /** A path's place in the day's order: FNV-1a of its bytes, mixed with the day. */
  static long rank(long day, String path) {
    long h = 0xcbf29ce484222325L ^ (day * 0x9e3779b97f4a7c15L);
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }

  private record Ranked(long rank, ManifestEntry entry) {
    String path() {
      return entry.path();
    }
  }

  /**
   * The restored file against its manifest entry: a regular file, its size, its SHA-256. A file the
   * restore engine found wrong is not there (it set it aside): its reason is {@code damaged}'s.
   */
  private static void compare(
      Path dir, ManifestEntry e, List<String> damaged, List<String> problems) throws IOException {
    Path file = dir.resolve(e.path());
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      String why = "";
      for (String d : damaged) {
        if (d.startsWith(e.path() + ": ")) {
          why = ": " + d.substring(e.path().length() + 2);
        }
      }
      add(problems, e.path() + " (run " + e.run() + "): not restored" + why);
      return;
    }
    long size = Files.size(file);
    if (size != e.size()) {
      add(
          problems,
          e.path()
              + " (run "
              + e.run()
              + "): restored with "
              + size
              + " bytes, the manifest says "
              + e.size());
      return;
    }
    MessageDigest digest = Sha256.newDigest();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    if (!Sha256.hex(digest).equals(e.sha256())) {
      add(problems, e.path() + " (run " + e.run() + "): restored content differs from its SHA-256");
    }
  }

  private static void add(List<String> problems, String problem) {
    if (problems.size() < LISTED) {
      problems.add(problem);
    }
  }

  /** Deletes the scratch directory of this restore; what cannot be deleted is only warned about. */
  private static void delete(Path dir, Listener listener) {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Trees.delete(dir);
    } catch (IOException e) {
      listener.warning("cannot delete the test restore in " + dir + ": " + e.getMessage());
    }
  }
}
