package it.continuo.cli;

import it.continuo.config.Config;
import it.continuo.failover.Failover;
import it.continuo.failover.FailoverRun;
import it.continuo.history.History;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code continuo failover drill NAME}: the runbook for real, then back to the primary. */
@Command(
    name = "drill",
    mixinStandardHelpOptions = true,
    description = {
      "Run a runbook for real, timing each step, then fail back (the undos in reverse order).",
      "Exit 0 when the drill and its failback succeeded, 1 otherwise."
    })
final class FailoverDrillCommand implements Callable<Integer> {
  @ParentCommand FailoverCommand parent;

  @Parameters(paramLabel = "NAME", description = "The runbook (failover.runbooks).")
  String name;

  @Option(names = "--no-failback", description = "Stay on the secondary at the end.")
  boolean noFailback;

  @Option(
      names = "--force",
      description = "Go on when check-replica finds the replica unfit (recorded).")
  boolean force;

  @Option(names = "--by", paramLabel = "NAME", description = "Who runs it (default: the user).")
  String by;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Config config = parent.root.loadConfig();
    config.failover().runbook(name);
    PrintWriter out = spec.commandLine().getOut();
    try (History history = FailoverCli.history(config, spec.commandLine().getErr())) {
      FailoverRun run =
          FailoverCli.failover(config, history, out)
              .drill(
                  name,
                  Failover.Options.by(by != null ? by : AckCommand.who())
                      .forced(force)
                      .failingBack(!noFailback));
      return FailoverCli.summary(run, out, config.agent().timezone());
    }
  }
}
