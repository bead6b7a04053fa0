package it.continuo.cli;

import it.continuo.config.Config;
import it.continuo.failover.Change;
import it.continuo.failover.RunbookPlan;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code continuo failover plan NAME}: what the runbook would do; touches nothing. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Print every step of a runbook with its values resolved and what it would change now,",
      "finding out by reading only (DNS queries, SSH logins, checks); nothing is changed.",
      "Exit 0, or 1 when some step would refuse as things are now."
    })
final class FailoverPlanCommand implements Callable<Integer> {
  @ParentCommand FailoverCommand parent;

  @Parameters(paramLabel = "NAME", description = "The runbook (failover.runbooks).")
  String name;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Config config = parent.root.loadConfig();
    PrintWriter out = spec.commandLine().getOut();
    RunbookPlan plan = FailoverCli.failover(config, null, out).plan(name);
    out.println(
        "runbook "
            + plan.runbook()
            + " for "
            + plan.service()
            + ": "
            + plan.targets()
            + "; on failure: "
            + plan.onFailure());
    for (RunbookPlan.Planned p : plan.steps()) {
      out.printf(
          "%3d %s: %s%n      timeout %s%s%s%n",
          p.index() + 1,
          p.label(),
          p.description(),
          FailoverCli.words(p.timeout()),
          p.retries() > 0 ? ", " + p.retries() + " retries" : "",
          p.undo() == null ? ", no undo" : "; undo: " + p.undo());
      for (Change c : p.changes()) {
        out.println("      " + c);
      }
    }
    out.println(
        plan.refusals()
            ? "some steps would refuse as things are now (see REFUSED); nothing was changed"
            : "nothing was changed");
    return plan.refusals() ? ExitCodes.FAILED : ExitCodes.OK;
  }
}
