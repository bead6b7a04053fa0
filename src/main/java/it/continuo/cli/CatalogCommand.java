package it.continuo.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code continuo catalog}: the agent's history of its runs. */
@Command(
    name = "catalog",
    mixinStandardHelpOptions = true,
    description = "The agent's history of runs and verifications.",
    subcommands = {CatalogRebuildCommand.class})
final class CatalogCommand implements Runnable {
  @ParentCommand ContinuoCommand root;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
