package it.continuo.report.render;

import it.continuo.report.Rag;
import it.continuo.report.Report;
import it.continuo.report.Summary;
import java.util.ArrayList;
import java.util.List;

/**
 * The mail subject: the state in a word and, when something is wrong, what in words with counts:
 * {@code [Continuo] CRITICO: danni in 2 archivi, 1 servizio fuori RPO — ufficio — 25/11/2026}.
 * Damage first (the copies themselves are bad), then services out of RPO, then jobs that did not
 * run; anything else amber or red is counted as things to check; all well says how many services
 * are within their promise.
 */
final class Subject {
  private Subject() {}

  static String of(Report report, Formats formats) {
    Messages m = formats.messages();
    Summary s = report.summary();
    List<String> what = new ArrayList<>();
    if (s.damagedRuns() > 0) {
      what.add(m.get("subject.damage", s.damagedRuns()));
    }
    if (s.outOfRpo() > 0) {
      what.add(m.get("subject.outOfRpo", s.outOfRpo()));
    }
    if (s.jobsNotRun() > 0) {
      what.add(m.get("subject.jobsNotRun", s.jobsNotRun()));
    }
    if (what.isEmpty() && s.overall() != Rag.GREEN) {
      what.add(m.get("subject.toCheck", Math.max(1, s.attention().size())));
    }
    if (what.isEmpty()) {
      what.add(m.get("subject.allWell", s.services()));
    }
    return m.get(
        "subject",
        formats.state(s.overall()),
        String.join(", ", what),
        report.agent(),
        formats.date(report.date()));
  }
}
