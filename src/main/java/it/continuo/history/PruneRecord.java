package it.continuo.history;

import java.time.Instant;
import java.util.List;

/**
 * One retention pass over one job's target.
 *
 * @param at when it ran
 * @param job the job
 * @param target the target
 * @param deletedRuns the runs it deleted (or, in a dry run, would have), oldest first
 * @param dryRun true when nothing was deleted, only listed
 * @param error why it failed or stopped, or null
 */
public record PruneRecord(
    Instant at,
    String job,
    String target,
    List<String> deletedRuns,
    boolean dryRun,
    String error) {}
