package it.continuo.retention;

import it.continuo.catalog.RunId;
import java.util.List;

/**
 * What pruning did on one target.
 *
 * @param target the target's name
 * @param dryRun true when nothing was to be deleted
 * @param plan what retention keeps and deletes there; null when the target could not be listed
 * @param deleted the runs actually deleted, in the order deleted (empty on a dry run)
 * @param bytesToFree what the plan's deletions free, as stored (ciphertext on an encrypted target)
 * @param bytesFreed what the deletions done freed
 * @param leftoversRemoved keys of objects left by interrupted runs or prunes, removed first
 * @param error why pruning this target failed or stopped, null when it did not
 */
public record PruneResult(
    String target,
    boolean dryRun,
    RetentionPlan plan,
    List<RunId> deleted,
    long bytesToFree,
    long bytesFreed,
    List<String> leftoversRemoved,
    String error) {

  public PruneResult {
    deleted = List.copyOf(deleted);
    leftoversRemoved = List.copyOf(leftoversRemoved);
  }

  static PruneResult failed(String target, boolean dryRun, String error) {
    return new PruneResult(target, dryRun, null, List.of(), 0, 0, List.of(), error);
  }

  public boolean ok() {
    return error == null;
  }
}
