package it.continuo.retention;

import it.continuo.catalog.RunId;
import it.continuo.config.KeepConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What retention keeps and deletes of one job's runs on one target, with why each run is kept.
 *
 * <p>Reasons, as printed and as the daemon records them:
 *
 * <ul>
 *   <li>{@code no keep rule}: the job has none, nothing is deleted;
 *   <li>{@code newest chain}: the chain of the newest run;
 *   <li>{@code last verified chain}: the newest chain holding a run whose last verification is ok;
 *       {@code may be the last verified chain: …} when a newer run's verification record cannot be
 *       read (encrypted with no private key given, or damaged);
 *   <li>{@code fulls N}, {@code daily 2026-11-20}, {@code weekly 2026-W47}, {@code monthly
 *       2026-11}: the rule (and its day, ISO week or month) that chose the run;
 *   <li>{@code needed by RUN}: a kept run is restored from it;
 *   <li>{@code in the kept chain of FULL}: another run of its chain is kept;
 *   <li>{@code needs unknown: …} or {@code chain unknown: …}: its manifest (or its parent's) cannot
 *       be read, so it is kept, and {@code older than RUN, whose needs are unknown} is every run
 *       before it.
 * </ul>
 *
 * @param at when the plan was made
 * @param keep the rule applied
 * @param chains every chain, ordered by their first run
 */
public record RetentionPlan(Instant at, KeepConfig keep, List<PlannedChain> chains) {
  public RetentionPlan {
    chains = List.copyOf(chains);
  }

  public List<PlannedChain> keptChains() {
    return chains.stream().filter(c -> !c.deleted()).toList();
  }

  /** The chains to delete, oldest first. */
  public List<PlannedChain> deletedChains() {
    return chains.stream().filter(PlannedChain::deleted).toList();
  }

  /** Every run kept, oldest first, with its reasons. */
  public List<PlannedRun> keptRuns() {
    List<PlannedRun> kept = new ArrayList<>();
    chains.forEach(c -> c.runs().stream().filter(PlannedRun::kept).forEach(kept::add));
    kept.sort((a, b) -> a.run().compareTo(b.run()));
    return kept;
  }

  /** Every run to delete, in the order to delete them: oldest chain first, each newest first. */
  public List<RunId> deletedRuns() {
    List<RunId> runs = new ArrayList<>();
    deletedChains().forEach(c -> runs.addAll(c.deletionOrder()));
    return runs;
  }

  /** The plan for {@code run}, if it is one of the runs planned. */
  public Optional<PlannedRun> run(RunId run) {
    return chains.stream()
        .flatMap(c -> c.runs().stream())
        .filter(r -> r.run().equals(run))
        .findFirst();
  }
}
