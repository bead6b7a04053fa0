package it.continuo.cli;

import it.continuo.catalog.RestorePoint;
import it.continuo.catalog.Verification;
import it.continuo.config.Config;
import it.continuo.manifest.EntryType;
import it.continuo.manifest.ManifestEntry;
import it.continuo.manifest.ManifestFooter;
import it.continuo.manifest.ManifestReader;
import it.continuo.manifest.TreeOrder;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code continuo list JOB}: the restore points, or the files of one. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "List a job's restore points, or with --run RUN --files the files of one point."
    })
final class ListCommand implements Callable<Integer> {
  @ParentCommand ContinuoCommand root;

  @Parameters(index = "0", paramLabel = "JOB", description = "The job.")
  String jobName;

  @Parameters(
      index = "1..*",
      paramLabel = "PATH",
      description = "With --files: only these paths (and what is below them).")
  List<String> paths = new ArrayList<>();

  @Option(
      names = "--run",
      paramLabel = "RUN",
      description = "The restore point (with --files; default the latest).")
  String run;

  @Option(names = "--files", description = "List the files of a restore point.")
  boolean files;

  @Option(
      names = "--target",
      paramLabel = "TARGET",
      description = "Which of the job's targets (default: the first it lists).")
  String target;

  @picocli.CommandLine.Mixin KeyOptions keys = new KeyOptions();

  @Option(names = "--json", description = "Print as JSON (one object per line with --files).")
  boolean json;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /** One restore point as listed. */
  record PointView(
      String run,
      String level,
      String parent,
      Instant start,
      Duration duration,
      Long files,
      Long bytes,
      Long stored,
      Long unreadable,
      String damage,
      String verification,
      Instant verifiedAt,
      List<String> needs) {}

  @Override
  public Integer call() throws Exception {
    Config config = root.loadConfig();
    if ((run != null || !paths.isEmpty()) && !files) {
      throw new UsageException(
          "--run and PATH go with --files (list JOB --run RUN --files [PATH...])");
    }
    try (JobTarget jt = JobTarget.open(config, jobName, target, keys)) {
      List<RestorePoint> points = files ? jt.points() : jt.store.withVerifications();
      return files ? files(jt, points) : points(points, config.agent().timezone());
    }
  }

  private int points(List<RestorePoint> points, ZoneId zone) {
    PrintWriter out = spec.commandLine().getOut();
    List<PointView> views = points.stream().map(ListCommand::view).toList();
    if (json) {
      Json.print(out, views);
      return ExitCodes.OK;
    }
    if (views.isEmpty()) {
      out.println("no restore points yet");
      return ExitCodes.OK;
    }
    out.printf(
        "%-20s %-11s %-19s %9s %10s %10s %9s  %s%n",
        "RUN", "LEVEL", "STARTED", "FILES", "SIZE", "STORED", "DURATION", "VERIFIED");
    for (PointView v : views) {
      if (it.continuo.catalog.JobStore.SEALED.equals(v.damage())) {
        out.printf(
            "%-20s %-11s %-19s encrypted (--key FILE shows what it holds)%n",
            v.run(), v.level(), Format.time(v.start(), zone));
        continue;
      }
      if (v.damage() != null) {
        out.printf(
            "%-20s %-11s %-19s DAMAGED: %s%n",
            v.run(), v.level(), Format.time(v.start(), zone), v.damage());
        continue;
      }
      out.printf(
          "%-20s %-11s %-19s %9d %10s %10s %9s  %s%n",
          v.run(),
          v.level() + (v.unreadable() > 0 ? "*" : ""),
          Format.time(v.start(), zone),
          v.files(),
          Format.bytes(v.bytes()),
          Format.bytes(v.stored()),
          Format.duration(v.duration()),
          v.verifiedAt() == null
              ? v.verification()
              : v.verification() + " " + Format.time(v.verifiedAt(), zone));
    }
    if (views.stream().anyMatch(v -> v.unreadable() != null && v.unreadable() > 0)) {
      out.println("* partial: some files could not be read when it was taken");
    }
    return ExitCodes.OK;
  }

  static PointView view(RestorePoint p) {
    Verification v = p.verification();
    String verification = v == null ? "never" : v.ok() ? "ok" : "DAMAGED";
    ManifestFooter f = p.footer();
    if (f == null) {
      return new PointView(
          p.run(),
          p.level().word(),
          null,
          p.id().start(),
          null,
          null,
          null,
          null,
          null,
          p.damage(),
          verification,
          v == null ? null : v.at(),
          null);
    }
    return new PointView(
        p.run(),
        f.level(),
        f.parent(),
        f.start(),
        Duration.between(f.start(), f.end()),
        f.files(),
        f.treeBytes(),
        f.archiveSize() + p.manifestSize(),
        f.unreadable(),
        null,
        verification,
        v == null ? null : v.at(),
        f.needs());
  }

  private int files(JobTarget jt, List<RestorePoint> points) throws Exception {
    RestorePoint point =
        run == null ? it.continuo.restore.PointInTime.latest(points) : jt.store.point(points, run);
    if (!point.usable()) {
      throw new java.io.IOException("run " + point.run() + " is damaged: " + point.damage());
    }
    List<String> wanted = paths.stream().map(ListCommand::normalize).toList();
    PrintWriter out = spec.commandLine().getOut();
    ZoneId zone = jt.config.agent().timezone();
    try (ManifestReader m = jt.store.openManifest(point)) {
      for (ManifestEntry e = m.next(); e != null; e = m.next()) {
        if (!selected(wanted, e.path())) {
          continue;
        }
        if (json) {
          Json.line(out, e);
        } else {
          out.println(line(e, zone));
        }
      }
    }
    return ExitCodes.OK;
  }

  private static boolean selected(List<String> wanted, String path) {
    return wanted.isEmpty() || wanted.stream().anyMatch(w -> TreeOrder.isWithin(path, w));
  }

  private static String normalize(String p) {
    String n = p;
    while (n.startsWith("/")) {
      n = n.substring(1);
    }
    while (n.endsWith("/")) {
      n = n.substring(0, n.length() - 1);
    }
    return n;
  }

  static String line(ManifestEntry e, ZoneId zone) {
    char type =
        switch (e.type()) {
          case DIR -> 'd';
          case SYMLINK -> 'l';
          default -> '-';
        };
    String owner =
        (e.user() == null ? Long.toString(e.uid()) : e.user())
            + "/"
            + (e.group() == null ? Long.toString(e.gid()) : e.group());
    String suffix =
        e.type() == EntryType.SYMLINK
            ? " -> " + e.target()
            : e.type() == EntryType.HARDLINK ? " (hard link to " + e.target() + ")" : "";
    if (e.error() != null) {
      suffix += " [NOT BACKED UP: " + e.error() + "]";
    } else if (e.changedWhileRead()) {
      suffix += " [changed while read]";
    }
    return String.format(
        "%c%s %-17s %12d %s %s%s",
        type,
        permissions(e.mode()),
        owner,
        e.size(),
        Format.time(e.mtime(), zone),
        e.path(),
        suffix);
  }

  static String permissions(int mode) {
    char[] c = "rwxrwxrwx".toCharArray();
    for (int i = 0; i < 9; i++) {
      if ((mode & (1 << (8 - i))) == 0) {
        c[i] = '-';
      }
    }
    if ((mode & 04000) != 0) {
      c[2] = c[2] == 'x' ? 's' : 'S';
    }
    if ((mode & 02000) != 0) {
      c[5] = c[5] == 'x' ? 's' : 'S';
    }
    if ((mode & 01000) != 0) {
      c[8] = c[8] == 'x' ? 't' : 'T';
    }
    return new String(c);
  }
}
