/**
 * Failover: runbooks that move a service from its primary server to its secondary, and back.
 *
 * <p>A runbook ({@link it.continuo.config.RunbookConfig}) is an ordered list of {@link
 * it.continuo.failover.Step}s, one class per kind in {@code it.continuo.failover.step}. Every step
 * can {@linkplain it.continuo.failover.Step#plan plan} (say what it would change, reading only),
 * {@linkplain it.continuo.failover.Step#run run}, and, when it has one, {@linkplain
 * it.continuo.failover.Step#undo undo}. The runner around the steps enforces each step's timeout
 * (the attempt's thread is interrupted and the attempt counts as failed), its retries, the order of
 * the undos (reverse), and the safety rules: a fence that fails stops the runbook before anything
 * after it runs; a failed step undoes the steps done so far when the runbook says {@code onFailure:
 * undo}; two runs at once are refused by a lock file in the agent's data directory.
 *
 * <p>Measurements: the run's start is the declaration of the crisis; the RPO is the replica lag
 * {@code check-replica} measured at cut-over; the RTO runs from the declaration to the end of the
 * first successful {@code verify} after a promoting step ({@code ssh}, {@code dns}, {@code hosts},
 * {@code vip}), or to the end of the steps when there is none. An attempt that ignores its
 * interruption is given two seconds, then abandoned (its thread is a daemon) and the run goes on.
 *
 * <p>A crash in the middle leaves the world half failed over, as it was at that moment; the lock of
 * the dead process is taken over by the next run, and {@code failover failback} undoes every
 * undoable step, each undo accepting a world where its step had changed nothing.
 */
package it.continuo.failover;
