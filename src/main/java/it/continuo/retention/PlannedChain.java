package it.continuo.retention;

import it.continuo.catalog.RunId;
import java.util.List;

/**
 * A chain in a {@link RetentionPlan}: a full and every incremental built on it, directly or through
 * other incrementals, kept or deleted as a whole.
 *
 * @param head the chain's full; for a run whose chain is unknown (its manifest or its parent's
 *     cannot be read), that run, alone in its "chain"
 * @param known false for such a run: it is always kept
 * @param deleted true when retention deletes every run of the chain
 * @param runs its runs, oldest first
 */
public record PlannedChain(RunId head, boolean known, boolean deleted, List<PlannedRun> runs) {
  public PlannedChain {
    runs = List.copyOf(runs);
  }

  /** The runs in the order they are deleted: newest first, so what is left stays restorable. */
  public List<RunId> deletionOrder() {
    List<RunId> order = new java.util.ArrayList<>();
    for (int i = runs.size() - 1; i >= 0; i--) {
      order.add(runs.get(i).run());
    }
    return order;
  }
}
