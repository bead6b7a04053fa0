package it.continuo.cli;

import it.continuo.alert.Channel;
import it.continuo.alert.channel.Channels;
import it.continuo.config.Config;
import it.continuo.config.ConfigException;
import it.continuo.config.RunbookConfig;
import it.continuo.config.StepConfig;
import it.continuo.failover.Failover;
import it.continuo.failover.FailoverRun;
import it.continuo.failover.ReplicaGate;
import it.continuo.failover.StepRecord;
import it.continuo.failover.Timeline;
import it.continuo.history.History;
import it.continuo.history.HistoryException;
import it.continuo.replica.ReplicaChecker;
import it.continuo.report.drill.DrillReports;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** What the failover commands share: building the engine, the live timeline, the summary. */
final class FailoverCli {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

  private FailoverCli() {}

  /** The replica check for {@code check-replica} and failback: the replica engine's. */
  static ReplicaGate replicaGate(Config config) {
    return new ReplicaChecker(Clock.systemUTC())::check;
  }

  static Failover failover(Config config, History history, PrintWriter out) throws ConfigException {
    return failover(config, history, out, false);
  }

  /** The engine; {@code json}: no live timeline, the run is printed as JSON at the end. */
  static Failover failover(Config config, History history, PrintWriter out, boolean json)
      throws ConfigException {
    Map<String, Channel> channels = Channels.create(config.alerts(), config.reports().email());
    return Failover.builder(config)
        .replicaGate(replicaGate(config))
        .channels(channels)
        .history(history)
        .timeline(json ? Timeline.NONE : new Printer(out, config.agent().timezone()))
        .afterRun(
            run -> {
              DrillReports.Written written = DrillReports.of(config, history).make(run);
              if (!json) { // the JSON on stdout stays JSON
                report(written, out);
              }
            })
        .build();
  }

  /** Says where the run's report went: the file, and whether it was mailed. */
  private static void report(DrillReports.Written written, PrintWriter out) {
    if (written.html() != null) {
      out.println("             report: " + written.html() + " (and .pdf)");
    }
    if (written.failure() != null) {
      out.println("             report: " + written.failure());
    } else if (written.mailed()) {
      out.println("             report mailed through reports.email");
    }
    out.flush();
  }

  /** The history, or null (with a warning) when it cannot be opened: a failover goes on without. */
  static History history(Config config, PrintWriter err) {
    try {
      return History.open(config.agent().dataDir());
    } catch (HistoryException e) {
      err.println("continuo: warning: the run will not be recorded: " + e.getMessage());
      return null;
    }
  }

  /** Prints the end of a run: outcome, failback, RPO and RTO against the service's; the exit. */
  static int summary(FailoverRun run, PrintWriter out, ZoneId zone, boolean json) {
    if (json) {
      Json.print(out, run);
      return run.succeeded() ? ExitCodes.OK : ExitCodes.FAILED;
    }
    out.println();
    out.println(
        run.mode().word()
            + " of "
            + run.runbook()
            + " ("
            + run.service()
            + "), declared "
            + DATE_TIME.format(run.declared().atZone(zone))
            + " by "
            + run.by()
            + ": "
            + run.outcome().word()
            + (run.failback() == null ? "" : "; failback " + run.failback().word()));
    out.println("  " + run.message());
    if (run.forced()) {
      out.println("  forced: a failed safety check was passed over by --force");
    }
    if (run.mode() != it.continuo.failover.Mode.FAILBACK
        && run.outcome() != FailoverRun.Outcome.REFUSED) {
      out.println(
          "  RPO "
              + (run.rpo() == null ? "not measured (no check-replica)" : words(run.rpo()))
              + ", target "
              + words(run.rpoTarget())
              + (run.rpo() == null ? "" : run.rpoMet() ? ": met" : ": NOT met"));
      out.println(
          "  RTO "
              + (run.rto() == null
                  ? "not reached (the service was not restored)"
                  : words(run.rto()))
              + ", target "
              + words(run.rtoTarget())
              + (run.rto() == null ? "" : run.rtoMet() ? ": met" : ": NOT met"));
    }
    if (run.id() > 0) {
      out.println("  recorded as failover run " + run.id());
    }
    out.flush();
    return run.succeeded() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /** {@code lab: Gestionale Uno, primario → secondario, 8 steps (notify, check-replica, …)}. */
  static String describe(RunbookConfig r) {
    return r.name()
        + ": "
        + r.service().name()
        + ", "
        + r.primary().name()
        + " → "
        + r.secondary().name()
        + ", "
        + r.steps().size()
        + " steps ("
        + String.join(", ", r.steps().stream().map(StepConfig::kind).toList())
        + ")";
  }

  static String words(Duration d) {
    long s = d.toSeconds();
    if (d.toMillis() < 10_000) {
      return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
    if (s < 120) {
      return s + " s";
    }
    if (s < 3600) {
      return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
    }
    return s / 3600 + " h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + " min");
  }

  /** The live timeline: one line as a step starts, one as it ends. */
  static final class Printer implements Timeline {
    private final PrintWriter out;
    private final ZoneId zone;

    Printer(PrintWriter out, ZoneId zone) {
      this.out = out;
      this.zone = zone;
    }

    @Override
    public synchronized void started(
        StepRecord.Phase phase, int seq, String label, String description) {
      out.printf(
          "%s %3d %-4s %s: %s%n",
          TIME.format(java.time.ZonedDateTime.now(zone)), seq, phase.word(), label, description);
      out.flush();
    }

    @Override
    public synchronized void retrying(int seq, int attempt, String error) {
      out.printf("             attempt %d failed, trying again: %s%n", attempt, error);
      out.flush();
    }

    @Override
    public synchronized void ended(StepRecord step) {
      out.printf(
          "%s %3d      %s in %s%s%n",
          TIME.format(step.ended().atZone(zone)),
          step.seq(),
          step.outcome().word(),
          words(step.duration()),
          step.attempts() > 1 ? " (" + step.attempts() + " attempts)" : "");
      for (String line : step.lines()) {
        out.println("               " + line.replace("\n", "\n               "));
      }
      if (step.error() != null) {
        out.println("               " + step.error());
      }
      out.flush();
    }

    @Override
    public synchronized void note(String line) {
      out.println("             " + line);
      out.flush();
    }
  }
}
