package it.continuo.report;

import it.continuo.status.RunSummary;
import it.continuo.status.TargetOutcome;

/** A run of the history as the report lists it. */
final class RunLines {
  private RunLines() {}

  static JobReport.RunLine of(RunSummary r) {
    return new JobReport.RunLine(
        r.run(),
        r.start(),
        r.duration(),
        r.level(),
        r.outcome(),
        r.trigger(),
        r.files(),
        r.bytesRead(),
        r.archiveBytes(),
        r.targets().stream().map(RunLines::stored).toList(),
        r.error(),
        r.unreadable(),
        r.changedWhileRead(),
        r.warnings());
  }

  private static JobReport.TargetStored stored(TargetOutcome t) {
    return new JobReport.TargetStored(t.target(), t.stored(), t.storedBytes(), t.error());
  }
}
