/**
 * The runs of a job on a target, read from the target itself: run ids, restore points, chains and
 * verification records, and the layout {@code <agent>/<job>/<run>.tar.zst}, {@code
 * <run>.manifest.jsonl.zst}, {@code <run>.verify.json}.
 *
 * <p>A run exists when its manifest exists: the manifest is published after the archive, so a crash
 * at any moment leaves either a complete run or an archive without manifest, which is never listed
 * and is deleted by {@link it.continuo.catalog.JobStore#removeLeftovers} under the job's lock. A
 * manifest whose footer cannot be read is listed as damaged, never used as a restore point.
 */
package it.continuo.catalog;
