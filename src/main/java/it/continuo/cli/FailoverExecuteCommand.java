package it.continuo.cli;

import it.continuo.config.Config;
import it.continuo.failover.Failover;
import it.continuo.failover.FailoverRun;
import it.continuo.history.History;
import java.io.Console;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code continuo failover execute NAME}: the real failover, confirmed by typing its name. */
@Command(
    name = "execute",
    mixinStandardHelpOptions = true,
    description = {
      "Fail over for real and stay on the secondary. Asks to type the runbook's name unless",
      "--yes; without a terminal and without --yes it refuses (exit 2).",
      "Exit 0 when every step succeeded, 1 otherwise."
    })
final class FailoverExecuteCommand implements Callable<Integer> {
  @ParentCommand FailoverCommand parent;

  @Parameters(paramLabel = "NAME", description = "The runbook (failover.runbooks).")
  String name;

  @Option(names = "--yes", description = "Do not ask for confirmation.")
  boolean yes;

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
    if (!yes) {
      confirm(
          name,
          "This fails the service over to "
              + config.failover().runbook(name).secondary().name()
              + " for real.");
    }
    try (History history = FailoverCli.history(config, spec.commandLine().getErr())) {
      FailoverRun run =
          FailoverCli.failover(config, history, out)
              .execute(name, Failover.Options.by(by != null ? by : AckCommand.who()).forced(force));
      return FailoverCli.summary(run, out, config.agent().timezone());
    }
  }

  /**
   * Asks for {@code name} to be typed on the terminal.
   *
   * @throws UsageException when there is no terminal or what was typed is not the name
   */
  static void confirm(String name, String what) throws UsageException {
    Console console = System.console();
    if (console == null) {
      throw new UsageException(
          "no terminal to confirm on: give --yes to " + "run runbook " + name + " unattended");
    }
    String typed = console.readLine("%s Type the runbook's name (%s) to go on: ", what, name);
    if (typed == null || !typed.strip().equals(name)) {
      throw new UsageException("not confirmed: nothing was done");
    }
  }
}
