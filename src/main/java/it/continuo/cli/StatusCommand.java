package it.continuo.cli;

import it.continuo.config.Config;
import it.continuo.daemon.Daemon;
import it.continuo.history.History;
import it.continuo.lock.JobLock;
import it.continuo.schedule.JobSchedule;
import it.continuo.status.AgentStatus;
import it.continuo.status.JobStatus;
import it.continuo.status.RunSummary;
import it.continuo.status.StatusBuilder;
import it.continuo.status.TargetChain;
import it.continuo.status.VerificationSummary;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code continuo status}: each job's last run, next run, last verification and chains. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show each job's last run, next scheduled run, last verification and the chain on each"
          + " target (from the history database and the targets).",
      "Exit 0, or 1 when a job's last run failed or a target cannot be reached."
    })
final class StatusCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.ENGLISH);

  @ParentCommand ContinuoCommand root;

  @Option(names = "--no-targets", description = "Do not list the targets (history only).")
  boolean noTargets;

  @Option(names = "--json", description = "Print the status as JSON.")
  boolean json;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Config config = root.loadConfig();
    boolean daemon = JobLock.isHeld(config.agent().dataDir(), Daemon.LOCK);
    Instant now = Instant.now();
    AgentStatus status;
    try (History history = History.open(config.agent().dataDir())) {
      StatusBuilder.NextRuns next =
          daemon
              ? job -> new JobSchedule(job, config.agent().timezone()).nextBackup(now)
              : StatusBuilder.NextRuns.NONE;
      status =
          new StatusBuilder(config, history, ContinuoCommand.version())
              .build(
                  now,
                  null,
                  next,
                  noTargets ? StatusBuilder.Chains.NONE : StatusBuilder.listing(config));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Json.print(out, status);
    } else {
      print(out, status, daemon, config.agent().timezone());
    }
    boolean bad =
        status.jobs().stream()
            .anyMatch(
                j ->
                    (j.lastRun() != null
                            && !j.lastRun().outcome().equals("success")
                            && !j.lastRun().outcome().equals("partial"))
                        || j.chains().stream().anyMatch(c -> c.error() != null));
    return bad ? ExitCodes.FAILED : ExitCodes.OK;
  }

  static void print(PrintWriter out, AgentStatus s, boolean daemon, ZoneId zone) {
    out.println(
        "agent "
            + s.agent()
            + ": "
            + (daemon ? "daemon running" : "NO DAEMON RUNNING (nothing is scheduled)"));
    for (JobStatus j : s.jobs()) {
      out.println();
      out.println(j.job() + " (targets: " + String.join(", ", j.targets()) + ")");
      if (j.running() != null) {
        out.println(
            "  running:      " + j.running().level() + " since " + time(j.running().start(), zone));
      }
      out.println("  last run:     " + run(j.lastRun(), zone));
      if (j.lastSuccess() != null && !j.lastSuccess().equals(j.lastRun())) {
        out.println("  last success: " + run(j.lastSuccess(), zone));
      }
      out.println(
          "  next run:     "
              + (j.nextRun() == null ? "-" : time(j.nextRun(), zone) + " " + j.nextLevel()));
      for (String t : j.targets()) {
        Optional<VerificationSummary> v =
            j.lastVerifications().stream().filter(x -> x.target().equals(t)).findFirst();
        out.println(
            "  verified on "
                + t
                + ": "
                + v.map(
                        x ->
                            x.run()
                                + (x.ok() ? " ok" : " DAMAGED (" + x.problems() + " problems)")
                                + " at "
                                + time(x.at(), zone))
                    .orElse("never"));
      }
      for (TargetChain c : j.chains()) {
        out.println("  on " + c.target() + ": " + chain(c));
      }
    }
  }

  private static String run(RunSummary r, ZoneId zone) {
    if (r == null) {
      return "never";
    }
    return (r.run() == null ? "(no run id)" : r.run())
        + " "
        + r.level()
        + " "
        + r.outcome().toUpperCase(Locale.ROOT)
        + " ("
        + r.trigger()
        + ") "
        + time(r.start(), zone)
        + (r.duration() == null ? "" : ", " + Format.duration(r.duration()))
        + (r.error() == null ? "" : ": " + r.error());
  }

  private static String chain(TargetChain c) {
    if (c.error() != null) {
      return "CANNOT BE LISTED: " + c.error();
    }
    if (c.points() == 0) {
      return "no restore points";
    }
    return c.points()
        + " restore points"
        + (c.damaged() > 0 ? " (" + c.damaged() + " DAMAGED)" : "")
        + ", newest "
        + c.newest()
        + ", its chain "
        + c.chain().get(0)
        + (c.chain().size() > 1 ? " + " + (c.chain().size() - 1) + " incrementals" : "");
  }

  private static String time(Instant t, ZoneId zone) {
    return TIME.format(t.atZone(zone));
  }
}
