package it.continuo.retention;

import it.continuo.catalog.JobStore;
import it.continuo.catalog.RestorePoint;
import it.continuo.catalog.RunId;
import it.continuo.config.Config;
import it.continuo.config.ConfigException;
import it.continuo.config.JobConfig;
import it.continuo.config.TargetConfig;
import it.continuo.crypto.DecryptionKey;
import it.continuo.lock.JobLock;
import it.continuo.manifest.ManifestFooter;
import it.continuo.storage.Target;
import it.continuo.storage.Targets;
import it.continuo.storage.local.LocalTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a job's {@code keep} rule to its targets: plans with {@link RetentionPlanner} and deletes
 * the chains the plan gives up. One instance serves the CLI and the daemon (after each successful
 * run, once the run has released the job's lock).
 */
public final class PruneEngine {
  private static final Logger log = LoggerFactory.getLogger(PruneEngine.class);

  /** Opens a target of the job with the private key that reads it, or none. */
  interface Opener {
    Target open(TargetConfig target, DecryptionKey key) throws IOException;
  }

  private final Config config;
  private final Clock clock;
  private final Opener opener;

  public PruneEngine(Config config, Clock clock) {
    this(config, clock, Targets::open);
  }

  PruneEngine(Config config, Clock clock, Opener opener) {
    this.config = config;
    this.clock = clock;
    this.opener = opener;
  }

  /**
   * Prunes {@code job} on each of its targets (or the one {@code options} names) under the job's
   * lock. A target that cannot be opened, listed or fully pruned has a result with its error; the
   * others are pruned all the same. A job without a keep rule is not touched: the result is empty.
   *
   * @throws ConfigException when {@code options} names a target the job does not use
   * @throws it.continuo.lock.LockHeldException when a run of the job holds its lock (a daemon must
   *     call this after the run has released it)
   * @throws IOException when the lock cannot be taken
   */
  public List<PruneResult> prune(JobConfig job, PruneOptions options)
      throws IOException, ConfigException {
    if (job.keep().keepsAll()) {
      return List.of();
    }
    List<TargetConfig> targets =
        options.target() == null
            ? config.targetsOf(job)
            : List.of(config.targetOf(job, options.target()));
    try (JobLock lock = JobLock.acquire(config.agent().dataDir(), job.name(), "prune")) {
      Instant now = clock.instant();
      Map<String, ManifestFooter> cached = cachedFooters(job);
      List<PruneResult> results = new ArrayList<>();
      for (TargetConfig t : targets) {
        results.add(pruneTarget(job, t, options, cached, now));
      }
      return results;
    }
  }

  private PruneResult pruneTarget(
      JobConfig job,
      TargetConfig t,
      PruneOptions options,
      Map<String, ManifestFooter> cached,
      Instant now) {
    Target target;
    try {
      DecryptionKey key = Targets.decryptionKey(t, options.keyFile(), options.passphrase());
      target = opener.open(t, key);
    } catch (IOException | RuntimeException e) {
      return PruneResult.failed(t.name(), options.dryRun(), message(e));
    }
    try (target) {
      return new TargetPrune(job, target, options.dryRun()).run(cached, now);
    } catch (IOException e) {
      log.debug("pruning {} on {}", job.name(), t.name(), e);
      return PruneResult.failed(t.name(), options.dryRun(), message(e));
    }
  }

  /**
   * The footers of the agent's own copies of the manifests it wrote, by run: what a sealed run of
   * an encrypted target holds. None when the copies cannot be read (sealed runs are then kept).
   */
  private Map<String, ManifestFooter> cachedFooters(JobConfig job) {
    Map<String, ManifestFooter> footers = new HashMap<>();
    Path dir = config.agent().dataDir().resolve("manifests");
    if (!Files.isDirectory(dir)) {
      return footers;
    }
    try (Target cache = new LocalTarget("manifest-cache", dir)) {
      for (RestorePoint p : new JobStore(cache, config.agent().name(), job.name()).points()) {
        if (p.usable()) {
          footers.put(p.run(), p.footer());
        }
      }
    } catch (IOException e) {
      log.warn("the agent's copies of manifests under {} cannot be read: {}", dir, message(e));
      footers.clear();
    }
    return footers;
  }

  static String message(Exception e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  /** Pruning one target. */
  private final class TargetPrune {
    private final JobStore store;
    private final Target target;
    private final JobConfig job;
    private final boolean dryRun;

    TargetPrune(JobConfig job, Target target, boolean dryRun) {
      this.job = job;
      this.target = target;
      this.dryRun = dryRun;
      this.store = new JobStore(target, config.agent().name(), job.name());
    }

    PruneResult run(Map<String, ManifestFooter> cached, Instant now) throws IOException {
      List<String> leftovers = dryRun ? List.of() : store.removeLeftovers();
      List<RestorePoint> points = store.withVerifications();
      RunObjects objects = new RunObjects(target.list(store.prefix()));
      List<RetentionPoint> facts = new ArrayList<>();
      for (RestorePoint p : points) {
        facts.add(RetentionPoint.of(p, cached.get(p.run()), objects.hasVerification(p.run())));
      }
      RetentionPlan plan =
          new RetentionPlanner(config.agent().timezone()).plan(facts, job.keep(), now);
      long toFree = plan.deletedRuns().stream().mapToLong(objects::bytes).sum();
      List<RunId> deleted = new ArrayList<>();
      long freed = 0;
      String error = null;
      if (!dryRun) {
        for (RunId run : plan.deletedRuns()) {
          try {
            delete(run);
          } catch (IOException e) {
            error = "deleting run " + run + " stopped pruning: " + message(e);
            log.debug("deleting {} from {}", run, target.name(), e);
            break;
          }
          deleted.add(run);
          freed += objects.bytes(run);
        }
      }
      return new PruneResult(target.name(), dryRun, plan, deleted, toFree, freed, leftovers, error);
    }

    /** The manifest first: from then on the run is not listed, whatever else fails. */
    private void delete(RunId run) throws IOException {
      for (String key : RunObjects.keys(store, run)) {
        target.delete(key);
      }
      log.info("pruned run {} of {} from target {}", run, job.name(), target.name());
    }
  }
}
