package it.continuo.cli;

import it.continuo.config.Config;
import it.continuo.config.JobConfig;
import it.continuo.config.LocalTargetConfig;
import it.continuo.config.ServiceConfig;
import it.continuo.config.SourceConfig;
import it.continuo.config.TargetConfig;
import it.continuo.schedule.JobSchedule;
import it.continuo.schedule.RpoCheck;
import it.continuo.schedule.Task;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code continuo check-config}: validates the file and prints the jobs it defines. */
@Command(
    name = "check-config",
    mixinStandardHelpOptions = true,
    description = "Validate the configuration and print its jobs with their next run times.")
final class CheckConfigCommand implements Callable<Integer> {
  @ParentCommand ContinuoCommand root;

  @Option(names = "--json", description = "Print as JSON.")
  boolean json;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /** One job as printed. */
  record JobView(
      String name,
      String source,
      List<String> paths,
      List<String> exclude,
      List<String> targets,
      List<String> targetLocations,
      String full,
      Instant nextFull,
      String incremental,
      Instant nextIncremental,
      List<String> preHooks,
      List<String> postHooks) {}

  /** The whole configuration as printed. */
  record View(
      String file,
      String agent,
      String dataDir,
      String timezone,
      List<JobView> jobs,
      List<ServiceConfig> services,
      List<String> replicas,
      List<String> runbooks,
      List<String> warnings) {}

  @Override
  public Integer call() throws Exception {
    Config config = root.loadConfig();
    ZoneId zone = config.agent().timezone();
    List<JobView> jobs = new ArrayList<>();
    Instant now = Instant.now();
    for (JobConfig job : config.jobs().values()) {
      JobSchedule schedule = new JobSchedule(job, zone);
      SourceConfig source = config.sourceOf(job);
      List<TargetConfig> targets = config.targetsOf(job);
      jobs.add(
          new JobView(
              job.name(),
              source.name(),
              source.paths().stream().map(Path::toString).toList(),
              source.exclude(),
              targets.stream().map(TargetConfig::name).toList(),
              targets.stream().map(CheckConfigCommand::location).toList(),
              job.full(),
              schedule.next(Task.FULL, now).orElse(null),
              job.incremental(),
              schedule.next(Task.INCREMENTAL, now).orElse(null),
              job.hooks().pre(),
              job.hooks().post()));
    }
    View view =
        new View(
            config.file().toString(),
            config.agent().name(),
            config.agent().dataDir().toString(),
            zone.getId(),
            jobs,
            config.services(),
            config.replicas().values().stream().map(CheckConfigCommand::replica).toList(),
            config.failover().runbooks().values().stream()
                .map(CheckConfigCommand::runbook)
                .toList(),
            warnings(config));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Json.print(out, view);
    } else {
      print(out, view, zone);
    }
    return ExitCodes.OK;
  }

  /** The loader's warnings, and each job scheduled too seldom for a service's RPO. */
  static List<String> warnings(Config config) {
    List<String> all = new ArrayList<>(config.warnings());
    all.addAll(RpoCheck.warnings(config, Instant.now()));
    return all;
  }

  private static void print(PrintWriter out, View v, ZoneId zone) {
    out.println("configuration " + v.file() + " is valid");
    out.println("agent " + v.agent() + ", data in " + v.dataDir() + ", time zone " + v.timezone());
    if (v.jobs().isEmpty()) {
      out.println("no jobs defined");
    }
    for (JobView j : v.jobs()) {
      out.println();
      out.println("job " + j.name());
      out.println("  source       " + j.source() + ": " + String.join(", ", j.paths()));
      if (!j.exclude().isEmpty()) {
        out.println("  excluding    " + String.join(", ", j.exclude()));
      }
      for (int i = 0; i < j.targets().size(); i++) {
        out.println(
            "  target       " + j.targets().get(i) + " (" + j.targetLocations().get(i) + ")");
      }
      out.println("  full         " + pad(j.full()) + " next " + Format.time(j.nextFull(), zone));
      out.println(
          "  incremental  "
              + pad(j.incremental())
              + " next "
              + Format.time(j.nextIncremental(), zone));
      for (String h : j.preHooks()) {
        out.println("  pre hook     " + h);
      }
      for (String h : j.postHooks()) {
        out.println("  post hook    " + h);
      }
    }
    for (ServiceConfig s : v.services()) {
      out.println();
      out.println(
          "service " + s.name() + (s.description().isEmpty() ? "" : " (" + s.description() + ")"));
      out.println(
          "  RPO "
              + RpoCheck.human(s.rpo())
              + ", RTO "
              + RpoCheck.human(s.rto())
              + (s.tier() > 0 ? ", tier " + s.tier() : "")
              + (s.criticality() == null ? "" : ", criticality " + s.criticality()));
      out.println("  jobs         " + String.join(", ", s.jobs()));
      if (s.replica() != null) {
        out.println("  replica      " + s.replica());
      }
      if (s.runbook() != null) {
        out.println("  runbook      " + s.runbook());
      }
    }
    for (String r : v.replicas()) {
      out.println();
      out.println("replica " + r);
    }
    for (String r : v.runbooks()) {
      out.println();
      out.println("runbook " + r);
    }
    for (String w : v.warnings()) {
      out.println("warning: " + w);
    }
  }

  /** {@code uno: /srv/uno → secondario:/srv/uno, maxLag 15m, checked "0 0/15 * * * ?", 1 probe}. */
  private static String replica(it.continuo.config.ReplicaConfig r) {
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < r.primary().paths().size(); i++) {
      pairs.add(r.primary().describe(i) + " → " + r.secondary().describe(i));
    }
    return r.name()
        + ": "
        + String.join(", ", pairs)
        + ", maxLag "
        + RpoCheck.human(r.maxLag())
        + ", checked \""
        + r.schedule()
        + "\""
        + (r.probes().isEmpty()
            ? ""
            : ", " + r.probes().size() + (r.probes().size() == 1 ? " probe" : " probes"));
  }

  /** The runbook as {@code failover list} describes it, and whether detection starts it. */
  private static String runbook(it.continuo.config.RunbookConfig r) {
    return FailoverCli.describe(r)
        + (r.detection() != null && r.detection().auto() ? ", automatic on lost heartbeats" : "");
  }

  private static String pad(String s) {
    return String.format("%-22s", s);
  }

  static String location(TargetConfig t) {
    String where;
    if (t instanceof LocalTargetConfig l) {
      where = "local " + l.path();
    } else if (t instanceof it.continuo.config.SftpTargetConfig s) {
      where = "sftp " + s.host().endpoint() + " " + s.path();
    } else {
      it.continuo.config.S3TargetConfig s3 = (it.continuo.config.S3TargetConfig) t;
      where =
          "s3 bucket "
              + s3.bucket()
              + (s3.prefix().isEmpty() ? "" : "/" + s3.prefix())
              + (s3.endpoint() == null ? "" : " at " + s3.endpoint());
    }
    if (t.options().encryptTo() != null) {
      where += ", encrypted to " + t.options().encryptTo();
    }
    if (t.options().bandwidth() > 0) {
      where += ", at most " + t.options().bandwidth() / 1000 + " kbit/s";
    }
    return where;
  }
}
