package it.continuo.cli;

import it.continuo.catalog.RunId;
import it.continuo.config.Config;
import it.continuo.config.JobConfig;
import it.continuo.retention.PlannedChain;
import it.continuo.retention.PlannedRun;
import it.continuo.retention.PruneEngine;
import it.continuo.retention.PruneOptions;
import it.continuo.retention.PruneResult;
import it.continuo.retention.RetentionPlan;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code continuo prune JOB}: apply the job's keep rule, deleting whole chains. */
@Command(
    name = "prune",
    mixinStandardHelpOptions = true,
    description = {
      "Apply the job's keep rule on each of its targets: delete whole chains that no",
      "kept restore point needs, never the newest chain nor the last verified one.",
      "Prints each chain kept, with why, and each deleted. Exit 1 when a target could",
      "not be pruned."
    })
final class PruneCommand implements Callable<Integer> {
  @ParentCommand ContinuoCommand root;

  @Parameters(paramLabel = "JOB", description = "The job.")
  String jobName;

  @Option(names = "--dry-run", description = "Show what would be deleted, delete nothing.")
  boolean dryRun;

  @Option(
      names = "--target",
      paramLabel = "TARGET",
      description = "Prune only this target (default: every target of the job).")
  String target;

  @picocli.CommandLine.Mixin KeyOptions keys = new KeyOptions();

  @Option(names = "--json", description = "Print the results as JSON.")
  boolean json;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /** One run as printed in JSON. */
  record RunView(String run, List<String> reasons) {}

  /** One chain as printed in JSON. */
  record ChainView(String head, boolean known, List<RunView> runs) {}

  /** One target's result as printed in JSON. */
  record TargetView(
      String target,
      boolean dryRun,
      List<ChainView> kept,
      List<ChainView> deletedChains,
      List<String> deleted,
      long bytesToFree,
      long bytesFreed,
      List<String> leftoversRemoved,
      String error) {}

  @Override
  public Integer call() throws Exception {
    Config config = root.loadConfig();
    JobConfig job = config.job(jobName);
    PrintWriter out = spec.commandLine().getOut();
    if (job.keep().keepsAll()) {
      out.println("job " + jobName + " has no keep rule: every run is kept");
      return ExitCodes.OK;
    }
    PruneOptions options = new PruneOptions(dryRun, target, keys.key, keys.passphrase());
    List<PruneResult> results = new PruneEngine(config, Clock.systemUTC()).prune(job, options);
    if (json) {
      Json.print(out, results.stream().map(PruneCommand::view).toList());
    } else {
      results.forEach(r -> print(out, r));
    }
    return results.stream().allMatch(PruneResult::ok) ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private static void print(PrintWriter out, PruneResult r) {
    r.leftoversRemoved().forEach(k -> out.println(r.target() + ": removed left-over " + k));
    RetentionPlan plan = r.plan();
    if (plan != null) {
      out.println(r.target() + ": " + summary(r));
      for (PlannedChain c : plan.chains()) {
        if (c.deleted()) {
          out.println(
              "  "
                  + (r.dryRun() ? "would delete" : "delete")
                  + " chain "
                  + c.head()
                  + ": "
                  + String.join(" ", c.deletionOrder().stream().map(RunId::toString).toList()));
        } else {
          out.println("  keep chain " + c.head() + (c.known() ? "" : " (chain unknown)"));
          for (PlannedRun run : c.runs()) {
            out.println("    " + run.run() + "  " + String.join("; ", run.reasons()));
          }
        }
      }
      if (!r.dryRun() && !plan.deletedRuns().isEmpty()) {
        out.println(
            "  deleted "
                + r.deleted().size()
                + " of "
                + plan.deletedRuns().size()
                + " runs, "
                + Format.bytes(r.bytesFreed())
                + " freed");
      }
    }
    if (!r.ok()) {
      out.println(r.target() + ": FAILED: " + r.error());
    }
  }

  private static String summary(PruneResult r) {
    RetentionPlan plan = r.plan();
    int deletedChains = plan.deletedChains().size();
    return "keep "
        + plan.keptChains().size()
        + " chain(s) ("
        + plan.keptRuns().size()
        + " runs), "
        + (r.dryRun() ? "would delete " : "delete ")
        + deletedChains
        + " chain(s) ("
        + plan.deletedRuns().size()
        + " runs, "
        + Format.bytes(r.bytesToFree())
        + ")";
  }

  private static TargetView view(PruneResult r) {
    RetentionPlan plan = r.plan();
    List<ChainView> kept = plan == null ? List.of() : chains(plan.keptChains());
    List<ChainView> deleted = plan == null ? List.of() : chains(plan.deletedChains());
    return new TargetView(
        r.target(),
        r.dryRun(),
        kept,
        deleted,
        r.deleted().stream().map(RunId::toString).toList(),
        r.bytesToFree(),
        r.bytesFreed(),
        r.leftoversRemoved(),
        r.error());
  }

  private static List<ChainView> chains(List<PlannedChain> chains) {
    return chains.stream()
        .map(
            c ->
                new ChainView(
                    c.head().toString(),
                    c.known(),
                    c.runs().stream()
                        .map(p -> new RunView(p.run().toString(), p.reasons()))
                        .toList()))
        .toList();
  }
}
