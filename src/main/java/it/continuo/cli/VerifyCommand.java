package it.continuo.cli;

import it.continuo.catalog.RestorePoint;
import it.continuo.catalog.Verification;
import it.continuo.config.Config;
import it.continuo.progress.Progress;
import it.continuo.verify.VerifyEngine;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code continuo verify JOB}: read runs back and check them. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Read runs back from the target and check every file against its SHA-256, each archive",
      "against its recorded hash and size, and every reference to an earlier run.",
      "Default: the latest restore point and the runs it needs. Exit 1 when anything is damaged.",
      "--nightly: the daemon's nightly check on every target of the job (new runs, a rotating",
      "share of older ones, coverage, a test restore of a sample), recorded in the history."
    })
final class VerifyCommand implements Callable<Integer> {
  @ParentCommand ContinuoCommand root;

  @Parameters(paramLabel = "JOB", description = "The job.")
  String jobName;

  @ArgGroup(exclusive = true)
  Which which;

  /** --run, --all or --nightly. */
  static final class Which {
    @Option(names = "--run", paramLabel = "RUN", description = "Verify this run only.")
    String run;

    @Option(names = "--all", description = "Verify every run.")
    boolean all;

    @Option(
        names = "--nightly",
        description =
            "Run the nightly check on every target of the job (or on --target only); exit 1 when"
                + " any check is not ok.")
    boolean nightly;
  }

  @Option(
      names = "--target",
      paramLabel = "TARGET",
      description = "Which of the job's targets (default: the first it lists).")
  String target;

  @picocli.CommandLine.Mixin KeyOptions keys = new KeyOptions();

  @Option(names = "--json", description = "Print the results as JSON.")
  boolean json;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    it.continuo.io.Sha256.warmUpInBackground(); // every file is hashed
    Config config = root.loadConfig();
    if (which != null && which.nightly) {
      return new NightlyVerifyCommand(config, jobName, target, keys, json, spec).call();
    }
    try (CliHistory history = CliHistory.open(config, spec.commandLine().getErr());
        JobTarget jt = JobTarget.open(config, jobName, target, keys)) {
      List<RestorePoint> points = jt.withVerifications();
      List<RestorePoint> runs;
      if (which != null && which.run != null) {
        runs = List.of(jt.store.point(points, which.run));
      } else if (which != null && which.all) {
        runs = points;
      } else {
        runs = VerifyEngine.latestChain(points);
      }
      if (runs.isEmpty()) {
        throw new UsageException("job " + jobName + " has no runs to verify");
      }
      Progress progress = new Progress();
      List<Verification> results;
      try (TerminalProgress terminal =
          new TerminalProgress(spec.commandLine().getErr(), progress, "verify " + jobName)) {
        results =
            new VerifyEngine(Clock.systemUTC())
                .verify(jt.store, points, runs, it.continuo.progress.Listener.NONE, progress);
      }
      history.verifications(jobName, jt.target.name(), results);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Json.print(out, results);
      } else {
        for (Verification v : results) {
          print(out, v);
        }
      }
      return results.stream().allMatch(Verification::ok) ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }

  static void print(PrintWriter out, Verification v) {
    if (v.ok()) {
      out.println(
          v.run()
              + " ok: "
              + v.entriesChecked()
              + " files, "
              + Format.bytes(v.bytesChecked())
              + " checked");
      return;
    }
    out.println(v.run() + " DAMAGED:");
    for (String p : v.problems()) {
      out.println("  " + p);
    }
    if (v.damagedCount() > 0) {
      out.println("  files affected (" + v.damagedCount() + "):");
      for (var f : v.damagedFiles().subList(0, Math.min(50, v.damagedFiles().size()))) {
        out.println("    " + f);
      }
      if (v.damagedCount() > 50) {
        out.println("    … and " + (v.damagedCount() - 50) + " more (see --json)");
      }
    }
  }
}
