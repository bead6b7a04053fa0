package it.continuo.replica;

import java.util.Locale;

/** What a replica check concluded, each state by what it means for a failover. */
public enum ReplicaState {
  /** No difference at all: the secondary can take over losing nothing. */
  IN_SYNC,
  /**
   * Every difference is a change of the primary not yet copied, the oldest younger than {@code
   * maxLag}: a failover now would lose less than the RPO.
   */
  LAGGING,
  /** Pending copies only, but the oldest is older than {@code maxLag}: the RPO is not met. */
  BEHIND,
  /**
   * Differences that no pending copy explains: content differing with the same size and mtime
   * (silent corruption), or a file newer on the secondary than on the primary (written on the
   * secondary: split brain). Someone must look before a failover.
   */
  DIFFERENT,
  /**
   * The check could not be done (a side unreachable, a refused host key, a missing path, a failing
   * command or probe); never read as in sync. The result's reason says why.
   */
  UNKNOWN;

  /** True for the states in which the secondary is fit to take over: IN_SYNC and LAGGING. */
  public boolean acceptable() {
    return this == IN_SYNC || this == LAGGING;
  }

  /** Lower-case words for messages: "in sync", "lagging", "behind", "different", "unknown". */
  public String word() {
    return name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
