package it.continuo.cli;

import it.continuo.backup.BackupEngine;
import it.continuo.backup.BackupResult;
import it.continuo.catalog.Level;
import it.continuo.config.Config;
import it.continuo.config.JobConfig;
import it.continuo.lock.LockHeldException;
import it.continuo.progress.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code continuo backup JOB}: one run now. */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = {
      "Back up a job now: incremental when it has a usable chain, full otherwise. When the"
          + " agent's daemon runs with the same configuration file, the run is handed to it (it"
          + " happens in the daemon, as its scheduled runs do; interrupting the command cancels"
          + " it); --here runs it in this process.",
      "Exit 0 success, 1 failed, 3 partial (some files unreadable), 11 already running."
    })
final class BackupCommand implements Callable<Integer> {
  @ParentCommand ContinuoCommand root;

  @Parameters(paramLabel = "JOB", description = "The job to run.")
  String jobName;

  @ArgGroup(exclusive = true)
  LevelChoice level;

  /** --full or --incremental, not both. */
  static final class LevelChoice {
    @Option(names = "--full", description = "Take a full backup.")
    boolean full;

    @Option(
        names = "--incremental",
        description = "Take an incremental (a full if there is no chain).")
    boolean incremental;
  }

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Option(
      names = "--here",
      description =
          "Run the backup in this process even when the daemon of the agent is running (it"
              + " otherwise hands the run to the daemon).")
  boolean here;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Config config = root.loadConfig();
    JobConfig job = config.job(jobName);
    Level requested = level == null ? null : level.full ? Level.FULL : Level.INCREMENTAL;
    PrintWriter out = spec.commandLine().getOut();
    if (!here && root.offered == null) { // not offered twice
      DaemonClient.Outcome handed =
          DaemonClient.backup(
              config, job.name(), requested, json, out, spec.commandLine().getErr());
      if (handed.answer() == DaemonClient.Answer.RAN) {
        return handed.exitCode();
      }
    }
    it.continuo.io.Sha256.warmUpInBackground(); // every file is hashed
    Progress progress = new Progress();
    Clock clock = Clock.systemUTC();
    // the level as asked; the end records the one the engine chose
    String asked = requested == null ? Level.INCREMENTAL.word() : requested.word();
    BackupResult r;
    try (CliHistory history = CliHistory.open(config, spec.commandLine().getErr())) {
      Instant start = clock.instant();
      history.runStarted(job.name(), asked, start);
      try (TerminalProgress terminal =
          new TerminalProgress(spec.commandLine().getErr(), progress, "backup " + job.name())) {
        r =
            new BackupEngine(config, clock, "continuo " + ContinuoCommand.version())
                .backup(job, requested, terminal, progress);
      } catch (LockHeldException e) {
        history.runNotStarted();
        throw e;
      } catch (IOException | RuntimeException e) {
        history.runFailed(job, asked, e, start, clock.instant());
        throw e;
      }
      history.runEnded(r, clock.instant());
    }
    if (json) {
      Json.print(out, r);
    } else {
      print(out, spec.commandLine().getErr(), r);
    }
    return r.outcome().exitCode();
  }

  static void print(PrintWriter out, PrintWriter err, BackupResult r) {
    boolean storedSomewhere = r.targets().stream().anyMatch(t -> t.stored());
    if (!storedSomewhere) {
      err.println("continuo: backup " + r.job() + " to " + r.target() + " failed: " + r.error());
      return;
    }
    out.println(
        "backup "
            + r.job()
            + " "
            + r.run()
            + " "
            + r.level()
            + " to "
            + r.target()
            + ": "
            + r.newFiles()
            + " new, "
            + r.changedFiles()
            + " changed, "
            + r.unchangedFiles()
            + " unchanged, "
            + r.deleted()
            + " deleted; read "
            + Format.bytes(r.bytesRead())
            + ", wrote "
            + Format.bytes(r.archiveBytes())
            + " in "
            + Format.duration(r.duration())
            + (r.outcome() == it.continuo.backup.Outcome.PARTIAL ? " (PARTIAL)" : ""));
    if (r.targets().size() > 1 || r.error() != null) {
      for (it.continuo.backup.TargetResult t : r.targets()) {
        out.println(
            "  "
                + t.target()
                + ": "
                + (t.stored()
                    ? "stored, " + Format.bytes(t.storedBytes())
                    : "NOT STORED: " + t.error()));
      }
    }
    if (r.error() != null) {
      err.println("continuo: backup " + r.job() + " " + r.run() + ": " + r.error());
    }
    list(out, "could not be read (the run is partial)", r.unreadableCount(), r.unreadable());
    list(
        out,
        "changed while being read (stored as read)",
        r.changedWhileRead().size(),
        r.changedWhileRead());
    list(out, "skipped (sockets, FIFOs, devices)", r.skipped().size(), r.skipped());
  }

  static void list(PrintWriter out, String what, long count, List<String> items) {
    if (count == 0) {
      return;
    }
    out.println(count + (count == 1 ? " entry " : " entries ") + what + ":");
    for (String item : items.subList(0, Math.min(items.size(), 50))) {
      out.println("  " + item);
    }
    if (count > 50) {
      out.println("  … and " + (count - 50) + " more");
    }
  }
}
