package it.continuo.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One backup run, as the history holds it.
 *
 * @param run the run id (e.g. 20261125T210000Z-I), or null when it never started (a pre-hook
 *     failed, no target reachable)
 * @param level "full" or "incremental"
 * @param outcome "running", "success", "partial", "failed" or "interrupted"
 * @param trigger why it ran: "schedule", "catch-up", "recovery" (re-run after a crash), "cli"
 * @param start when it started
 * @param end when it ended, or null while running or when interrupted
 * @param duration end minus start, or null
 * @param files files in the tree
 * @param bytesRead content bytes read from the source
 * @param archiveBytes bytes written (archive and manifest, before encryption)
 * @param targets how each target fared
 * @param error why it failed or was interrupted, or null
 * @param unreadable entries the run could not read
 * @param changedWhileRead files that changed while the run read them (counted up to the first 1000)
 * @param warnings the first of those (at most 20), one line each: "cannot read PATH: reason" or
 *     "changed while read: PATH"
 */
public record RunSummary(
    String run,
    String level,
    String outcome,
    String trigger,
    Instant start,
    Instant end,
    Duration duration,
    long files,
    long bytesRead,
    long archiveBytes,
    List<TargetOutcome> targets,
    String error,
    long unreadable,
    long changedWhileRead,
    List<String> warnings) {}
