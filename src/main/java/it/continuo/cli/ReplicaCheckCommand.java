package it.continuo.cli;

import it.continuo.config.Config;
import it.continuo.config.ReplicaConfig;
import it.continuo.replica.Difference;
import it.continuo.replica.ProbeResult;
import it.continuo.replica.ReplicaChecker;
import it.continuo.replica.ReplicaHistory;
import it.continuo.replica.ReplicaResult;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code continuo replica check [NAME]}: compares the primary and the secondary of one replica, or
 * of each, once. Exit 0 when every replica checked is in sync or lagging within its maxLag, 1 when
 * one is behind, different or unknown.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = "Compare the primary and the secondary of a replica (of each without NAME).",
    footer = {
      "",
      "Exit codes: 0 every replica in sync or lagging within maxLag; 1 one is behind, different",
      "or could not be checked (unknown); 2 usage or configuration error."
    })
final class ReplicaCheckCommand implements Callable<Integer> {
  @ParentCommand ReplicaCommand parent;

  @Parameters(arity = "0..1", paramLabel = "NAME", description = "The replica (default: all).")
  String name;

  @Option(names = "--json", description = "Print the results as a JSON array.")
  boolean json;

  @Option(names = "--details", description = "List every difference.")
  boolean details;

  @Option(
      names = "--quick",
      description = "Metadata only: hash no content (fast, for a gate before a failover).")
  boolean quick;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /** A result as {@code --json} prints it: times in ISO 8601, durations in seconds. */
  record View(
      String replica,
      Instant checkedAt,
      boolean quick,
      String state,
      boolean acceptable,
      Double lagSeconds,
      double maxLagSeconds,
      long primaryEntries,
      long primaryBytes,
      long secondaryEntries,
      long secondaryBytes,
      int missing,
      int extra,
      int changed,
      long hashedFiles,
      long hashedBytes,
      List<Difference> differences,
      boolean truncated,
      List<ProbeView> probes,
      String reason,
      double tookSeconds) {

    static View of(ReplicaResult r) {
      return new View(
          r.replica(),
          r.checkedAt(),
          r.quick(),
          r.state().name(),
          r.state().acceptable(),
          r.lag() == null ? null : seconds(r.lag()),
          seconds(r.maxLag()),
          r.primaryEntries(),
          r.primaryBytes(),
          r.secondaryEntries(),
          r.secondaryBytes(),
          r.missing(),
          r.extra(),
          r.changed(),
          r.hashedFiles(),
          r.hashedBytes(),
          r.differences(),
          r.truncated(),
          r.probes().stream().map(ProbeView::of).toList(),
          r.reason(),
          seconds(r.took()));
    }
  }

  /** A probe's result as {@code --json} prints it. */
  record ProbeView(String name, Double lagSeconds, String error) {
    static ProbeView of(ProbeResult p) {
      return new ProbeView(p.name(), p.lag() == null ? null : seconds(p.lag()), p.error());
    }
  }

  static double seconds(Duration d) {
    return d.getSeconds() + d.getNano() / 1e9;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Config config = parent.root.loadConfig();
    List<ReplicaConfig> replicas = new ArrayList<>();
    if (name == null) {
      replicas.addAll(config.replicas().values());
    } else if (config.replicas().containsKey(name)) {
      replicas.add(config.replicas().get(name));
    } else {
      throw new UsageException(
          "no replica \""
              + name
              + "\" in the configuration; replicas: "
              + (config.replicas().isEmpty()
                  ? "none"
                  : String.join(", ", config.replicas().keySet())));
    }
    ReplicaChecker checker = new ReplicaChecker(Clock.systemUTC());
    List<ReplicaResult> results = new ArrayList<>();
    // Each check is evidence for the report and /metrics, as the daemon's are.
    try (CliHistory history = CliHistory.open(config, spec.commandLine().getErr())) {
      for (ReplicaConfig r : replicas) {
        Instant since = quick ? null : history.lastFullReplicaCheck(r.name());
        ReplicaResult result = checker.check(r, quick, since);
        history.replicaCheck(ReplicaHistory.of(result));
        results.add(result);
        if (!json) {
          print(out, result);
          out.flush();
        }
      }
    }
    if (json) {
      Json.print(out, results.stream().map(View::of).toList());
    }
    return results.stream().allMatch(r -> r.state().acceptable()) ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private void print(PrintWriter out, ReplicaResult r) {
    out.println(
        String.format(
            Locale.ROOT,
            "%s: %s%s, %d missing, %d extra, %d changed; %d/%d entries, hashed %d files (%s),"
                + " %.1f s%s",
            r.replica(),
            r.state().word().toUpperCase(Locale.ROOT),
            r.lag() == null
                ? ""
                : ", lag "
                    + Format.duration(r.lag())
                    + " (max "
                    + Format.duration(r.maxLag())
                    + ")",
            r.missing(),
            r.extra(),
            r.changed(),
            r.primaryEntries(),
            r.secondaryEntries(),
            r.hashedFiles(),
            Format.bytes(r.hashedBytes()),
            seconds(r.took()),
            r.quick() ? ", quick" : ""));
    out.println("  " + r.reason());
    for (ProbeResult p : r.probes()) {
      out.println(
          "  probe "
              + p.name()
              + ": "
              + (p.ok() ? "lag " + Format.duration(p.lag()) : "failed: " + p.error()));
    }
    if (details) {
      for (Difference d : r.differences()) {
        out.println(String.format(Locale.ROOT, "  %-8s %s: %s", d.kind(), d.path(), d.detail()));
      }
      if (r.truncated()) {
        out.println(
            "  … more differences not listed (" + ReplicaResult.MAX_DIFFERENCES + " shown)");
      }
    }
  }
}
