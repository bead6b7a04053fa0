package it.continuo.failover;

import it.continuo.config.ReplicaConfig;
import it.continuo.replica.ReplicaResult;
import java.time.Instant;

/**
 * The replica check as {@code check-replica} and failback use it; wired to {@code
 * it.continuo.replica.ReplicaChecker#check} by the caller.
 */
@FunctionalInterface
public interface ReplicaGate {
  /**
   * Checks a replica; never throws for an unreachable side (that is an UNKNOWN result).
   *
   * @param quick metadata only (the pre-failover gate)
   * @param since the previous check, or null
   */
  ReplicaResult check(ReplicaConfig replica, boolean quick, Instant since)
      throws InterruptedException;

  /**
   * The same replica the other way round, for failback: the secondary's paths are the original, the
   * primary's the copy.
   */
  static ReplicaConfig reversed(ReplicaConfig replica) {
    return new ReplicaConfig(
        replica.name(),
        replica.secondary(),
        replica.primary(),
        replica.exclude(),
        replica.maxLag(),
        replica.schedule(),
        replica.hashBudget(),
        replica.probes());
  }
}
