package it.continuo.cli;

import it.continuo.config.Config;
import it.continuo.config.RunbookConfig;
import it.continuo.history.FailoverRecord;
import it.continuo.history.History;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code continuo failover list}: the runbooks, and the runs of the last year. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "The runbooks and their past runs (drills, failovers, failbacks).")
final class FailoverListCommand implements Callable<Integer> {
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  @ParentCommand FailoverCommand parent;

  @Option(
      names = "--days",
      paramLabel = "N",
      description = "How far back runs are listed (default: 400).")
  int days = 400;

  @Option(names = "--json", description = "Print the runbooks and runs as JSON.")
  boolean json;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Config config = parent.root.loadConfig();
    PrintWriter out = spec.commandLine().getOut();
    List<FailoverRecord> runs;
    try (History history = History.open(config.agent().dataDir())) {
      runs = history.failoverRuns(Instant.now().minus(Duration.ofDays(days)));
    }
    if (json) {
      Json.print(
          out,
          java.util.Map.of(
              "runbooks", List.copyOf(config.failover().runbooks().keySet()), "runs", runs));
      return ExitCodes.OK;
    }
    if (config.failover().runbooks().isEmpty()) {
      out.println("no runbooks (failover.runbooks in " + config.file() + ")");
    }
    for (RunbookConfig r : config.failover().runbooks().values()) {
      out.println(FailoverCli.describe(r) + (r.fences() ? "" : "; no fence step"));
    }
    out.println();
    if (runs.isEmpty()) {
      out.println("no failover runs in the last " + days + " days");
    }
    for (FailoverRecord run : runs) {
      out.println(
          DATE_TIME.format(run.started().atZone(config.agent().timezone()))
              + "  "
              + run.mode()
              + " "
              + run.runbook()
              + " by "
              + run.by()
              + ": "
              + run.outcome()
              + (run.failback() == null ? "" : ", failback " + run.failback())
              + (run.rpo() == null ? "" : ", RPO " + FailoverCli.words(run.rpo()))
              + (run.rto() == null ? "" : ", RTO " + FailoverCli.words(run.rto()))
              + (run.forced() ? ", forced" : "")
              + "  (#"
              + run.id()
              + ")");
    }
    return ExitCodes.OK;
  }
}
