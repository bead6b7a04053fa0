package it.continuo.status;

import java.time.Instant;
import java.util.List;

/**
 * One job.
 *
 * @param job the job's name
 * @param targets its targets' names, in configuration order
 * @param running the run in progress, or null
 * @param lastRun the newest run that ended (whatever its outcome), or null
 * @param lastSuccess the newest run that stored a restore point on at least one target (success or
 *     partial), or null
 * @param nextRun when the next scheduled backup fires, or null when not scheduled (no daemon)
 * @param nextLevel "full" or "incremental": what the next scheduled fire asks for, or null
 * @param lastVerifications the newest verification on each target that has one
 * @param chains the restore points on each target, in configuration order
 */
public record JobStatus(
    String job,
    List<String> targets,
    RunSummary running,
    RunSummary lastRun,
    RunSummary lastSuccess,
    Instant nextRun,
    String nextLevel,
    List<VerificationSummary> lastVerifications,
    List<TargetChain> chains) {}
