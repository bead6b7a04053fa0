package it.continuo.cli;

import it.continuo.config.Config;
import it.continuo.config.JobConfig;
import it.continuo.config.TargetConfig;
import it.continuo.crypto.DecryptionKey;
import it.continuo.history.NightlyCheck;
import it.continuo.history.NightlyCheck.TestRestore;
import it.continuo.progress.Listener;
import it.continuo.progress.Progress;
import it.continuo.storage.Targets;
import it.continuo.verify.NightlyOutcome;
import it.continuo.verify.NightlyVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code continuo verify JOB --nightly}: the nightly check on each target, printed and recorded.
 */
final class NightlyVerifyCommand {
  private final Config config;
  private final String jobName;
  private final String targetName;
  private final KeyOptions keys;
  private final boolean json;
  private final CommandSpec spec;

  NightlyVerifyCommand(
      Config config,
      String jobName,
      String targetName,
      KeyOptions keys,
      boolean json,
      CommandSpec spec) {
    this.config = config;
    this.jobName = jobName;
    this.targetName = targetName;
    this.keys = keys;
    this.json = json;
    this.spec = spec;
  }

  Integer call() throws Exception {
    JobConfig job = config.job(jobName);
    List<TargetConfig> targets =
        targetName == null ? config.targetsOf(job) : List.of(config.targetOf(job, targetName));
    NightlyVerifier verifier = new NightlyVerifier(Clock.systemUTC(), config.verification());
    List<NightlyCheck> checks = new ArrayList<>();
    PrintWriter out = spec.commandLine().getOut();
    try (CliHistory history = CliHistory.open(config, spec.commandLine().getErr())) {
      for (TargetConfig t : targets) {
        NightlyOutcome outcome = check(verifier, job, t);
        history.verifications(job.name(), t.name(), outcome.verifications());
        history.nightlyCheck(outcome.check());
        checks.add(outcome.check());
        if (!json) {
          print(out, outcome.check(), config.agent().timezone());
        }
      }
    }
    if (json) {
      Json.print(out, checks);
    }
    return checks.stream().allMatch(NightlyCheck::ok) ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private NightlyOutcome check(NightlyVerifier verifier, JobConfig job, TargetConfig t)
      throws IOException {
    DecryptionKey key;
    try {
      key = Targets.decryptionKey(t, keys.key, keys.passphrase());
    } catch (IOException e) {
      return verifier.failed(
          job.name(), t.name(), "cannot load the private key: " + e.getMessage());
    }
    Progress progress = new Progress();
    try (TerminalProgress terminal =
        new TerminalProgress(
            spec.commandLine().getErr(), progress, "verify " + job.name() + " on " + t.name())) {
      return verifier.check(config.agent().name(), job.name(), t, key, Listener.NONE, progress);
    }
  }

  static void print(PrintWriter out, NightlyCheck c, ZoneId zone) {
    String head = c.target() + (c.ok() ? " ok" : " NOT OK");
    if (c.error() != null) {
      out.println(head + ": " + c.error());
      return;
    }
    out.println(head + ":");
    out.println(
        "  read back: "
            + c.runsChecked()
            + " runs, "
            + Format.bytes(c.bytesChecked())
            + (c.damagedRuns() == 0 ? ", no damage" : ", " + c.damagedRuns() + " DAMAGED"));
    for (String p : c.problems()) {
      out.println("    " + p);
    }
    out.println(
        String.format(
            Locale.ROOT,
            "  coverage: %.0f%% of %s in %d runs read back within %d days",
            c.coverage() * 100,
            Format.bytes(c.storedBytes()),
            c.storedRuns(),
            c.coverageDays()));
    out.println(
        "  verified point: "
            + (c.verifiedRun() == null
                ? "none"
                : c.verifiedRun()
                    + " (data as of "
                    + Format.time(c.verifiedPoint(), zone)
                    + ", "
                    + Format.bytes(c.verifiedPointBytes())
                    + " to restore)"));
    TestRestore t = c.testRestore();
    if (t == null) {
      out.println("  test restore: none");
      return;
    }
    out.println(
        "  test restore: "
            + t.files()
            + " files, "
            + Format.bytes(t.bytes())
            + " from "
            + t.run()
            + ", "
            + Format.bytes(t.archiveBytesRead())
            + " read at "
            + Format.rate(t.archiveBytesRead(), Duration.ofMillis(t.millis()))
            + (t.ok() ? ", all equal to the manifest" : ", DIFFERENCES:"));
    for (String p : t.problems()) {
      out.println("    " + p);
    }
  }
}
