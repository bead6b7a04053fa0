package it.continuo.retention;

import it.continuo.catalog.RunId;
import java.util.List;

/**
 * One run in a {@link RetentionPlan}.
 *
 * @param run the run
 * @param kept true when retention keeps it
 * @param reasons why it is kept (see {@link RetentionPlan} for the wording); empty when deleted
 */
public record PlannedRun(RunId run, boolean kept, List<String> reasons) {
  public PlannedRun {
    reasons = List.copyOf(reasons);
  }
}
