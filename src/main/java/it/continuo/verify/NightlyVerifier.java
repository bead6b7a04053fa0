package it.continuo.verify;

import it.continuo.catalog.JobStore;
import it.continuo.catalog.RestorePoint;
import it.continuo.catalog.Verification;
import it.continuo.config.TargetConfig;
import it.continuo.config.VerificationConfig;
import it.continuo.crypto.DecryptionKey;
import it.continuo.history.NightlyCheck;
import it.continuo.history.NightlyCheck.TestRestore;
import it.continuo.progress.CancelledException;
import it.continuo.progress.Listener;
import it.continuo.progress.Progress;
import it.continuo.storage.Target;
import it.continuo.storage.Targets;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The nightly verification of one job on one target: reads back the new runs and a rotating share
 * of the older ones, measures how much of what is stored was read recently, finds the newest point
 * known to restore, and restores a sample of it. See the package documentation.
 */
public final class NightlyVerifier {
  /** Why an encrypted target without a private key is not read back. */
  public static final String NEEDS_KEY = "encrypted: needs decryptKey to be read back";

  static final int LISTED = 20;

  private final Clock clock;
  private final VerificationConfig config;

  public NightlyVerifier(Clock clock, VerificationConfig config) {
    this.clock = clock;
    this.config = config;
  }

  /**
   * Opens {@code target} (with {@code key} when it is encrypted), checks {@code job} there and
   * closes it. A target that cannot be opened, or is encrypted and has no key, gives a check with
   * its error set.
   *
   * @param key the private key of an encrypted target, or null
   * @throws CancelledException when {@code progress} was cancelled
   */
  public NightlyOutcome check(
      String agent,
      String job,
      TargetConfig target,
      DecryptionKey key,
      Listener listener,
      Progress progress)
      throws CancelledException {
    Instant started = clock.instant();
    if (target.options().encryptTo() != null && key == null) {
      return failed(job, target.name(), started, NEEDS_KEY);
    }
    try (Target t = Targets.open(target, key)) {
      return check(job, target.name(), new JobStore(t, agent, job), listener, progress);
    } catch (CancelledException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      return failed(job, target.name(), started, "cannot open target " + target.name() + ": " + e);
    }
  }

  /**
   * Checks {@code job} in {@code store}: never throws for a target that cannot be read, but returns
   * a check whose error says why.
   *
   * @throws CancelledException when {@code progress} was cancelled
   */
  public NightlyOutcome check(
      String job, String targetName, JobStore store, Listener listener, Progress progress)
      throws CancelledException {
    Instant started = clock.instant();
    try {
      return new Night(job, targetName, store, started, listener, progress).run();
    } catch (CancelledException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      return failed(
          job, targetName, started, "cannot read target " + targetName + ": " + message(e));
    }
  }

  /** A check of {@code job} on {@code target} that could not be made, for {@code error}. */
  public NightlyOutcome failed(String job, String target, String error) {
    return failed(job, target, clock.instant(), error);
  }

  private NightlyOutcome failed(String job, String target, Instant started, String error) {
    return new NightlyOutcome(
        new NightlyCheck(
            job,
            target,
            started,
            clock.instant(),
            error,
            0,
            0,
            0,
            List.of(),
            0,
            0,
            0,
            config.fullCoverageDays(),
            null,
            null,
            0,
            null),
        List.of());
  }

  private static String message(Exception e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  /** One night's check of one target. */
  private final class Night {
    private final String job;
    private final String targetName;
    private final JobStore store;
    private final Instant started;
    private final Listener listener;
    private final Progress progress;

    Night(
        String job,
        String targetName,
        JobStore store,
        Instant started,
        Listener listener,
        Progress progress) {
      this.job = job;
      this.targetName = targetName;
      this.store = store;
      this.started = started;
      this.listener = listener;
      this.progress = progress;
    }

    NightlyOutcome run() throws IOException {
      List<RestorePoint> points = new ArrayList<>(store.withVerifications());
      if (points.stream().anyMatch(RestorePoint::sealed)) {
        return failed(job, targetName, started, NEEDS_KEY);
      }
      List<StoredRun> stored = StoredRun.of(store, points);
      List<Verification> verified =
          readBack(points, ReadBackPlan.choose(stored, started, config.fullCoverageDays()));
      progress.checkCancelled();
      Map<String, StoredRun> byRun = new HashMap<>();
      Map<String, Verification> latest = new HashMap<>();
      for (StoredRun s : stored) {
        byRun.put(s.run(), s);
        if (s.verification() != null) {
          latest.put(s.run(), s.verification());
        }
      }
      verified.forEach(v -> latest.put(v.run(), v));
      RestorePoint point = verifiedPoint(points, latest);
      TestRestore restore = null;
      if (point != null && config.sampleFiles() > 0) {
        restore =
            new TestRestoreRun(clock, store, points, byRun)
                .run(
                    point,
                    config.sampleFiles(),
                    config.sampleBytes(),
                    config.scratch(),
                    safe(job) + "-" + safe(targetName),
                    listener,
                    progress);
      }
      return new NightlyOutcome(check(stored, byRun, verified, latest, point, restore), verified);
    }

    private NightlyCheck check(
        List<StoredRun> stored,
        Map<String, StoredRun> byRun,
        List<Verification> verified,
        Map<String, Verification> latest,
        RestorePoint point,
        TestRestore restore) {
      long bytesChecked = 0;
      for (Verification v : verified) {
        bytesChecked += byRun.get(v.run()).bytes();
      }
      long storedBytes = 0;
      long covered = 0;
      Instant windowStart = clock.instant().minus(Duration.ofDays(config.fullCoverageDays()));
      for (StoredRun s : stored) {
        storedBytes += s.bytes();
        Verification v = latest.get(s.run());
        if (v != null && v.ok() && v.at().isAfter(windowStart)) {
          covered += s.bytes();
        }
      }
      long pointBytes = 0;
      if (point != null) {
        for (String r : runsOf(point)) {
          pointBytes += byRun.containsKey(r) ? byRun.get(r).archiveBytes() : 0;
        }
      }
      return new NightlyCheck(
          job,
          targetName,
          started,
          clock.instant(),
          null,
          verified.size(),
          bytesChecked,
          (int) verified.stream().filter(v -> !v.ok()).count(),
          problems(verified),
          stored.size(),
          storedBytes,
          covered,
          config.fullCoverageDays(),
          point == null ? null : point.run(),
          point == null ? null : point.id().start(),
          pointBytes,
          restore);
    }

    /**
     * Verifies the chosen runs one at a time, oldest first, so that a cancellation stops between
     * two runs; each verification is put back into {@code points}, so that a run read later
     * inherits the damage of one read earlier.
     */
    private List<Verification> readBack(List<RestorePoint> points, List<StoredRun> chosen)
        throws IOException {
      VerifyEngine engine = new VerifyEngine(clock);
      List<Verification> verified = new ArrayList<>();
      for (StoredRun s : chosen) {
        progress.checkCancelled();
        for (Verification v :
            engine.verify(store, points, List.of(s.point()), listener, progress)) {
          verified.add(v);
          points.replaceAll(p -> p.run().equals(v.run()) ? withVerification(p, v) : p);
        }
      }
      return verified;
    }
  }

  private static RestorePoint withVerification(RestorePoint p, Verification v) {
    return new RestorePoint(
        p.id(), p.manifestKey(), p.manifestSize(), p.footer(), p.damage(), v, p.sealed());
  }

  /** The first problems of the damaged runs, each line prefixed with its run. */
  private static List<String> problems(List<Verification> verified) {
    List<String> problems = new ArrayList<>();
    for (Verification v : verified) {
      for (String p : v.problems()) {
        if (problems.size() < LISTED) {
          problems.add(v.run() + ": " + p);
        }
      }
    }
    return List.copyOf(problems);
  }

  /**
   * The newest usable point whose own run and every run it needs were read back without damage at
   * their latest verification, or null.
   */
  static RestorePoint verifiedPoint(List<RestorePoint> points, Map<String, Verification> latest) {
    for (int i = points.size() - 1; i >= 0; i--) {
      RestorePoint p = points.get(i);
      if (!p.usable()) {
        continue;
      }
      boolean ok = true;
      for (String r : runsOf(p)) {
        Verification v = latest.get(r);
        ok &= v != null && v.ok();
      }
      if (ok) {
        return p;
      }
    }
    return null;
  }

  /** The point's own run and the runs it needs. */
  private static Set<String> runsOf(RestorePoint p) {
    Set<String> runs = new LinkedHashSet<>(p.footer().needs());
    runs.add(p.run());
    return runs;
  }

  /** A name fit for a directory: anything but letters, digits, '.', '_' and '-' becomes '_'. */
  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
