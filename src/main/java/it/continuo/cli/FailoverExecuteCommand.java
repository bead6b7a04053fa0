package it.continuo.cli;

import it.continuo.config.ConfigException;
import it.continuo.config.RunbookConfig;
import it.continuo.failover.Failover;
import it.continuo.failover.FailoverRun;
import java.io.Console;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code continuo failover execute NAME}: the real failover, confirmed by typing its name. */
@Command(
    name = "execute",
    mixinStandardHelpOptions = true,
    description = {
      "Fail over for real and stay on the secondary. Asks to type the runbook's name unless",
      "--yes; without a terminal and without --yes it refuses (exit 2).",
      "Exit 0 when every step succeeded, 1 otherwise."
    })
final class FailoverExecuteCommand extends FailoverRunCommand {
  @Option(names = "--yes", description = "Do not ask for confirmation.")
  boolean yes;

  @Option(
      names = "--force",
      description = "Go on when check-replica finds the replica unfit (recorded).")
  boolean force;

  @Override
  void confirm(RunbookConfig runbook) throws UsageException {
    if (!yes) {
      confirm(name, "This fails the service over to " + runbook.secondary().name() + " for real.");
    }
  }

  @Override
  FailoverRun run(Failover failover, Failover.Options options)
      throws ConfigException, InterruptedException {
    return failover.execute(name, options.forced(force));
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
