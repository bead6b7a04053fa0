package it.continuo.backup;

import it.continuo.archive.ArchiveDigest;
import it.continuo.archive.ArchiveWriter;
import it.continuo.backup.HookRunner.HookFailedException;
import it.continuo.catalog.JobStore;
import it.continuo.catalog.Level;
import it.continuo.catalog.RestorePoint;
import it.continuo.catalog.RunId;
import it.continuo.config.AgentConfig;
import it.continuo.config.Config;
import it.continuo.config.JobConfig;
import it.continuo.config.SourceConfig;
import it.continuo.config.TargetConfig;
import it.continuo.lock.JobLock;
import it.continuo.manifest.ManifestFooter;
import it.continuo.manifest.ManifestHeader;
import it.continuo.manifest.ManifestWriter;
import it.continuo.progress.Listener;
import it.continuo.progress.Progress;
import it.continuo.storage.Targets;
import it.continuo.storage.local.LocalTarget;
import it.continuo.tree.Excludes;
import it.continuo.tree.SourceWalker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs backups of configured jobs. One instance serves the CLI or the daemon. */
public final class BackupEngine {
  private static final Logger log = LoggerFactory.getLogger(BackupEngine.class);

  private final Config config;
  private final Clock clock;
  private final String software;

  public BackupEngine(Config config, Clock clock, String software) {
    this.config = config;
    this.clock = clock;
    this.software = software;
  }

  /**
   * Runs one backup of {@code job} to each of its targets: the source is read once and every target
   * that can be reached gets the same run. A target that fails is dropped without spoiling the
   * others, and the result says how each one fared.
   *
   * @param requested FULL or INCREMENTAL, or null for "incremental when the job has a usable chain,
   *     full otherwise"; an incremental with nothing to build on becomes a full
   * @throws it.continuo.lock.LockHeldException when the job is already running
   * @throws IOException when the run cannot start (lock directory unusable)
   */
  public BackupResult backup(JobConfig job, Level requested, Listener listener, Progress progress)
      throws IOException {
    AgentConfig agent = config.agent();
    try (JobLock lock = JobLock.acquire(agent.dataDir(), job.name(), "backup")) {
      lock.interruptedHolder()
          .ifPresent(
              h ->
                  listener.warning(
                      "the previous run of "
                          + job.name()
                          + " was interrupted ("
                          + h
                          + "); what it left is removed and never used"));
      Instant started = clock.instant();
      Map<String, String> env = new HashMap<>();
      env.put("CONTINUO_JOB", job.name());
      env.put("CONTINUO_TARGET", String.join(",", job.targets()));
      List<Destination> destinations = open(job);
      Destination cache = openCache(job);
      BackupResult result;
      try {
        result = run(job, destinations, cache, requested, env, listener, progress, started);
      } catch (HookFailedException e) {
        result = failed(job, null, env, e.getMessage(), started, destinations); // never started
      } catch (IOException e) {
        log.debug("backup of {} failed", job.name(), e);
        result = failed(job, env.get("CONTINUO_RUN"), env, message(e), started, destinations);
      } finally {
        for (Destination d : destinations) {
          closeQuietly(d);
        }
        closeQuietly(cache);
      }
      postHooks(job, env, result, listener);
      return result;
    }
  }

  private List<Destination> open(JobConfig job) {
    List<Destination> destinations = new ArrayList<>();
    for (TargetConfig t : config.targetsOf(job)) {
      Destination d = new Destination(t.name(), false);
      try {
        d.target = Targets.open(t);
        d.encrypted = t.options().encryptTo() != null;
        d.store = new JobStore(d.target, config.agent().name(), job.name());
      } catch (IOException | RuntimeException e) {
        d.fail(message(e));
      }
      destinations.add(d);
    }
    return destinations;
  }

  /**
   * The agent's own copy of the manifests it wrote, under the data directory: the parent of an
   * incremental is read from here when a target cannot give it (an encrypted target, whose private
   * key the agent does not have), and it spares reading it back over the network.
   */
  private Destination openCache(JobConfig job) {
    Destination cache = new Destination("manifest cache", true);
    try {
      Path dir = Files.createDirectories(config.agent().dataDir().resolve("manifests"));
      cache.target = new LocalTarget("manifest-cache", dir);
      cache.store = new JobStore(cache.target, config.agent().name(), job.name());
    } catch (IOException e) {
      cache.fail(message(e));
    }
    return cache;
  }

  private static void closeQuietly(Destination d) {
    d.abortUploads();
    if (d.target != null) {
      try {
        d.target.close();
      } catch (IOException e) {
        log.debug("closing target {}", d.name, e);
      }
    }
  }

  private BackupResult run(
      JobConfig job,
      List<Destination> destinations,
      Destination cache,
      Level requested,
      Map<String, String> env,
      Listener listener,
      Progress progress,
      Instant started)
      throws IOException, HookFailedException {
    for (Destination d : live(destinations)) {
      try {
        for (String key : d.store.removeLeftovers()) {
          listener.note("removed left-over of an interrupted run on " + d.name + ": " + key);
        }
        d.points = d.store.points();
      } catch (IOException e) {
        d.fail(message(e));
      }
    }
    readCache(cache, destinations);
    List<Destination> live = live(destinations);
    if (live.isEmpty()) {
      throw new IOException(
          "no target can be reached: "
              + destinations.stream()
                  .map(d -> d.name + ": " + d.failure())
                  .collect(Collectors.joining("; ")));
    }
    for (Destination d : destinations) {
      if (d.failed()) {
        listener.warning("target " + d.name + " is left out of this run: " + d.failure());
      }
    }
    Parent parent = requested == Level.FULL ? null : Parent.choose(live, cache, listener);
    if (requested == Level.INCREMENTAL && parent == null) {
      listener.note("no usable earlier run to build on: taking a full backup");
    }
    RunId latest =
        live.stream()
            .flatMap(d -> d.points.stream())
            .map(RestorePoint::id)
            .max(RunId::compareTo)
            .orElse(null);
    RunId id = RunId.next(started, parent == null ? Level.FULL : Level.INCREMENTAL, latest);
    env.put("CONTINUO_LEVEL", id.level().word());
    env.put("CONTINUO_RUN", id.toString());
    for (String command : job.hooks().pre()) {
      HookRunner.run("pre", command, env, job.hooks().timeout(), listener);
    }
    try {
      return write(job, destinations, cache, id, parent, listener, progress, started);
    } catch (ParentCursor.ParentDamagedException e) {
      listener.warning(
          "the manifest of "
              + parent.point().run()
              + ", the run to build on, is damaged ("
              + e.getMessage()
              + "): taking a full backup instead");
      destinations.forEach(Destination::discardUploads);
      cache.discardUploads();
      id = RunId.next(clock.instant(), Level.FULL, id);
      env.put("CONTINUO_LEVEL", id.level().word());
      env.put("CONTINUO_RUN", id.toString());
      return write(job, destinations, cache, id, null, listener, progress, started);
    }
  }

  static List<Destination> live(List<Destination> destinations) {
    return destinations.stream().filter(d -> !d.failed()).toList();
  }

  /**
   * Reads the cached manifests, and lets an encrypted target's runs, which this agent cannot read,
   * borrow the footer of their cached copy.
   */
  private static void readCache(Destination cache, List<Destination> destinations) {
    if (cache.failed()) {
      return;
    }
    try {
      cache.points = cache.store.points();
    } catch (IOException e) {
      cache.fail(message(e));
      return;
    }
    Map<String, RestorePoint> cached = new HashMap<>();
    for (RestorePoint p : cache.points) {
      if (p.usable()) {
        cached.put(p.run(), p);
      }
    }
    for (Destination d : live(destinations)) {
      d.points =
          d.points.stream()
              .map(p -> p.sealed() && cached.containsKey(p.run()) ? cached.get(p.run()) : p)
              .toList();
    }
  }

  private BackupResult write(
      JobConfig job,
      List<Destination> destinations,
      Destination cache,
      RunId id,
      Parent parent,
      Listener listener,
      Progress progress,
      Instant started)
      throws IOException {
    SourceConfig source = config.sourceOf(job);
    checkSource(source);
    AgentConfig agent = config.agent();
    int threads =
        agent.compressionThreads() > 0
            ? agent.compressionThreads()
            : Runtime.getRuntime().availableProcessors();
    List<Destination> live = live(destinations);
    for (Destination d : live) {
      try {
        d.archive = d.store.createArchive(id);
        d.manifest = d.store.createManifest(id);
      } catch (IOException e) {
        d.fail(message(e));
      }
    }
    if (!cache.failed()) {
      try {
        cache.manifest = cache.store.createManifest(id);
      } catch (IOException e) {
        cache.fail(message(e));
      }
    }
    List<Destination> manifestBranches = new ArrayList<>(live);
    manifestBranches.add(cache);
    FanOut archiveOut = new FanOut(live, d -> d.archive, progress);
    FanOut manifestOut = new FanOut(manifestBranches, d -> d.manifest, progress);
    try (ParentCursor cursor =
            parent == null ? ParentCursor.none() : new ParentCursor(parent.openManifest());
        ArchiveWriter archive = new ArchiveWriter(archiveOut, agent.compressionLevel(), threads);
        ManifestWriter manifest = new ManifestWriter(manifestOut, agent.compressionLevel())) {
      archiveOut.flush(); // fails at once when no target could start the run
      RestorePoint base = parent == null ? null : parent.point();
      manifest.header(
          new ManifestHeader(
              id.toString(),
              job.name(),
              id.level().word(),
              base == null ? null : base.run(),
              agent.name(),
              host(),
              started,
              software,
              source.paths().stream().map(Path::toString).toList()));
      BackupRun run = new BackupRun(id.toString(), archive, manifest, listener, progress);
      run.execute(new SourceWalker(source.paths(), new Excludes(source.exclude())), cursor);
      ArchiveDigest digest = run.digest;
      log.info("{}: tree walked, {} entries, archive of {} bytes", id, run.entries, digest.size());
      for (Destination d : live(live)) {
        try {
          d.archive.commit();
        } catch (IOException e) {
          d.fail(message(e));
        }
      }
      Instant ended = clock.instant();
      manifest.finish(
          new ManifestFooter(
              id.toString(),
              id.level().word(),
              base == null ? null : base.run(),
              started,
              ended,
              run.entries,
              run.files,
              run.treeBytes,
              run.newFiles,
              run.changedFiles,
              run.unchangedFiles,
              run.deleted,
              run.bytesRead,
              run.problems.changedCount(),
              run.problems.unreadableCount(),
              run.problems.skippedCount(),
              id + JobStore.ARCHIVE_SUFFIX,
              digest.size(),
              digest.sha256(),
              run.needs()));
      commitManifests(live, cache, id);
      log.info("{}: manifest stored, run complete", id);
      pruneCache(cache, destinations, id);
      List<TargetResult> results = targetResults(destinations);
      boolean allStored = results.stream().allMatch(TargetResult::stored);
      Outcome outcome =
          !allStored
              ? Outcome.FAILED
              : run.problems.unreadableCount() > 0 ? Outcome.PARTIAL : Outcome.SUCCESS;
      return new BackupResult(
          job.name(),
          String.join(",", job.targets()),
          id.toString(),
          id.level().word(),
          outcome,
          allStored ? null : notStored(results),
          run.newFiles,
          run.changedFiles,
          run.unchangedFiles,
          run.deleted,
          run.entries,
          run.bytesRead,
          digest.size() + manifestOut.bytes(),
          Duration.between(started, ended),
          run.problems.unreadableCount(),
          run.problems.unreadable(),
          run.problems.changed(),
          run.problems.skipped(),
          results);
    }
  }

  /** Commits the manifests (the run's commit point) where the archive was committed. */
  private static void commitManifests(List<Destination> live, Destination cache, RunId id)
      throws IOException {
    boolean any = false;
    for (Destination d : live(live)) {
      try {
        d.manifest.commit();
        d.stored = storedBytes(d, id);
        any = true;
      } catch (IOException e) {
        d.fail(message(e));
      }
    }
    if (!any) {
      throw new IOException(
          "the run could not be stored on any target: "
              + live.stream()
                  .map(d -> d.name + ": " + d.failure())
                  .collect(Collectors.joining("; ")));
    }
    if (!cache.failed()) {
      try {
        cache.manifest.commit();
      } catch (IOException e) {
        cache.fail(message(e));
      }
    }
  }

  private static long storedBytes(Destination d, RunId id) {
    try {
      long manifest = d.store.target().stat(d.store.manifestKey(id)).map(o -> o.size()).orElse(0L);
      long archive =
          d.store
              .target()
              .stat(d.store.prefix() + d.store.archiveName(id))
              .map(o -> o.size())
              .orElse(0L);
      return manifest + archive;
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * Forgets cached manifests of runs that no target holds any more, when every target could be
   * listed (so that a target that is only down does not lose its chain's parent).
   */
  private static void pruneCache(Destination cache, List<Destination> destinations, RunId id) {
    if (cache.failed() || destinations.stream().anyMatch(Destination::failed)) {
      return;
    }
    java.util.Set<String> held = new java.util.HashSet<>();
    held.add(id.toString());
    for (Destination d : destinations) {
      d.points.forEach(p -> held.add(p.run()));
    }
    for (RestorePoint p : cache.points) {
      if (!held.contains(p.run())) {
        try {
          cache.target.delete(p.manifestKey());
        } catch (IOException e) {
          log.debug("pruning the manifest cache", e);
        }
      }
    }
  }

  private static List<TargetResult> targetResults(List<Destination> destinations) {
    return destinations.stream()
        .map(d -> new TargetResult(d.name, !d.failed(), d.failure(), d.failed() ? 0 : d.stored))
        .toList();
  }

  private static String notStored(List<TargetResult> results) {
    return results.stream()
        .filter(r -> !r.stored())
        .map(r -> "not stored on " + r.target() + ": " + r.error())
        .collect(Collectors.joining("; "));
  }

  private static void checkSource(SourceConfig source) throws IOException {
    for (Path p : source.paths()) {
      if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException("source " + source.name() + ": " + p + " does not exist");
      }
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && !Files.isReadable(p)) {
        throw new IOException("source " + source.name() + ": " + p + " is not readable");
      }
    }
  }

  private BackupResult failed(
      JobConfig job,
      String run,
      Map<String, String> env,
      String error,
      Instant started,
      List<Destination> destinations) {
    Map<String, String> errors = new java.util.LinkedHashMap<>();
    for (Destination d : destinations) {
      errors.put(d.name, d.failed() ? d.failure() : error);
    }
    return BackupResult.failed(
        job.name(),
        run,
        env.get("CONTINUO_LEVEL"),
        error,
        Duration.between(started, clock.instant()),
        errors);
  }

  private static void postHooks(
      JobConfig job, Map<String, String> env, BackupResult result, Listener listener) {
    Map<String, String> post = new HashMap<>(env);
    post.put("CONTINUO_RESULT", result.outcome().word());
    post.put("CONTINUO_EXIT_CODE", Integer.toString(result.outcome().exitCode()));
    post.put("CONTINUO_ERROR", result.error() == null ? "" : result.error());
    post.put("CONTINUO_FILES_NEW", Long.toString(result.newFiles()));
    post.put("CONTINUO_FILES_CHANGED", Long.toString(result.changedFiles()));
    post.put("CONTINUO_FILES_UNREADABLE", Long.toString(result.unreadableCount()));
    post.put(
        "CONTINUO_TARGETS_STORED",
        result.targets().stream()
            .filter(TargetResult::stored)
            .map(TargetResult::target)
            .collect(Collectors.joining(",")));
    post.put(
        "CONTINUO_TARGETS_FAILED",
        result.targets().stream()
            .filter(t -> !t.stored())
            .map(TargetResult::target)
            .collect(Collectors.joining(",")));
    for (String command : job.hooks().post()) {
      try {
        HookRunner.run("post", command, post, job.hooks().timeout(), listener);
      } catch (HookFailedException e) {
        listener.warning(e.getMessage());
      }
    }
  }

  static String message(Exception e) {
    String m = e.getMessage();
    if (e instanceof java.nio.file.AccessDeniedException a) {
      return "permission denied: " + a.getFile();
    }
    if (e instanceof java.nio.file.NoSuchFileException n) {
      return "no such file: " + n.getFile();
    }
    return m == null ? e.getClass().getSimpleName() : m;
  }

  private static String host() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
