package it.continuo.report.drill;

import it.continuo.config.Config;
import it.continuo.failover.FailoverRun;
import it.continuo.failover.Mode;
import it.continuo.failover.StepRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The report ("verbale") of one failover run: what the RCO files as the proof that the plan was
 * tested. Everything it says comes from the run; the configuration adds the agent, the language,
 * the zone and, for a drill, when the next one is due.
 *
 * @param agent the agent that ran it
 * @param language "it" or "en"
 * @param zone the agent's zone, for every date and time
 * @param made when the report was made
 * @param run the run
 * @param nextDue for a drill that ran, the day the next one is due ({@code failover.drillEvery}
 *     after it); null otherwise
 */
public record DrillReport(
    String agent, String language, ZoneId zone, Instant made, FailoverRun run, LocalDate nextDue) {

  /** The report of {@code run} under {@code config}, made at {@code made}. */
  public static DrillReport of(Config config, FailoverRun run, Instant made) {
    ZoneId zone = config.agent().timezone();
    LocalDate next = null;
    if (run.mode() == Mode.DRILL && run.outcome() != FailoverRun.Outcome.REFUSED) {
      next = run.declared().plus(config.failover().drillEvery()).atZone(zone).toLocalDate();
    }
    return new DrillReport(config.agent().name(), config.agent().language(), zone, made, run, next);
  }

  /** The day of the run, in the agent's zone. */
  public LocalDate date() {
    return run.declared().atZone(zone).toLocalDate();
  }

  /** The steps and undos that did not succeed, in the order they happened. */
  public List<StepRecord> failed() {
    return run.steps().stream().filter(s -> !s.outcome().succeeded()).toList();
  }

  /** The undos, in the order they happened: the failback, or what a failure led to. */
  public List<StepRecord> undone() {
    return run.steps().stream().filter(s -> s.phase() == StepRecord.Phase.UNDO).toList();
  }

  /**
   * Whether the run measured RPO and RTO: a failback moves nothing to the secondary, and a refused
   * run did nothing.
   */
  public boolean measures() {
    return run.mode() != Mode.FAILBACK && run.outcome() != FailoverRun.Outcome.REFUSED;
  }
}
