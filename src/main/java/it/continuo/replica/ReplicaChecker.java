package it.continuo.replica;

import it.continuo.config.ReplicaConfig;
import it.continuo.io.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Checks replicas: lists both sides, compares them, confirms content by SHA-256 within the budget,
 * runs the probes and concludes (see the package documentation for the algorithm). Thread-safe:
 * each check has its own connections, threads and temporary files. Never throws for a side that
 * cannot be checked: the result is then {@link ReplicaState#UNKNOWN} with the reason.
 */
public final class ReplicaChecker {
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(ReplicaChecker.class);

  /** How long one listing or hashing command may take, unless told otherwise. */
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofHours(1);

  private final Clock clock;
  private final Duration commandTimeout;
  private final Path tempDir;
  private final boolean forceSftp;

  /** Temporary files in {@code java.io.tmpdir}, commands limited to an hour. */
  public ReplicaChecker(Clock clock) {
    this(clock, DEFAULT_COMMAND_TIMEOUT, Path.of(System.getProperty("java.io.tmpdir")));
  }

  /**
   * @param commandTimeout how long one listing or hashing command may take
   * @param tempDir where sorted listings and file lists are spilled (about 100 bytes per entry,
   *     deleted after the check)
   */
  public ReplicaChecker(Clock clock, Duration commandTimeout, Path tempDir) {
    this(clock, commandTimeout, tempDir, false);
  }

  ReplicaChecker(Clock clock, Duration commandTimeout, Path tempDir, boolean forceSftp) {
    this.clock = clock;
    this.commandTimeout = commandTimeout;
    this.tempDir = tempDir;
    this.forceSftp = forceSftp;
  }

  /**
   * Checks one replica.
   *
   * @param quick metadata only: nothing is hashed, so a change that keeps size and mtime goes
   *     unseen; for a gate that must answer fast (before a failover)
   * @param since when the previous check ran: files changed since then are hashed first; null when
   *     unknown (only the rotating sample is hashed)
   */
  public ReplicaResult check(ReplicaConfig replica, boolean quick, Instant since) {
    Instant checkedAt = clock.instant();
    long start = System.nanoTime();
    Findings findings = new Findings();
    List<ProbeResult> probes = new ArrayList<>();
    String failure = null;
    try {
      compare(replica, quick, since, checkedAt, findings);
    } catch (SideException e) {
      failure = e.getMessage();
    } catch (IOException e) {
      failure = "checking " + replica.name() + " failed: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = "the check was interrupted";
    }
    if (failure == null) {
      for (ReplicaConfig.Probe p : replica.probes()) {
        ProbeResult r = Probes.run(p);
        probes.add(r);
        if (failure == null && !r.ok()) {
          failure = r.error();
        }
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    if (failure != null) {
      return ReplicaResult.unknown(
          replica.name(), checkedAt, quick, replica.maxLag(), probes, failure, took);
    }
    return Verdicts.conclude(replica, checkedAt, quick, findings, probes, took);
  }

  private void compare(
      ReplicaConfig replica, boolean quick, Instant since, Instant checkedAt, Findings findings)
      throws IOException, InterruptedException {
    Path work = Files.createTempDirectory(tempDir, "continuo-replica-");
    ExecutorService pool =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "continuo-replica-" + replica.name());
              t.setDaemon(true);
              return t;
            });
    ReplicaHost[] hosts = new ReplicaHost[2];
    try {
      Sides<ReplicaHost> opened =
          both(
              pool,
              hosts,
              () -> hosts[0] = Hosts.open(replica.primary().host(), forceSftp),
              () -> hosts[1] = Hosts.open(replica.secondary().host(), forceSftp));
      log.debug("replica {}: sides open after {} ms", replica.name(), sinceStart(checkedAt));
      ReplicaHost primary = opened.primary();
      ReplicaHost secondary = opened.secondary();
      long budget = replica.hashBudget();
      int roots = replica.primary().paths().size();
      for (int i = 0; i < roots; i++) {
        String pRoot = replica.primary().paths().get(i);
        String sRoot = replica.secondary().paths().get(i);
        String prefix = roots > 1 ? pRoot.replaceAll("/+$", "") + "/" : "";
        ExcludeFilter excludes = new ExcludeFilter(replica.exclude());
        String tag = "root" + i;
        Sides<Listing> listed =
            both(
                pool,
                hosts,
                () -> Listing.of(primary, pRoot, excludes, work, tag + "-p", commandTimeout),
                () -> Listing.of(secondary, sRoot, excludes, work, tag + "-s", commandTimeout));
        log.debug(
            "replica {}: {} listed and sorted after {} ms",
            replica.name(),
            pRoot,
            sinceStart(checkedAt));
        long resolution = Math.max(primary.mtimeResolution(), secondary.mtimeResolution());
        long sinceNanos =
            since == null
                ? Long.MAX_VALUE
                : since.getEpochSecond() * 1_000_000_000L + since.getNano();
        try (Listing p = listed.primary();
            Listing s = listed.secondary();
            HashSample sample =
                quick ? null : new HashSample(work, tag, sinceNanos, Math.max(0, budget));
            EntrySource ps = p.sorted();
            EntrySource ss = s.sorted()) {
          new TreeMerge(findings, prefix, resolution, sample).run(ps, ss, p.rootMtime());
          log.debug(
              "replica {}: {} compared after {} ms", replica.name(), pRoot, sinceStart(checkedAt));
          if (sample != null) {
            HashSample.Selection selection = sample.select(checkedAt.getEpochSecond() / 86_400);
            budget -= selection.bytes();
            if (selection.files() > 0) {
              ContentCheck.run(
                  pool,
                  hosts,
                  primary,
                  secondary,
                  pRoot,
                  sRoot,
                  selection,
                  prefix,
                  findings,
                  commandTimeout);
            }
          }
        }
      }
    } finally {
      for (ReplicaHost h : hosts) {
        if (h != null) {
          h.close();
        }
      }
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
      try {
        Trees.delete(work);
      } catch (IOException e) {
        // a leftover in the temporary directory is no reason to lose the result
      }
    }
  }

  private long sinceStart(Instant checkedAt) {
    return Duration.between(checkedAt, clock.instant()).toMillis();
  }

  /** The primary's and the secondary's of something. */
  record Sides<T>(T primary, T secondary) {}

  /**
   * Runs the two sides' tasks in parallel. When one fails, the hosts are closed at once, so that
   * the other side's command ends instead of running on (or hanging) for nothing.
   */
  static <T> Sides<T> both(
      ExecutorService pool, ReplicaHost[] hosts, Callable<T> primary, Callable<T> secondary)
      throws IOException, InterruptedException {
    Future<T> p = pool.submit(primary);
    Future<T> s = pool.submit(secondary);
    IOException first = null;
    List<Future<T>> pending = new ArrayList<>(List.of(p, s));
    while (!pending.isEmpty()) {
      for (int i = 0; i < pending.size(); i++) {
        Future<T> f = pending.get(i);
        if (!f.isDone()) {
          continue;
        }
        pending.remove(i--);
        try {
          f.get();
        } catch (ExecutionException e) {
          if (first == null) {
            first = asIo(e.getCause());
            for (ReplicaHost h : hosts) {
              if (h != null) {
                h.close();
              }
            }
          }
        }
      }
      if (!pending.isEmpty()) {
        Thread.sleep(2);
      }
    }
    if (first != null) {
      throw first;
    }
    try {
      return new Sides<>(p.get(), s.get());
    } catch (ExecutionException e) {
      throw asIo(e.getCause());
    }
  }

  private static IOException asIo(Throwable t) {
    if (t instanceof IOException io) {
      return io;
    }
    if (t instanceof UncheckedIOException u) {
      return u.getCause();
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error err) {
      throw err;
    }
    return new IOException(t);
  }
}
