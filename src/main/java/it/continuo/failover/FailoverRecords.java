package it.continuo.failover;

import it.continuo.history.FailoverRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A {@link FailoverRun} in the history's words. */
final class FailoverRecords {
  private FailoverRecords() {}

  static FailoverRecord toHistory(FailoverRun run) {
    return new FailoverRecord(
        run.id(),
        run.runbook(),
        run.service(),
        run.mode().word(),
        run.by(),
        run.declared(),
        run.ended(),
        run.outcome().word(),
        run.rpo(),
        run.rto(),
        run.rpoTarget(),
        run.rtoTarget(),
        run.targets(),
        run.forced(),
        run.failback() == null ? null : run.failback().word(),
        run.message(),
        null,
        run.steps().stream().map(FailoverRecords::step).toList());
  }

  private static FailoverRecord.Step step(StepRecord s) {
    List<String> detail = new ArrayList<>(s.lines());
    for (Map.Entry<String, String> f : s.facts().entrySet()) {
      detail.add(f.getKey() + "=" + f.getValue());
    }
    return new FailoverRecord.Step(
        s.seq(),
        s.phase().word(),
        s.index(),
        s.kind(),
        s.label(),
        s.description(),
        s.started(),
        s.ended(),
        s.outcome().word(),
        s.attempts(),
        detail,
        s.error());
  }
}
