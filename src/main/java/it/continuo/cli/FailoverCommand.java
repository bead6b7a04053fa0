package it.continuo.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code continuo failover}: the runbooks that move a service to the secondary server. */
@Command(
    name = "failover",
    mixinStandardHelpOptions = true,
    description = {
      "Failover runbooks: plan, drill, execute, failback, list.",
      "Exit 0 success, 1 failed or refused, 2 usage or configuration error."
    },
    subcommands = {
      FailoverPlanCommand.class,
      FailoverDrillCommand.class,
      FailoverExecuteCommand.class,
      FailoverFailbackCommand.class,
      FailoverListCommand.class
    })
final class FailoverCommand implements Runnable {
  @ParentCommand ContinuoCommand root;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
