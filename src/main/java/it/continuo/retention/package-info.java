/**
 * Retention: which runs of a job a target keeps under the job's {@code keep} rule, and {@code
 * prune}, which deletes the others, whole chains at a time.
 *
 * <p><b>The plan</b> ({@link it.continuo.retention.RetentionPlanner}, pure). Runs are grouped into
 * chains by following each incremental's parent back to its full (with several targets, an
 * incremental may build on a run of an older chain than the full listed just before it). Kept are:
 * the newest chain; the last verified chain (the newest holding a run whose last verification is
 * ok, and any newer chain with a verification record that cannot be read, encrypted or damaged,
 * since it may be the verified one); the chains of the N newest fulls ({@code fulls}); the newest
 * run of each of the last D days, W ISO weeks and M months that have a run ({@code daily}, {@code
 * weekly}, {@code monthly}, in the agent's zone, as restic and borg count them). Then, until
 * nothing changes: every run a kept run needs, and the rest of every chain that has a kept run. A
 * chain is deleted only when none of its runs is kept. A job without a rule keeps everything.
 *
 * <p><b>Unknowns are kept.</b> An incremental whose manifest cannot be read (damaged, or encrypted
 * with neither the private key nor the agent's own copy of the manifest), or whose parent is
 * missing or unreadable, is always kept, and when its needs are unknown so is every run before it.
 * A full needs no earlier run, so a damaged full is deleted only with its whole chain, and is never
 * chosen by a rule.
 *
 * <p><b>Pruning</b> ({@link it.continuo.retention.PruneEngine}) holds the job's lock, lists each
 * target, plans, and deletes each chain's runs newest first (so what is left of a chain still
 * restores) and, for each run, its manifest first: the run leaves listings at once, and what an
 * interruption leaves (a verification record, an archive) is a left-over without manifest, which
 * the next prune or backup removes. A failure stops pruning that target and is reported; the other
 * targets go on. The agent's local copy of manifests is left alone: the next backup forgets the
 * copies of runs that no target holds.
 */
package it.continuo.retention;
