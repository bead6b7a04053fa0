package it.continuo.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code continuo replica}: the replicas of the primary server on the secondary. */
@Command(
    name = "replica",
    mixinStandardHelpOptions = true,
    description = "Replicas: is the secondary server a copy of the primary?",
    subcommands = {ReplicaCheckCommand.class})
final class ReplicaCommand implements Runnable {
  @ParentCommand ContinuoCommand root;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
