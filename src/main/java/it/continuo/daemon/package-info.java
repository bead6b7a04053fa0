/**
 * The daemon ({@code continuo run}): loads the configuration, takes the agent's single-instance
 * lock, marks runs that a crash left "running" as interrupted, schedules every job, and runs what
 * fires through the same engines as the command line, recording each run in the history. It stops
 * on SIGTERM (no new runs; a running backup may finish within {@code agent.shutdownGrace}, then it
 * is cancelled, so nothing half-written is ever listed) and re-reads its configuration on SIGHUP (a
 * configuration that does not load is refused, with the error logged, and the old one kept).
 *
 * <p>A backup asked for on the command line while the daemon runs is run here ({@link
 * it.continuo.daemon.Daemon#backupNow}), recorded as the command line records its own, and
 * cancelled, like the daemon's own runs, when the daemon stops or the command goes away.
 *
 * <p>When a runbook has {@code detection}, {@link it.continuo.daemon.PrimaryWatch} watches its
 * primary (the agent runs on the secondary): misses in a row raise a {@code heartbeat} incident
 * through the health watch's incidents, the primary answering again resolves it, and with {@code
 * auto} the runbook's execute starts once per incident.
 *
 * <p>On failure: a configuration or job store that cannot be opened at start stops the daemon with
 * the reason (exit 2 or 1); a run that fails is recorded and the next one goes on.
 */
package it.continuo.daemon;
