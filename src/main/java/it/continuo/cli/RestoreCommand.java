package it.continuo.cli;

import it.continuo.catalog.RestorePoint;
import it.continuo.config.Config;
import it.continuo.progress.Progress;
import it.continuo.restore.PointInTime;
import it.continuo.restore.RestoreEngine;
import it.continuo.restore.RestoreResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code continuo restore JOB --to DIR}: rebuild a restore point. */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description = {
      "Restore a job's tree as it was at a point in time into an empty directory.",
      "TIME is ISO 8601: 2026-11-24 (the end of that day), 2026-11-24T18:30 (local time),",
      "2026-11-24T18:30:00+01:00 or ...Z. The newest run at or before TIME is used.",
      "Exit 0 when everything was restored and checked, 1 when something could not be."
    })
final class RestoreCommand implements Callable<Integer> {
  @ParentCommand ContinuoCommand root;

  @Parameters(index = "0", paramLabel = "JOB", description = "The job.")
  String jobName;

  @Parameters(
      index = "1..*",
      paramLabel = "PATH",
      description = "Only these paths (and what is below them).")
  List<String> paths = new ArrayList<>();

  @Option(
      names = "--to",
      required = true,
      paramLabel = "DIR",
      description = "Where to restore; must be empty unless --overwrite.")
  Path to;

  @ArgGroup(exclusive = true)
  Which which;

  /** --at or --run. */
  static final class Which {
    @Option(
        names = "--at",
        paramLabel = "TIME",
        description = "The point in time (default: the latest).")
    String at;

    @Option(
        names = "--run",
        paramLabel = "RUN",
        description = "The run id, e.g. 20261123T220000Z-I.")
    String run;
  }

  @Option(
      names = "--overwrite",
      description = "Restore into a non-empty directory, replacing what is in the way.")
  boolean overwrite;

  @Option(
      names = "--target",
      paramLabel = "TARGET",
      description = "Which of the job's targets (default: the first it lists).")
  String target;

  @picocli.CommandLine.Mixin KeyOptions keys = new KeyOptions();

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    it.continuo.io.Sha256.warmUpInBackground(); // every file is hashed
    Config config = root.loadConfig();
    try (JobTarget jt = JobTarget.open(config, jobName, target, keys)) {
      List<RestorePoint> points = jt.points();
      RestorePoint point;
      if (which != null && which.run != null) {
        point = jt.store.point(points, which.run);
      } else {
        java.time.Instant until =
            which != null && which.at != null
                ? PointInTime.parse(which.at, config.agent().timezone())
                : java.time.Instant.MAX;
        point = PointInTime.at(points, until);
        for (RestorePoint p : points) {
          if (!p.usable() && p.id().compareTo(point.id()) > 0 && !p.id().start().isAfter(until)) {
            spec.commandLine()
                .getErr()
                .println(
                    "warning: run "
                        + p.run()
                        + " is newer but cannot be used ("
                        + p.damage()
                        + "); restoring "
                        + point.run());
          }
        }
      }
      Progress progress = new Progress();
      RestoreResult r;
      try (TerminalProgress terminal =
          new TerminalProgress(spec.commandLine().getErr(), progress, "restore " + point.run())) {
        r =
            new RestoreEngine(Clock.systemUTC())
                .restore(jt.store, points, point, to, paths, overwrite, terminal, progress);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Json.print(out, r);
      } else {
        print(out, r);
      }
      return r.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }

  private void print(PrintWriter out, RestoreResult r) {
    out.println(
        "restored "
            + jobName
            + " "
            + r.run()
            + " into "
            + to.toAbsolutePath().normalize()
            + ": "
            + r.files()
            + " files, "
            + r.dirs()
            + " directories, "
            + r.symlinks()
            + " symlinks, "
            + r.hardlinks()
            + " hard links, "
            + Format.bytes(r.bytes())
            + " from "
            + r.archivesRead()
            + (r.archivesRead() == 1 ? " archive" : " archives")
            + " in "
            + Format.duration(r.duration()));
    BackupCommand.list(
        out, "NOT RESTORED (damaged or missing in the backup)", r.damaged().size(), r.damaged());
    BackupCommand.list(
        out,
        "were not in the backup (unreadable when it was taken)",
        r.notInBackup().size(),
        r.notInBackup());
    BackupCommand.list(out, "restored with warnings", r.warnings().size(), r.warnings());
    if (!r.ok()) {
      out.println(
          "RESTORE INCOMPLETE: " + r.damaged().size() + " entries could not be restored correctly");
    }
  }
}
