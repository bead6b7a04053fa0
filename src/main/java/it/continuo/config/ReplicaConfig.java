package it.continuo.config;

import java.time.Duration;
import java.util.List;

/**
 * A replica ({@code replicas:}): directories of the primary server that another server, the
 * secondary, should hold an exact copy of, and how far behind it may fall.
 *
 * @param name its key in {@code replicas:}
 * @param primary the original: on this agent's machine ({@link Side#host()} null) or over SSH
 * @param secondary the copy, over SSH
 * @param exclude globs of paths left out of the comparison (relative to each root, e.g. {@code
 *     *.tmp}, {@code cache/**})
 * @param maxLag the largest lag accepted, normally the RPO of the service it protects
 * @param schedule Quartz cron expression of the daemon's check
 * @param hashBudget bytes whose content is confirmed by SHA-256 on both sides at each full check:
 *     the files changed since the last check first, then a rotating sample of the others
 * @param probes commands that measure the lag of data that is not files (e.g. a database's
 *     replication delay), in file order
 */
public record ReplicaConfig(
    String name,
    Side primary,
    Side secondary,
    List<String> exclude,
    Duration maxLag,
    String schedule,
    long hashBudget,
    List<Probe> probes) {

  /** Checked every 15 minutes when the file gives no schedule. */
  public static final String DEFAULT_SCHEDULE = "0 0/15 * * * ?";

  /** 1 GiB of content confirmed per check when the file gives no budget. */
  public static final long DEFAULT_HASH_BUDGET = 1L << 30;

  /**
   * One side of a replica.
   *
   * @param host the server, or null for this agent's machine
   * @param paths its directories, absolute; the primary's n-th is copied to the secondary's n-th
   */
  public record Side(HostConfig host, List<String> paths) {

    /** {@code host:path} or {@code path}, for messages. */
    public String describe(int i) {
      return host == null ? paths.get(i) : host.name() + ":" + paths.get(i);
    }
  }

  /**
   * A command whose output is a number of seconds: the lag of data the file comparison cannot see.
   *
   * @param name its name, for messages and metrics
   * @param host where it runs, or null for this agent's machine
   * @param command the command (run by {@code sh -c} locally, by the login shell over SSH)
   * @param timeout how long it may take
   */
  public record Probe(String name, HostConfig host, String command, Duration timeout) {}
}
