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
import it.continuo.lock.JobLock;
import it.continuo.manifest.ManifestFooter;
import it.continuo.manifest.ManifestHeader;
import it.continuo.manifest.ManifestWriter;
import it.continuo.progress.Listener;
import it.continuo.progress.Progress;
import it.continuo.storage.Target;
import it.continuo.storage.Targets;
import it.continuo.storage.Upload;
import it.continuo.tree.Excludes;
import it.continuo.tree.SourceWalker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
   * Runs one backup of {@code job}.
   *
   * @param requested FULL or INCREMENTAL, or null for "incremental when the job has a usable chain,
   *     full otherwise"; an incremental with nothing to build on becomes a full
   * @throws it.continuo.lock.LockHeldException when the job is already running
   * @throws IOException when the run cannot start (lock directory unusable, target missing)
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
      BackupResult result;
      try (Target target = Targets.open(config.targetsOf(job).get(0))) {
        result = run(job, target, requested, env, listener, progress, started);
      } catch (HookFailedException e) {
        result = failed(job, null, env, e.getMessage(), started); // no run was started
      } catch (IOException e) {
        log.debug("backup of {} failed", job.name(), e);
        result = failed(job, env.get("CONTINUO_RUN"), env, message(e), started);
      }
      postHooks(job, env, result, listener);
      return result;
    }
  }

  private BackupResult run(
      JobConfig job,
      Target target,
      Level requested,
      Map<String, String> env,
      Listener listener,
      Progress progress,
      Instant started)
      throws IOException, HookFailedException {
    JobStore store = new JobStore(target, config.agent().name(), job.name());
    for (String key : store.removeLeftovers()) {
      listener.note("removed left-over of an interrupted run: " + key);
    }
    List<RestorePoint> points = store.points();
    RestorePoint parent = requested == Level.FULL ? null : chainHead(points, listener);
    if (requested == Level.INCREMENTAL && parent == null) {
      listener.note("no usable earlier run to build on: taking a full backup");
    }
    RunId latest = points.isEmpty() ? null : points.get(points.size() - 1).id();
    RunId id = RunId.next(started, parent == null ? Level.FULL : Level.INCREMENTAL, latest);
    env.put("CONTINUO_LEVEL", id.level().word());
    env.put("CONTINUO_RUN", id.toString());
    for (String command : job.hooks().pre()) {
      HookRunner.run("pre", command, env, job.hooks().timeout(), listener);
    }
    try {
      return write(job, store, id, parent, listener, progress, started);
    } catch (ParentCursor.ParentDamagedException e) {
      listener.warning(
          "the manifest of "
              + parent.run()
              + ", the run to build on, is damaged ("
              + e.getMessage()
              + "): taking a full backup instead");
      id = RunId.next(clock.instant(), Level.FULL, id);
      env.put("CONTINUO_LEVEL", id.level().word());
      env.put("CONTINUO_RUN", id.toString());
      return write(job, store, id, null, listener, progress, started);
    }
  }

  /** The latest run if it and every run it needs are usable, else null (a full is needed). */
  private static RestorePoint chainHead(List<RestorePoint> points, Listener listener) {
    if (points.isEmpty()) {
      return null;
    }
    RestorePoint latest = points.get(points.size() - 1);
    if (!latest.usable()) {
      listener.warning(
          "the latest run "
              + latest.run()
              + " is damaged ("
              + latest.damage()
              + "): taking a full backup");
      return null;
    }
    Set<String> usable =
        points.stream()
            .filter(RestorePoint::usable)
            .map(RestorePoint::run)
            .collect(Collectors.toSet());
    for (String needed : latest.footer().needs()) {
      if (!usable.contains(needed)) {
        listener.warning(
            "run "
                + needed
                + " needed by "
                + latest.run()
                + " is missing or damaged: taking a full backup");
        return null;
      }
    }
    return latest;
  }

  private BackupResult write(
      JobConfig job,
      JobStore store,
      RunId id,
      RestorePoint parent,
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
    try (Upload archiveUpload = store.createArchive(id);
        Upload manifestUpload = store.createManifest(id);
        ParentCursor cursor =
            parent == null ? ParentCursor.none() : new ParentCursor(store.openManifest(parent));
        ArchiveWriter archive =
            new ArchiveWriter(archiveUpload, agent.compressionLevel(), threads);
        ManifestWriter manifest = new ManifestWriter(manifestUpload, agent.compressionLevel())) {
      manifest.header(
          new ManifestHeader(
              id.toString(),
              job.name(),
              id.level().word(),
              parent == null ? null : parent.run(),
              agent.name(),
              host(),
              started,
              software,
              source.paths().stream().map(Path::toString).toList()));
      BackupRun run = new BackupRun(id.toString(), archive, manifest, listener, progress);
      run.execute(new SourceWalker(source.paths(), new Excludes(source.exclude())), cursor);
      long deleted = run.deleted;
      ArchiveDigest digest = run.digest;
      log.info("{}: tree walked, {} entries, archive of {} bytes", id, run.entries, digest.size());
      archiveUpload.commit();
      Instant ended = clock.instant();
      manifest.finish(
          new ManifestFooter(
              id.toString(),
              id.level().word(),
              parent == null ? null : parent.run(),
              started,
              ended,
              run.entries,
              run.files,
              run.treeBytes,
              run.newFiles,
              run.changedFiles,
              run.unchangedFiles,
              deleted,
              run.bytesRead,
              run.problems.changedCount(),
              run.problems.unreadableCount(),
              run.problems.skippedCount(),
              store.archiveName(id),
              digest.size(),
              digest.sha256(),
              run.needs()));
      manifestUpload.commit();
      log.info("{}: manifest stored, run complete", id);
      long stored =
          digest.size() + store.target().stat(store.manifestKey(id)).map(o -> o.size()).orElse(0L);
      return new BackupResult(
          job.name(),
          store.target().name(),
          id.toString(),
          id.level().word(),
          run.problems.unreadableCount() > 0 ? Outcome.PARTIAL : Outcome.SUCCESS,
          null,
          run.newFiles,
          run.changedFiles,
          run.unchangedFiles,
          deleted,
          run.entries,
          run.bytesRead,
          stored,
          Duration.between(started, ended),
          run.problems.unreadableCount(),
          run.problems.unreadable(),
          run.problems.changed(),
          run.problems.skipped());
    }
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
      JobConfig job, String run, Map<String, String> env, String error, Instant started) {
    return new BackupResult(
        job.name(),
        String.join(",", job.targets()),
        run,
        env.get("CONTINUO_LEVEL"),
        Outcome.FAILED,
        error,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        Duration.between(started, clock.instant()),
        0,
        List.of(),
        List.of(),
        List.of());
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
    for (String command : job.hooks().post()) {
      try {
        HookRunner.run("post", command, post, job.hooks().timeout(), listener);
      } catch (HookFailedException e) {
        listener.warning(e.getMessage());
      }
    }
  }

  static String message(IOException e) {
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
