package it.continuo.cli;

import it.continuo.config.ConfigException;
import it.continuo.config.RunbookConfig;
import it.continuo.failover.Failover;
import it.continuo.failover.FailoverRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
final class FailoverFailbackCommand extends FailoverRunCommand {
  @Option(names = "--yes", description = "Do not ask for confirmation.")
  boolean yes;

  @Option(names = "--force", description = "Go on when the checks fail (recorded).")
  boolean force;

  @Override
  void confirm(RunbookConfig runbook) throws UsageException {
    if (!yes) {
      FailoverExecuteCommand.confirm(
          name, "This moves the service back to " + runbook.primary().name() + ".");
    }
  }

  @Override
  FailoverRun run(Failover failover, Failover.Options options)
      throws ConfigException, InterruptedException {
    return failover.failback(name, options.forced(force));
  }
}
