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

/** {@code continuo failover failback NAME}: back to the primary once it is healthy. */
@Command(
    name = "failback",
    mixinStandardHelpOptions = true,
    description = {
      "Return to the primary: refuses unless it answers over SSH and the data written on the",
      "secondary is back on it (the replica checked the other way round); then runs every",
      "undo in reverse order. Asks to type the runbook's name unless --yes.",
      "Exit 0 when back on the primary, 1 when refused or failed."
    })
final class FailoverFailbackCommand implements Callable<Integer> {
  @ParentCommand FailoverCommand parent;

  @Parameters(paramLabel = "NAME", description = "The runbook (failover.runbooks).")
  String name;

  @Option(names = "--yes", description = "Do not ask for confirmation.")
  boolean yes;

  @Option(names = "--force", description = "Go on when the checks fail (recorded).")
  boolean force;

  @Option(names = "--by", paramLabel = "NAME", description = "Who runs it (default: the user).")
  String by;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Config config = parent.root.loadConfig();
    config.failover().runbook(name);
    PrintWriter out = spec.commandLine().getOut();
    if (!yes) {
      FailoverExecuteCommand.confirm(
          name,
          "This moves the service back to "
              + config.failover().runbook(name).primary().name()
              + ".");
    }
    try (History history = FailoverCli.history(config, spec.commandLine().getErr())) {
      FailoverRun run =
          FailoverCli.failover(config, history, out)
              .failback(
                  name, Failover.Options.by(by != null ? by : AckCommand.who()).forced(force));
      return FailoverCli.summary(run, out, config.agent().timezone());
    }
  }
}
