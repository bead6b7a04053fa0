/**
 * Replica checks: is the secondary server a copy of the primary, how far behind is it, and what
 * differs. {@link it.continuo.replica.ReplicaChecker} is the engine the CLI, the daemon and the
 * failover runbook share; its answer is a {@link it.continuo.replica.ReplicaResult} with a {@link
 * it.continuo.replica.ReplicaState}, the {@link it.continuo.replica.Difference}s and the lag.
 */
package it.continuo.replica;
