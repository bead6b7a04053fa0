package it.continuo.report.drill;

import it.continuo.failover.FailoverRun;
import it.continuo.failover.Mode;
import it.continuo.failover.StepRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** Failover runs as the runner returns them, for the report's tests. */
final class SampleRuns {
  static final ZoneId ROME = ZoneId.of("Europe/Rome");
  static final Instant DECLARED = Instant.parse("2026-11-26T08:00:00Z"); // 09:00:00 in Rome

  private SampleRuns() {}

  static StepRecord step(
      int seq,
      StepRecord.Phase phase,
      String label,
      String kind,
      int startSecond,
      long millis,
      StepRecord.Outcome outcome,
      String error) {
    Instant start = DECLARED.plusSeconds(startSecond);
    return new StepRecord(
        seq,
        phase,
        seq - 1,
        kind,
        label,
        kind + " " + label + " on secondario",
        start,
        start.plusMillis(millis),
        outcome,
        1,
        List.of(label + " done"),
        Map.of(),
        error);
  }

  /** A drill that went well: RPO 42 s against 1 hour, RTO 19 s against 4 hours, failed back. */
  static FailoverRun goodDrill() {
    StepRecord.Phase run = StepRecord.Phase.RUN;
    StepRecord.Phase undo = StepRecord.Phase.UNDO;
    StepRecord.Outcome ok = StepRecord.Outcome.OK;
    return new FailoverRun(
        7,
        "uno",
        "Gestionale Uno",
        Mode.DRILL,
        "mrossi",
        DECLARED,
        DECLARED.plusSeconds(31),
        FailoverRun.Outcome.SUCCEEDED,
        Duration.ofSeconds(42),
        Duration.ofSeconds(19),
        Duration.ofHours(1),
        Duration.ofHours(4),
        "primario → secondario",
        false,
        FailoverRun.Outcome.SUCCEEDED,
        "every step succeeded; failed back to primario",
        List.of(
            step(1, run, "replica", "check-replica", 0, 1200, ok, null),
            step(2, run, "fence", "fence", 2, 5000, ok, null),
            step(3, run, "start-uno", "ssh", 7, 2300, ok, null),
            step(4, run, "dns-uno", "dns", 10, 400, ok, null),
            step(5, run, "verify-uno", "verify", 11, 8000, ok, null),
            step(6, undo, "dns-uno", "dns", 20, 500, ok, null),
            step(7, undo, "start-uno", "ssh", 21, 9000, ok, null)));
  }

  /** A drill whose dns step timed out: the ssh step undone; RPO over target. */
  static FailoverRun failedDrill() {
    StepRecord.Phase run = StepRecord.Phase.RUN;
    StepRecord.Phase undo = StepRecord.Phase.UNDO;
    StepRecord.Outcome ok = StepRecord.Outcome.OK;
    return new FailoverRun(
        8,
        "uno",
        "Gestionale Uno",
        Mode.DRILL,
        "mrossi",
        DECLARED,
        DECLARED.plusSeconds(75),
        FailoverRun.Outcome.FAILED,
        Duration.ofHours(2),
        null,
        Duration.ofHours(1),
        Duration.ofHours(4),
        "primario → secondario",
        true,
        null,
        "step dns-uno timed out after 60 s; undone",
        List.of(
            step(1, run, "replica", "check-replica", 0, 1200, StepRecord.Outcome.FORCED, null),
            step(2, run, "start-uno", "ssh", 2, 2300, ok, null),
            step(
                3,
                run,
                "dns-uno",
                "dns",
                5,
                60_000,
                StepRecord.Outcome.TIMED_OUT,
                "no answer from 10.0.0.1:53 within 60 s"),
            step(4, undo, "start-uno", "ssh", 66, 3000, ok, null)));
  }

  static DrillReport report(FailoverRun run, String language) {
    return new DrillReport(
        "secondario",
        language,
        ROME,
        DECLARED.plusSeconds(40),
        run,
        run.mode() == Mode.DRILL ? LocalDate.of(2027, 11, 26) : null);
  }
}
