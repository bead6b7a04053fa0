package it.continuo.cli;

import it.continuo.config.ConfigException;
import it.continuo.failover.Failover;
import it.continuo.failover.FailoverRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code continuo failover drill NAME}: the runbook for real, then back to the primary. */
@Command(
    name = "drill",
    mixinStandardHelpOptions = true,
    description = {
      "Run a runbook for real, timing each step, then fail back (the undos in reverse order).",
      "Exit 0 when the drill and its failback succeeded, 1 otherwise."
    })
final class FailoverDrillCommand extends FailoverRunCommand {
  @Option(names = "--no-failback", description = "Stay on the secondary at the end.")
  boolean noFailback;

  @Option(
      names = "--force",
      description = "Go on when check-replica finds the replica unfit (recorded).")
  boolean force;

  @Override
  FailoverRun run(Failover failover, Failover.Options options)
      throws ConfigException, InterruptedException {
    return failover.drill(name, options.forced(force).failingBack(!noFailback));
  }
}
