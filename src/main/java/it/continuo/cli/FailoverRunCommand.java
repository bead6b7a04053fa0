package it.continuo.cli;

import it.continuo.config.Config;
import it.continuo.config.ConfigException;
import it.continuo.config.RunbookConfig;
import it.continuo.failover.Failover;
import it.continuo.failover.FailoverRun;
import it.continuo.history.History;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * What {@code drill}, {@code execute} and {@code failback} share: the runbook named, who runs it,
 * {@code --json}; the configuration loaded, the run recorded in the history, the summary printed.
 */
abstract class FailoverRunCommand implements Callable<Integer> {
  @ParentCommand FailoverCommand parent;

  @Parameters(paramLabel = "NAME", description = "The runbook (failover.runbooks).")
  String name;

  @Option(names = "--by", paramLabel = "NAME", description = "Who runs it (default: the user).")
  String by;

  @Option(names = "--json", description = "No live timeline: the run as JSON at the end.")
  boolean json;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    Config config = parent.root.loadConfig();
    RunbookConfig runbook = config.failover().runbook(name);
    PrintWriter out = spec.commandLine().getOut();
    confirm(runbook);
    try (History history = FailoverCli.history(config, spec.commandLine().getErr())) {
      FailoverRun run =
          run(
              FailoverCli.failover(config, history, out, json),
              Failover.Options.by(by != null ? by : AckCommand.who()));
      return FailoverCli.summary(run, out, config.agent().timezone(), json);
    }
  }

  /**
   * Asks before the run, nothing by default.
   *
   * @throws UsageException when the run is not confirmed
   */
  void confirm(RunbookConfig runbook) throws UsageException {}

  /** Runs runbook {@link #name} on {@code failover}, {@code options} completed by the command's. */
  abstract FailoverRun run(Failover failover, Failover.Options options)
      throws ConfigException, InterruptedException;
}
